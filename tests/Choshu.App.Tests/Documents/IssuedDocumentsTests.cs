using System.Security.Cryptography;
using System.Text;
using Choshu.App.Documents;
using Choshu.App.Releases;
using Choshu.App.Security;
using Choshu.App.Slips;
using Choshu.Data;
using Choshu.Data.Assessments;
using Choshu.Data.Documents;
using Choshu.Data.Ledger;
using Choshu.Data.Privacy;
using Choshu.Domain;
using Choshu.Domain.Assessments;
using Choshu.Domain.Ledger;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Choshu.TestSupport.StaffSeed;

namespace Choshu.App.Tests.Documents;

/// <summary>
/// 発行記録 (<see cref="IssuedDocuments"/>) and the reissued slip going through it, in one PostgreSQL and one SQLite
/// store for the class. Each test seeds its own taxpayer and installment (fixed installment ids, so the 消込番号
/// is known). Staff: 100001 収納担当 from 2026-04-01. Today 2026-11-26 12:00 JST unless a test moves the clock.
/// </summary>
public sealed class IssuedDocumentsTests(IssuedDocumentsTests.Stores stores) : IClassFixture<IssuedDocumentsTests.Stores>
{
    public sealed class Stores : IAsyncLifetime
    {
        private readonly Dictionary<StoreProvider, TestStore> _stores = [];

        public TestStore this[StoreProvider provider] => _stores[provider];

        public Actor Clerk { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            foreach (var provider in new[] { StoreProvider.Postgres, StoreProvider.Sqlite })
            {
                var store = await TestStore.CreateAsync(provider);
                _stores[provider] = store;
                await using var db = store.Open();
                Clerk = await AddAsync(db, "100001", "収納 一郎", Holds(Role.CollectionClerk));
            }
        }

        public async Task DisposeAsync()
        {
            foreach (var s in _stores.Values) await s.DisposeAsync();
        }
    }

    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Postgres, StoreProvider.Sqlite };

    private static readonly DateTimeOffset Nov26 = new(2026, 11, 26, 3, 0, 0, TimeSpan.Zero); // 12:00 JST

    /// <summary>
    /// A taxpayer with 市民税 2026 notice <paramref name="noticeNo"/> period 1 (installment <paramref name="installmentId"/>)
    /// due Tue 2026-06-30, principal 60,000 charged 2026-06-10, unpaid. Returns the taxpayer's id.
    /// </summary>
    private static async Task<long> SeedAsync(ChoshuDbContext db, string taxpayerNo, string noticeNo, long installmentId)
    {
        var taxpayerId = await LedgerSeed.TaxpayerAsync(db, taxpayerNo);
        var due = new DateOnly(2026, 6, 30);
        db.Assessments.Add(new Assessment
        {
            TaxpayerId = taxpayerId, TaxKindCode = TaxKindCodes.InhabitantTax, FiscalYear = 2026, LiabilityYear = 2026, NoticeNo = noticeNo, CreatedAtUtc = LedgerSeed.NowUtc,
            Installments = [new Installment { Id = installmentId, Period = 1, NominalDueDate = due, DueDate = due, StatutoryDueDate = due }],
        });
        await db.SaveChangesAsync();
        AddEntry(db, installmentId, JournalEntryKind.Charge, 60_000, new DateOnly(2026, 6, 10));
        await db.SaveChangesAsync();
        return taxpayerId;
    }

    private static void AddEntry(ChoshuDbContext db, long installmentId, JournalEntryKind kind, long amount, DateOnly on) =>
        db.JournalEntries.Add(new JournalEntry
        {
            InstallmentId = installmentId, Kind = kind, Component = LedgerComponent.Principal, Amount = amount, ValueDate = on,
            RecordedAtUtc = LedgerSeed.NowUtc, Actor = "test",
        });

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void DocumentData_Canonical_SortedByNameNoSpacesDatesAndEscapesAsRfc8785()
    {
        var data = new DocumentData()
            .Add("name", "鹿児島 花子")
            .Add("amount", 46_700)
            .Add("Zip", "892-0816")                         // upper case sorts before lower case (ordinal)
            .Add("note", "a\"b\\c\nd\u0001")
            .Add("dueOn", new DateOnly(2026, 6, 30))
            .Add("paid", false)
            .Add("barcode", (string?)null)
            .Add("lines", [new DocumentData().Add("period", 1).Add("amount", -15_000)]);

        const string expected = "{\"Zip\":\"892-0816\",\"amount\":46700,\"barcode\":null,\"dueOn\":\"2026-06-30\","
            + "\"lines\":[{\"amount\":-15000,\"period\":1}],\"name\":\"鹿児島 花子\",\"note\":\"a\\\"b\\\\c\\nd\\u0001\",\"paid\":false}";
        Assert.Equal(expected, data.ToCanonicalJson());
        Assert.Equal(Sha256(expected), data.Sha256());
        Assert.Throws<ArgumentException>(() => data.Add("amount", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DocumentData().Add("big", DocumentData.MaxWholeNumber + 1));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task IssueAsync_Slip_OneDocumentAndOne2005RecordNamingItsNumberAndHash(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var taxpayerId = await SeedAsync(db, "1000000201", "2026010000201", 2_000_001);
        var clock = new FakeTimeProvider(Nov26);
        var lastAudit = await db.AuditEvents.MaxAsync(e => (long?)e.Id) ?? 0;

        var issued = await ReissuedSlipQuery.IssueAsync(db, stores.Clerk, new ReissuedSlipRequest("2026010000201", 1, null, null, new DateOnly(2026, 11, 26)), clock);

        var documents = await db.IssuedDocuments.AsNoTracking().Where(d => d.TaxpayerId == taxpayerId).ToListAsync();
        var document = Assert.Single(documents);
        Assert.Equal(issued.DocumentId, document.Id);
        Assert.Equal((IssuedDocumentKinds.Slip, "reissued-slip", 1, (long?)2_000_001, (long?)null, (string?)null, "100001", stores.Clerk.AccountId, Nov26.UtcDateTime),
            (document.Kind, document.Template, document.TemplateVersion, document.InstallmentId, document.ReprintOfId, document.FileSha256,
             document.ActorName, document.AccountId, document.IssuedAtUtc));
        Assert.Equal(ReissuedSlipQuery.DataRecord(issued.Slip).Sha256(), document.DataSha256);
        Assert.Equal(issued.DataSha256, document.DataSha256);

        var audit = Assert.Single(await db.AuditEvents.AsNoTracking().Where(e => e.Id > lastAudit).ToListAsync());
        Assert.Equal((AuditEventKind.SlipIssued, AuditOutcome.Succeeded, (long?)taxpayerId), (audit.Kind, audit.Outcome, audit.TaxpayerId));
        // 60,000 due 2026-06-30 to the deadline 2026-12-10: 07-01..07-31 31 days × 2.8% = 142.68 → 142,
        // 08-01..12-10 132 days × 9.1% = 1,974.57 → 1,974; 2,116 → 2,100. Amount 62,100.
        Assert.Equal(
            $"発行番号 {document.Id} 種類=slip 様式=reissued-slip@1 データSHA-256={document.DataSha256}: "
            + "通知書番号 2026010000201 第1期 2026年度 01: 合計 62100円 支払期限 2026-12-10", audit.Detail);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task RecordAsync_CallerTransactionFailsAfterTheDocument_LeavesNeitherDocumentNorAuditRecord(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var taxpayerId = await SeedAsync(db, "1000000202", "2026010000202", 2_000_002);
        var clock = new FakeTimeProvider(Nov26);
        var lastAudit = await db.AuditEvents.MaxAsync(e => (long?)e.Id) ?? 0;

        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            var recorded = await new IssuedDocuments(db, clock).RecordAsync(stores.Clerk, new DocumentIssue(
                IssuedDocumentKinds.Reminder, "reminder", 1, taxpayerId, 2_000_002, new DocumentData().Add("amount", 60_000)));
            Assert.True(recorded.Id > 0);
            // The caller fails after the document and its audit record were written: its transaction rolls back.
            await tx.RollbackAsync();
        }

        await using var read = stores[provider].Open();
        Assert.Empty(await read.IssuedDocuments.Where(d => d.TaxpayerId == taxpayerId).ToListAsync());
        Assert.Empty(await read.AuditEvents.Where(e => e.Id > lastAudit).ToListAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task RecordAsync_Reminder_Audited4001AndListedForTheTaxpayer(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var taxpayerId = await SeedAsync(db, "1000000203", "2026010000203", 2_000_003);
        var clock = new FakeTimeProvider(Nov26);
        var data = new DocumentData().Add("amount", 60_000).Add("dueDate", new DateOnly(2026, 6, 30));

        var first = await new IssuedDocuments(db, clock).RecordAsync(stores.Clerk, new DocumentIssue(
            IssuedDocumentKinds.Reminder, "reminder", 2, taxpayerId, 2_000_003, data, FileSha256: new string('f', 64), RunId: 7));
        clock.Advance(TimeSpan.FromHours(1));
        var second = await new IssuedDocuments(db, clock).RecordAsync(stores.Clerk, new DocumentIssue(
            IssuedDocumentKinds.Demand, "demand-letter", 1, taxpayerId, 2_000_003, data, Purpose: "一斉催告"));

        var audits = await db.AuditEvents.AsNoTracking().Where(e => e.TaxpayerId == taxpayerId).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([AuditEventKind.FormPrinted, AuditEventKind.FormPrinted], audits.Select(a => a.Kind));
        // {"amount":60000,"dueDate":"2026-06-30"}
        var sha = Sha256("{\"amount\":60000,\"dueDate\":\"2026-06-30\"}");
        Assert.Equal($"発行番号 {first.Id} 種類=reminder 様式=reminder@2 データSHA-256={sha} ファイルSHA-256={new string('f', 64)}", audits[0].Detail);
        Assert.Equal("一斉催告", audits[1].Purpose);

        var listed = await new IssuedDocuments(db, clock).ListForTaxpayerAsync(taxpayerId);
        Assert.Equal([(second.Id, "demand", (long?)null), (first.Id, "reminder", (long?)7)], listed.Select(d => (d.Id, d.Kind, d.RunId)));
        Assert.All(listed, d => Assert.Equal(sha, d.DataSha256));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ReprintAsync_UnchangedThenAfterAPayment_SecondRowPointsToFirstThenRefused(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var taxpayerId = await SeedAsync(db, "1000000204", "2026010000204", 2_000_004);
        var clock = new FakeTimeProvider(Nov26);
        var original = await ReissuedSlipQuery.IssueAsync(db, stores.Clerk, new ReissuedSlipRequest("2026010000204", 1, null, null, new DateOnly(2026, 11, 26)), clock);

        // The next day: the reprint is drawn for the original's issue day (2026-11-26), so the same deadline and amount.
        clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 1, 0, 0, TimeSpan.Zero));
        var reprint = await ReissuedSlipQuery.ReprintAsync(db, stores.Clerk, original.DocumentId, "汚損による再印刷", issuedOn: null, clock);
        Assert.Equal((62_100L, new DateOnly(2026, 12, 10)), (reprint.Slip.Amount, reprint.Slip.Deadline));
        // A reprint of the reprint points at the first original too.
        var again = await ReissuedSlipQuery.ReprintAsync(db, stores.Clerk, reprint.DocumentId, null, issuedOn: null, clock);

        var rows = await db.IssuedDocuments.AsNoTracking().Where(d => d.TaxpayerId == taxpayerId).OrderBy(d => d.Id).ToListAsync();
        Assert.Equal(
            [(original.DocumentId, (long?)null, (string?)null), (reprint.DocumentId, original.DocumentId, "汚損による再印刷"), (again.DocumentId, original.DocumentId, null)],
            rows.Select(r => (r.Id, r.ReprintOfId, r.Purpose)));
        Assert.All(rows, r => Assert.Equal((original.DataSha256, "reissued-slip", 1), (r.DataSha256, r.Template, r.TemplateVersion)));
        var audits = await db.AuditEvents.AsNoTracking().Where(e => e.TaxpayerId == taxpayerId).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([AuditEventKind.SlipIssued, AuditEventKind.SlipIssued, AuditEventKind.SlipIssued], audits.Select(a => a.Kind));
        Assert.StartsWith($"再印刷 発行番号 {reprint.DocumentId}（原本 {original.DocumentId}） 種類=slip", audits[1].Detail);
        Assert.Equal("汚損による再印刷", audits[1].Purpose);

        // 10,000 paid on 2026-11-27: the slip would now say another amount, so it is a new issue, not a reprint.
        AddEntry(db, 2_000_004, JournalEntryKind.Payment, -10_000, new DateOnly(2026, 11, 27));
        await db.SaveChangesAsync();
        var refused = await Assert.ThrowsAsync<DomainException>(() => ReissuedSlipQuery.ReprintAsync(db, stores.Clerk, original.DocumentId, null, issuedOn: null, clock));
        Assert.Equal("document.data_changed", refused.Code);
        Assert.Contains($"発行番号 {original.DocumentId} の帳票の元データが発行後に変わっています", refused.Message);
        Assert.Equal(3, await db.IssuedDocuments.CountAsync(d => d.TaxpayerId == taxpayerId));
        Assert.Equal(3, await db.AuditEvents.CountAsync(e => e.TaxpayerId == taxpayerId));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ReleaseToFileAsync_Print_RefusedAsAnIssuedDocumentNothingRecorded(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var clock = new FakeTimeProvider(Nov26);
        var lastAudit = await db.AuditEvents.MaxAsync(e => (long?)e.Id) ?? 0;
        var path = Path.Combine(Path.GetTempPath(), "choshu-print-" + Guid.NewGuid().ToString("N") + ".csv");

        var refused = await Assert.ThrowsAsync<DomainException>(() => new DataReleases(db, clock).ReleaseToFileAsync(stores.Clerk,
            new ReleaseSpec(DataReleaseKind.Print, "reminder", "自課", null), _ => throw new InvalidOperationException("not read"), path));

        Assert.Equal("release.print_is_a_document", refused.Code);
        Assert.Contains("発行記録", refused.Message);
        Assert.False(File.Exists(path));
        Assert.Empty(await db.DataReleases.Where(r => r.Kind == DataReleaseKind.Print).ToListAsync());
        Assert.Empty(await db.AuditEvents.Where(e => e.Id > lastAudit).ToListAsync());
    }
}
