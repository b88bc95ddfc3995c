using System.Security.Cryptography;
using System.Text;
using Choshu.App.Disclosure;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Assessments;
using Choshu.Data.Ledger;
using Choshu.Data.Payments;
using Choshu.Data.Privacy;
using Choshu.Data.Taxpayers;
using Choshu.Domain;
using Choshu.Domain.Assessments;
using Choshu.Domain.Cases;
using Choshu.Domain.Claims;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.Domain.Taxpayers;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Choshu.TestSupport.StaffSeed;

namespace Choshu.App.Tests.Disclosure;

/// <summary>
/// 開示等請求 with explicit data. Today 2026-11-26 12:00 JST. The person is 1000000001 鹿児島 花子:
/// <list type="bullet">
/// <item>two versions (2020-04-01 山下町 11-1; 2024-04-01 谷山中央 2-2, My Number set), a My Number held, tax agent 1000000009 代理 一郎;</item>
/// <item>2 assessments: 市民税 2025 notice 2025010000001 (period 1 due 2025-06-30 30,000; period 2 due 2025-09-01 30,000),
/// 固定資産税 2026 notice 2026020000001 (period 1 due 2026-04-30 100,000);</item>
/// <item>3 payments: bank 30,000 paid 2025-06-30 (period 1), store 30,000 paid 2025-09-10 (period 2),
/// counter 100,500 paid 2026-04-30 (固定資産税; 500 overpaid);</item>
/// <item>a direct-debit registration (0182-001 普通 1234567, from 2025-04-01) and a failure on 2025-06-30 (1 資金不足), a case with officer 200001;</item>
/// <item>audit: viewed by 100001 on 2026-11-20 10:00:00 JST and by 200001 on 2026-11-25 16:30:00 JST (納付相談).</item>
/// </list>
/// Someone else, 1000000002, has a 市民税 2026 assessment (notice 2026010000002) and was viewed once: none of it may appear.
/// </summary>
public class DisclosureRequestsTests
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Postgres, StoreProvider.Sqlite };

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));

    private sealed class World : IAsyncDisposable
    {
        public required TestStore Store { get; init; }
        public required Actor Officer { get; init; }
        public required Actor Clerk { get; init; }
        public required long PersonId { get; init; }
        public required string Dir { get; init; }

        public async ValueTask DisposeAsync()
        {
            await Store.DisposeAsync();
            if (Directory.Exists(Dir)) Directory.Delete(Dir, true);
        }
    }

    private static DateTime Utc(int y, int m, int d, int h = 0, int min = 0) => new(y, m, d, h, min, 0, DateTimeKind.Utc);

    private static async Task<World> SeedAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await using var db = store.Open();
        var officer = await AddAsync(db, "600001", "保護 責任者", Holds(Role.SecurityOfficer));
        var clerk = await AddAsync(db, "100001", "収納 花子", Holds(Role.CollectionClerk));
        var delinquency = await AddAsync(db, "200001", "滞納 一郎", Holds(Role.DelinquencyOfficer));

        var v1 = new TaxpayerFacts { NameKanji = "鹿児島 花子", NameKana = "カゴシマ ハナコ", BirthDate = new DateOnly(1980, 4, 1), Sex = Sex.Female, TownName = "鹿児島県鹿児島市山下町", StreetNumber = "11-1" };
        var v2 = v1 with { TownName = "鹿児島県鹿児島市谷山中央", StreetNumber = "2-2" };
        var person = new Taxpayer { TaxpayerNo = "1000000001", Facts = v2, HistorySeq = 2, EffectiveDate = new DateOnly(2024, 4, 1), CreatedAtUtc = Utc(2020, 4, 1), UpdatedAtUtc = Utc(2024, 4, 1) };
        var other = new Taxpayer { TaxpayerNo = "1000000002", Facts = new TaxpayerFacts { NameKanji = "谷山 次郎", NameKana = "タニヤマ ジロウ" }, HistorySeq = 1, EffectiveDate = new DateOnly(2020, 4, 1), CreatedAtUtc = Utc(2020, 4, 1), UpdatedAtUtc = Utc(2020, 4, 1) };
        var agent = new Taxpayer { TaxpayerNo = "1000000009", Facts = new TaxpayerFacts { NameKanji = "代理 一郎", NameKana = "ダイリ イチロウ" }, HistorySeq = 1, EffectiveDate = new DateOnly(2020, 4, 1), CreatedAtUtc = Utc(2020, 4, 1), UpdatedAtUtc = Utc(2020, 4, 1) };
        db.Taxpayers.AddRange(person, other, agent);
        await db.SaveChangesAsync();
        db.TaxpayerVersions.AddRange(
            new TaxpayerVersion { TaxpayerId = person.Id, HistorySeq = 1, EffectiveDate = new DateOnly(2020, 4, 1), Facts = v1, Source = ChangeSource.PlatformImport, RecordedBy = "system:import", RecordedAtUtc = Utc(2020, 4, 1) },
            new TaxpayerVersion { TaxpayerId = person.Id, HistorySeq = 2, EffectiveDate = new DateOnly(2024, 4, 1), Facts = v2, MyNumberChanged = true, Source = ChangeSource.PlatformImport, Reason = "転居", RecordedBy = "system:import", RecordedAtUtc = Utc(2024, 4, 1) });
        // Stands for ciphertext; the report must say only that a number is held.
        db.TaxpayerMyNumbers.Add(new TaxpayerMyNumber { TaxpayerId = person.Id, Value = "ciphertext-of-the-person", KeyVersion = 1, BlindIndex = new string('b', 64), UpdatedAtUtc = Utc(2024, 4, 1) });
        db.TaxAgents.Add(new TaxAgent { TaxpayerId = person.Id, AgentTaxpayerId = agent.Id, RegisteredOn = new DateOnly(2025, 5, 1), Reason = "長期出張", RecordedBy = "test", RecordedAtUtc = Utc(2025, 5, 1) });

        Installment Inst(short period, DateOnly due) => new() { Period = period, NominalDueDate = due, DueDate = due, StatutoryDueDate = due };
        var shimin = new Assessment { TaxpayerId = person.Id, TaxKindCode = TaxKindCodes.InhabitantTax, FiscalYear = 2025, LiabilityYear = 2025, NoticeNo = "2025010000001", CreatedAtUtc = Utc(2025, 5, 15), Installments = [Inst(1, new DateOnly(2025, 6, 30)), Inst(2, new DateOnly(2025, 9, 1))] };
        var kotei = new Assessment { TaxpayerId = person.Id, TaxKindCode = TaxKindCodes.FixedAssetTax, FiscalYear = 2026, LiabilityYear = 2026, NoticeNo = "2026020000001", CreatedAtUtc = Utc(2026, 4, 1), Installments = [Inst(1, new DateOnly(2026, 4, 30))] };
        var others = new Assessment { TaxpayerId = other.Id, TaxKindCode = TaxKindCodes.InhabitantTax, FiscalYear = 2026, LiabilityYear = 2026, NoticeNo = "2026010000002", CreatedAtUtc = Utc(2026, 5, 15), Installments = [Inst(1, new DateOnly(2026, 6, 30))] };
        db.Assessments.AddRange(shimin, kotei, others);
        await db.SaveChangesAsync();
        long s1 = shimin.Installments[0].Id, s2 = shimin.Installments[1].Id, k1 = kotei.Installments[0].Id, o1 = others.Installments[0].Id;

        JournalEntry Entry(long inst, JournalEntryKind kind, long amount, DateOnly on, long? payment = null) => new()
        {
            InstallmentId = inst, Kind = kind, Component = LedgerComponent.Principal, Amount = amount, ValueDate = on,
            RecordedAtUtc = on.ToDateTime(new TimeOnly(1, 0), DateTimeKind.Utc), Actor = "test", PaymentId = payment,
        };
        db.JournalEntries.AddRange(Entry(s1, JournalEntryKind.Charge, 30_000, new DateOnly(2025, 5, 15)), Entry(s2, JournalEntryKind.Charge, 30_000, new DateOnly(2025, 5, 15)),
            Entry(k1, JournalEntryKind.Charge, 100_000, new DateOnly(2026, 4, 1)), Entry(o1, JournalEntryKind.Charge, 70_000, new DateOnly(2026, 5, 15)));
        Payment Pay(long inst, PaymentChannel channel, long amount, DateOnly on, string key) => new()
        {
            Channel = channel, Status = PaymentStatus.Booked, RawKey = key, InstallmentId = inst, Amount = amount, PaidOn = on, ReceivedOn = on,
            IdempotencyKey = key, RawRecord = "raw " + key, Actor = "test", RecordedAtUtc = on.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc),
        };
        var p1 = Pay(s1, PaymentChannel.Bank, 30_000, new DateOnly(2025, 6, 30), "bank:1");
        var p2 = Pay(s2, PaymentChannel.Store, 30_000, new DateOnly(2025, 9, 10), "store:2");
        var p3 = Pay(k1, PaymentChannel.Counter, 100_500, new DateOnly(2026, 4, 30), "counter:3");
        var po = Pay(o1, PaymentChannel.Bank, 70_000, new DateOnly(2026, 6, 30), "bank:other");
        db.Payments.AddRange(p1, p2, p3, po);
        await db.SaveChangesAsync();
        db.JournalEntries.AddRange(Entry(s1, JournalEntryKind.Payment, -30_000, p1.PaidOn, p1.Id), Entry(s2, JournalEntryKind.Payment, -30_000, p2.PaidOn, p2.Id),
            Entry(k1, JournalEntryKind.Payment, -100_000, p3.PaidOn, p3.Id), Entry(o1, JournalEntryKind.Payment, -70_000, po.PaidOn, po.Id));
        // The 500 yen overpaid is an entry of the overpayment account (the overpayments view projects it).
        db.JournalEntries.Add(new JournalEntry
        {
            InstallmentId = k1, Kind = JournalEntryKind.Payment, Component = LedgerComponent.Overpayment, Amount = -500, ValueDate = p3.PaidOn,
            RecordedAtUtc = Utc(2026, 4, 30, 2), Actor = "test", ReasonCode = OverpaymentReasonCodes.Of(OverpaymentReason.OverPayment), PaymentId = p3.Id,
        });
        db.DirectDebitAccounts.Add(new DirectDebitAccount { TaxpayerId = person.Id, TaxKindCode = TaxKindCodes.InhabitantTax, BankCode = "0182", BranchCode = "001", AccountNo = "1234567", HolderKana = "ｶｺﾞｼﾏ ﾊﾅｺ", StartsOn = new DateOnly(2025, 4, 1), RecordedAtUtc = Utc(2025, 3, 1) });
        db.DirectDebitRegistrations.Add(new DirectDebitRegistration
        {
            TaxpayerId = person.Id, TaxKindCode = TaxKindCodes.InhabitantTax, Kind = Choshu.Domain.DirectDebit.DebitRegistrationKind.New,
            Source = Choshu.Domain.DirectDebit.DebitRegistrationSource.Form, ReceivedOn = new DateOnly(2025, 3, 1), EffectiveOn = new DateOnly(2025, 4, 1),
            StartFiscalYear = 2025, StartPeriod = 1, BankCode = "0182", BranchCode = "001", AccountType = 1, AccountNo = "1234567", HolderKana = "ｶｺﾞｼﾏ ﾊﾅｺ",
            ReferenceNo = "R-0001", RecordedBy = "100001", RecordedAtUtc = Utc(2025, 3, 1),
        });
        var file = new Data.Imports.ImportFile { Kind = "zengin", FileName = "result.txt", Sha256 = new string('c', 64), Encoding = "shift_jis", SizeBytes = 1, FirstImportedAtUtc = Utc(2025, 7, 2) };
        db.ImportFiles.Add(file);
        var opened = new CaseStamp("300001", null, new DateOnly(2025, 9, 5), Utc(2025, 9, 5));
        var collectionCase = CollectionCase.Open(person.Id, opened);
        collectionCase.AssignOfficer(new CaseOfficer(delinquency.AccountId!.Value, "200001"), [Role.DelinquencyOfficer], opened);
        db.CollectionCases.Add(collectionCase);
        await db.SaveChangesAsync();
        db.ClaimEvents.Add(ClaimEvent.Create(s1, ClaimEventKind.ReminderDispatched, new DateOnly(2025, 7, 20), "100001", Utc(2025, 7, 20)));
        db.DebitFailures.Add(new DebitFailure { InstallmentId = s1, CustomerNo = "00000000000000000001", DebitDate = new DateOnly(2025, 6, 30), Amount = 30_000, ResultCode = 1, ImportFileId = file.Id, SourceLine = 2, IdempotencyKey = "zengin:20250630:1", RecordedAtUtc = Utc(2025, 7, 2) });
        await db.SaveChangesAsync();

        var viewClock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.Zero)); // 10:00 JST
        await AuditLog.AppendAsync(db, clerk, new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: person.Id), viewClock);
        await AuditLog.AppendAsync(db, clerk, new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: other.Id), viewClock);
        viewClock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 7, 30, 0, TimeSpan.Zero)); // 16:30 JST
        await AuditLog.AppendAsync(db, delinquency, new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: person.Id, Purpose: "納付相談"), viewClock);

        // Two transfers and an arrears list: the 市民税 2025 transfer and the list as of 2025-09-05 (period 2 unpaid then) held her data; the 固定資産税 2025 transfer did not.
        DataRelease Release(DataReleaseKind kind, string content, string recipient, DateTime at) => new()
        {
            Kind = kind, Content = content, Recipient = recipient, Items = "宛名番号", RowCount = 10, Sha256 = new string('d', 64), FileName = content + ".csv", ActorName = "800001", AtUtc = at,
        };
        db.DataReleases.AddRange(
            Release(DataReleaseKind.Transfer, "payment-status:01:2025", "市民税課", Utc(2026, 1, 15)),
            Release(DataReleaseKind.Transfer, "payment-status:02:2025", "資産税課", Utc(2026, 1, 15)),
            Release(DataReleaseKind.Export, "arrears-list:2025-09-05", "自課（課コード 0310）", Utc(2025, 9, 5, 3)));
        await db.SaveChangesAsync();

        var dir = Path.Combine(Path.GetTempPath(), "choshu-disclosure-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return new World { Store = store, Officer = officer, Clerk = clerk, PersonId = person.Id, Dir = dir };
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ProduceReportAsync_Person_ListsEveryRecordAndEveryAccessWithItsTime(StoreProvider provider)
    {
        await using var w = await SeedAsync(provider);
        await using var db = w.Store.Open();
        var clock = Clock();
        var service = new DisclosureRequests(db, clock);
        var request = await service.RegisterAsync(w.Officer, "1000000001", DisclosureKind.Disclosure, new DateOnly(2026, 11, 24), "鹿児島 花子", "本人", "保有個人情報の全部");
        clock.Advance(TimeSpan.FromMinutes(30));
        var path = Path.Combine(w.Dir, "report.txt");

        var receipt = await service.ProduceReportAsync(w.Officer, request.Id, path);

        var report = receipt.Report;
        IReadOnlyList<string> Col(string section, int column) => report.Section(section).Rows.Select(r => r[column]).ToList();
        Assert.Equal(["2025010000001", "2026020000001"], Col("assessments", 3));
        Assert.Equal(["60000", "100000"], Col("assessments", 5));
        Assert.Equal(["市民税 2025年度 2025010000001 第1期", "市民税 2025年度 2025010000001 第2期", "固定資産税 2026年度 2026020000001 第1期"], Col("installments", 0));
        Assert.Equal([("30000", "30000", "0"), ("30000", "30000", "0"), ("100000", "100000", "0")],
            report.Section("installments").Rows.Select(r => (r[2], r[3], r[4])));
        Assert.Equal(["30000", "30000", "100500"], Col("payments", 4));
        Assert.Equal(["金融機関", "コンビニ", "窓口"], Col("payments", 2));
        Assert.Equal(["2025-06-30", "2025-09-10", "2026-04-30"], Col("payments", 5));
        Assert.Equal(["500"], Col("overpayments", 3));
        Assert.Equal(7, report.Section("journal").Rows.Count); // 3 charges, 3 payments and the overpayment-account entry of 500
        Assert.Equal(["1", "2"], Col("history", 0));
        Assert.Equal([["あり", "************", "2024-04-01 09:00:00"]], report.Section("my-number").Rows);
        Assert.Equal(["1000000009"], Col("agents", 2));
        Assert.Equal(["1234567"], Col("debit-accounts", 4));
        Assert.Equal(["1 資金不足"], Col("debit-failures", 3));
        Assert.Equal([["2025-03-01", "新規", "口座振替依頼書", "市民税", "2025-04-01", "2025年度 第1期", "0182", "001", "1234567", "ｶｺﾞｼﾏ ﾊﾅｺ", "R-0001", "100001"]],
            report.Section("debit-registrations").Rows);
        var reminder = Assert.Single(report.Section("claim-events").Rows);
        Assert.Equal(("督促", "2025-07-20", "100001"), (reminder[2], reminder[3], reminder[10]));
        Assert.Equal(["200001 滞納 一郎"], Col("cases", 3));
        Assert.Equal(new[] { "arrears-list:2025-09-05", "payment-status:01:2025" }, Col("releases", 4).Order(StringComparer.Ordinal));
        Assert.Equal(
        [
            ("2026-11-20T10:00:00.000000+09:00", "100001", "収納 花子", "2001 納税義務者情報の参照", ""),
            ("2026-11-25T16:30:00.000000+09:00", "200001", "滞納 一郎", "2001 納税義務者情報の参照", "納付相談"),
            ("2026-11-26T12:00:00.000000+09:00", "600001", "保護 責任者", "9000 開示等請求の受付", "開示請求"),
        ], report.Section("access").Rows.Select(r => (r[1], r[2], r[3], r[5], r[7])));

        var bytes = await File.ReadAllBytesAsync(path);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("■ 6. 調定（2 件）", text);
        Assert.Contains("■ 9. 期別の事績（督促・催告・承認・差押・執行停止など）（1 件）", text);
        Assert.Contains("■ 10. 収納（3 件）", text);
        Assert.Contains("■ 13. 口座振替の申込・変更・廃止の受付（1 件）", text);
        Assert.Contains("■ 19. 操作ログ（この方の情報へのアクセス）（3 件）", text);
        Assert.DoesNotContain("ciphertext", text);
        Assert.DoesNotContain("2026010000002", text);
        Assert.DoesNotContain("谷山 次郎", text);
        Assert.DoesNotContain("payment-status:02:2025", text);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal(sha, receipt.Sha256);

        var stored = await db.DisclosureRequests.AsNoTracking().SingleAsync();
        Assert.Equal((sha, (DateTime?)new DateTime(2026, 11, 26, 3, 30, 0, DateTimeKind.Utc)), (stored.ReportSha256, stored.ReportProducedAtUtc));
        var e = await db.AuditEvents.OrderByDescending(x => x.Id).FirstAsync();
        Assert.Equal((AuditEventKind.DisclosureReportProduced, (long?)w.PersonId, "600001"), (e.Kind, e.TaxpayerId, e.ActorName));
        Assert.Equal($"開示等請求 {request.Id}: 報告書 report.txt SHA-256={sha} 操作ログ 3 件", e.Detail);
    }

    [Fact]
    public async Task RegisterAsync_Received1124_DueIn30DaysAndAudited()
    {
        await using var w = await SeedAsync(StoreProvider.Postgres);
        await using var db = w.Store.Open();

        var r = await new DisclosureRequests(db, Clock()).RegisterAsync(w.Officer, "1000000001", DisclosureKind.Correction, new DateOnly(2026, 11, 24), "鹿児島 太郎", "法定代理人", "住所の訂正");

        Assert.Equal(new DateOnly(2026, 12, 24), r.DueOn);
        Assert.Equal(("600001", w.Officer.AccountId), (r.RegisteredBy, r.RegisteredByAccountId));
        var e = await db.AuditEvents.OrderByDescending(x => x.Id).FirstAsync();
        Assert.Equal((AuditEventKind.DisclosureRequestRegistered, (long?)w.PersonId), (e.Kind, e.TaxpayerId));
        Assert.Equal($"開示等請求 {r.Id}: 訂正請求 受付日 2026-11-24 回答期限 2026-12-24 請求者 法定代理人", e.Detail);
        Assert.DoesNotContain("鹿児島 太郎", e.Detail); // the requester's name stays in the request, not the log
    }

    [Fact]
    public async Task RegisterAsync_WithoutDisclosureRight_RefusedAndAudited()
    {
        await using var w = await SeedAsync(StoreProvider.Postgres);
        await using var db = w.Store.Open();

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            new DisclosureRequests(db, Clock()).RegisterAsync(w.Clerk, "1000000001", DisclosureKind.Inquiry, new DateOnly(2026, 11, 24), "鹿児島 花子", "本人", "問合せ"));

        Assert.Equal(0, await db.DisclosureRequests.CountAsync());
        var e = await db.AuditEvents.OrderByDescending(x => x.Id).FirstAsync();
        Assert.Equal((AuditEventKind.AccessDenied, "100001", (long?)w.PersonId), (e.Kind, e.ActorName, e.TaxpayerId));
    }

    [Fact]
    public async Task AnswerAsync_DisclosureGrantedWithoutReport_RefusedThenRecordedAfterReport()
    {
        await using var w = await SeedAsync(StoreProvider.Postgres);
        await using var db = w.Store.Open();
        var service = new DisclosureRequests(db, Clock());
        var r = await service.RegisterAsync(w.Officer, "1000000001", DisclosureKind.Disclosure, new DateOnly(2026, 10, 20), "鹿児島 花子", "本人", "全部");

        Assert.Equal("disclosure.report_missing",
            (await Assert.ThrowsAsync<DomainException>(() => service.AnswerAsync(w.Officer, r.Id, DisclosureDecision.Granted, "開示します", new DateOnly(2026, 11, 26)))).Code);
        Assert.Equal("disclosure.decision_mismatch",
            (await Assert.ThrowsAsync<DomainException>(() => service.AnswerAsync(w.Officer, r.Id, DisclosureDecision.Answered, "回答", new DateOnly(2026, 11, 26)))).Code);
        await service.ProduceReportAsync(w.Officer, r.Id, Path.Combine(w.Dir, "r.txt"));

        var answered = await service.AnswerAsync(w.Officer, r.Id, DisclosureDecision.PartlyGranted, "第三者情報を除き開示", new DateOnly(2026, 11, 26));

        Assert.Equal((DisclosureDecision.PartlyGranted, (DateOnly?)new DateOnly(2026, 11, 26), "600001"), (answered.Decision, answered.AnsweredOn, answered.AnsweredBy));
        var e = await db.AuditEvents.OrderByDescending(x => x.Id).FirstAsync();
        Assert.Equal(AuditEventKind.DisclosureRequestAnswered, e.Kind);
        Assert.Equal($"開示等請求 {r.Id}: 決定 一部 回答日 2026-11-26（期限 2026-11-19 を 7 日超過）", e.Detail);
        Assert.Equal("disclosure.answered",
            (await Assert.ThrowsAsync<DomainException>(() => service.AnswerAsync(w.Officer, r.Id, DisclosureDecision.Refused, "x", new DateOnly(2026, 11, 26)))).Code);
    }

    [Fact]
    public async Task ListAsync_Open_ShowsUnansweredAndFlagsOverdue()
    {
        await using var w = await SeedAsync(StoreProvider.Postgres);
        await using var db = w.Store.Open();
        var service = new DisclosureRequests(db, Clock());
        var late = await service.RegisterAsync(w.Officer, "1000000001", DisclosureKind.SuspensionOfUse, new DateOnly(2026, 10, 20), "鹿児島 花子", "本人", "利用停止");
        var fresh = await service.RegisterAsync(w.Officer, "1000000002", DisclosureKind.Inquiry, new DateOnly(2026, 11, 20), "谷山 次郎", "本人", "保有の有無");
        var done = await service.RegisterAsync(w.Officer, "1000000001", DisclosureKind.Inquiry, new DateOnly(2026, 11, 1), "鹿児島 花子", "任意代理人", "利用目的");
        await service.AnswerAsync(w.Officer, done.Id, DisclosureDecision.Answered, "収納消込・還付・滞納整理", new DateOnly(2026, 11, 5));

        var open = await service.ListAsync(openOnly: true);
        var all = await service.ListAsync(openOnly: false);

        Assert.Equal([(late.Id, new DateOnly(2026, 11, 19), true), (fresh.Id, new DateOnly(2026, 12, 20), false)], open.Select(x => (x.Id, x.DueOn, x.Overdue)));
        Assert.Equal(3, all.Count);
        Assert.False(all.Single(x => x.Id == done.Id).Overdue);
    }
}
