using Choshu.App.DirectDebit;
using Choshu.App.Security;
using Choshu.App.Settings;
using Choshu.App.Stores;
using Choshu.App.Tests.Reconciliation;
using Choshu.Data;
using Choshu.Domain.Assessments;
using Choshu.Domain.DirectDebit;
using Choshu.Domain.Security;
using Choshu.Formats.Zengin;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using static Choshu.TestSupport.PaymentFiles;

namespace Choshu.App.Tests.DirectDebit;

/// <summary>
/// 口座振替の登録 as a dated history, folded into the registrations the debit request reads. 市民税 2026, due dates
/// 第1期 2026-06-30 (Tue), 第2期 2026-08-31 (Mon), 第3期 2026-10-30 (Fri); bank 0185 支店 012.
/// <list type="bullet">
/// <item>開始期: a 依頼書 received 2026-06-01 starting 2026年度第3期: not in the 6/30 or 8/31 requests, in the 10/30 one (30,000).</item>
/// <item>口座変更: registered 6/01 at 0185-012 普通 1111111; changed 7/20 to ゆうちょ 記号 10180 番号 12345671 (= 9900-018 普通 1234567):
/// 6/30 debited from 0185, 8/31 from 9900-018 1234567, and the 8/31 request file for 9900 holds that account.</item>
/// <item>廃止: registered 6/01, cancelled 8/20: in 6/30, not in 8/31.</item>
/// </list>
/// </summary>
public sealed class DebitRegistrationsTests
{
    private static readonly DateOnly June30 = new(2026, 6, 30), Aug31 = new(2026, 8, 31), Oct30 = new(2026, 10, 30), June1 = new(2026, 6, 1);
    private static readonly Actor Clerk = Actor.System();

    private static DebitRegistrationInput New(string taxpayerNo, short startPeriod, string account, DateOnly received) =>
        new(taxpayerNo, TaxKindCodes.InhabitantTax, DebitRegistrationKind.New, DebitRegistrationSource.Form, received,
            StartFiscalYear: 2026, StartPeriod: startPeriod, BankCode: "0185", BranchCode: "012", AccountType: 1, AccountNo: account, HolderKana: "ｶｺﾞｼﾏ ﾀﾛｳ");

    private static async Task<long[]> ThreePeriodsAsync(ReconciliationFixture f, string taxpayerNo, string noticeNo, long each) =>
        await f.AssessmentAsync(await f.TaxpayerAsync(taxpayerNo), TaxKindCodes.InhabitantTax, 2026, noticeNo,
            new LedgerSeed.Inst(1, June30, each), new LedgerSeed.Inst(2, Aug31, each), new LedgerSeed.Inst(3, Oct30, each));

    private static async Task<List<DueDebit>> DueAsync(ReconciliationFixture f, DateOnly date)
    {
        await using var db = f.Open();
        return (await DueDebitsQuery.LoadAsync(db, date)).Debits.ToList();
    }

    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task Registrations_StartPeriod_ChangeOfAccount_Cancellation_FoldIntoTheRequests(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var reg = new DebitRegistrations(f.Store.Store, f.Clock);
        var start = await ThreePeriodsAsync(f, "1000000001", "2026010001", 30_000);
        var change = await ThreePeriodsAsync(f, "1000000002", "2026010002", 20_000);
        var cancel = await ThreePeriodsAsync(f, "1000000003", "2026010003", 10_000);

        await reg.RecordAsync(Clerk, New("1000000001", 3, "3333333", June1));
        await reg.RecordAsync(Clerk, New("1000000002", 1, "1111111", June1));
        await reg.RecordAsync(Clerk, new DebitRegistrationInput("1000000002", TaxKindCodes.InhabitantTax, DebitRegistrationKind.ChangeAccount, DebitRegistrationSource.Form,
            new DateOnly(2026, 7, 20), JapanPostSymbol: "10180", JapanPostNumber: "12345671", HolderKana: "ｶｺﾞｼﾏ ｼﾞﾛｳ"));
        await reg.RecordAsync(Clerk, New("1000000003", 1, "5555555", June1));
        await reg.RecordAsync(Clerk, new DebitRegistrationInput("1000000003", TaxKindCodes.InhabitantTax, DebitRegistrationKind.Cancel, DebitRegistrationSource.Web,
            new DateOnly(2026, 8, 20)));

        // 6/30: the change's old account and the cancelled one (not yet cancelled); not the one starting 第3期.
        Assert.Equal([(change[0], "0185", "012", "1111111", 20_000L), (cancel[0], "0185", "012", "5555555", 10_000L)],
            (await DueAsync(f, June30)).Select(d => (d.InstallmentId, d.BankCode, d.BranchCode, d.AccountNo, d.Amount)).OrderBy(x => x.AccountNo));
        // 8/31: only the changed account, at ゆうちょ 9900-018 普通 1234567.
        Assert.Equal([(change[1], "9900", "018", (short)1, "1234567", "ｶｺﾞｼﾏ ｼﾞﾛｳ", 20_000L)],
            (await DueAsync(f, Aug31)).Select(d => (d.InstallmentId, d.BankCode, d.BranchCode, d.AccountType, d.AccountNo, d.HolderKana, d.Amount)));
        // 10/30: 第3期 of the one starting 第3期, and the changed account's.
        Assert.Equal([(change[2], "1234567"), (start[2], "3333333")],
            (await DueAsync(f, Oct30)).Select(d => (d.InstallmentId, d.AccountNo)).OrderBy(x => x.AccountNo));

        // The 8/31 request file for ゆうちょ holds the Zengin form of 記号 10180 番号 12345671.
        var dir = Directory.CreateTempSubdirectory("choshu-debitreg-").FullName;
        try
        {
            await using var db = f.Open();
            var written = await DebitRequest.WriteAsync(db, Clerk, Aug31, Path.Combine(dir, "debit.txt"), "9900", f.Clock);
            using var stream = File.OpenRead(written.Files.Single().Path);
            var read = ZenginReader.ReadAll(stream, "debit.txt", ZenginFileKind.Request);
            Assert.Equal("9900", read.Summary.Header!.BankCode);
            var record = read.ValidDebits.Single();
            Assert.Equal(("9900", "018", 1, "1234567", 20_000L), (record.BankCode, record.BranchCode, (int)record.AccountType, record.AccountNo, record.Amount));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        // The history: each event with its source, and the periods it made.
        var history = await reg.HistoryAsync(Clerk, "1000000003");
        Assert.Equal([(DebitRegistrationKind.New, DebitRegistrationSource.Form, June1), (DebitRegistrationKind.Cancel, DebitRegistrationSource.Web, new DateOnly(2026, 8, 20))],
            history.Events.Select(e => (e.Kind, e.Source, e.EffectiveOn)));
        Assert.Equal([(June1, (DateOnly?)new DateOnly(2026, 8, 20))], history.Accounts.Select(a => (a.StartsOn, a.EndsOn)));
        var changed = await reg.HistoryAsync(Clerk, "1000000002");
        Assert.Equal([("0185", "1111111", June1, (DateOnly?)new DateOnly(2026, 7, 20), (short?)1), ("9900", "1234567", new DateOnly(2026, 7, 20), null, (short?)1)],
            changed.Accounts.Select(a => (a.BankCode, a.AccountNo, a.StartsOn, a.EndsOn, a.StartPeriod)));
        Assert.Equal(("10180", "12345671"), (changed.Events[1].JapanPostSymbol, changed.Events[1].JapanPostNumber));

        // A cancellation with nothing in force, and a holder not in half-width katakana, are refused naming the field.
        var none = await Assert.ThrowsAsync<DebitRegistrationRefusedException>(() => reg.RecordAsync(Clerk,
            new DebitRegistrationInput("1000000003", TaxKindCodes.InhabitantTax, DebitRegistrationKind.Cancel, DebitRegistrationSource.Form, new DateOnly(2026, 9, 1))));
        Assert.Equal("区分", none.Issues.Single().Field);
        var kana = await Assert.ThrowsAsync<DebitRegistrationRefusedException>(() => reg.RecordAsync(Clerk,
            New("1000000003", 1, "5555555", June1) with { HolderKana = "カゴシマ　タロウ" }));
        Assert.Contains(kana.Issues, i => i.Field == "口座名義カナ" && i.Message.Contains("ｶｺﾞｼﾏ ﾀﾛｳ", StringComparison.Ordinal));

        await using (var db = f.Open())
        {
            Assert.Equal(5, await db.DirectDebitRegistrations.CountAsync());
            Assert.Equal(5, await db.AuditEvents.CountAsync(e => e.Kind == AuditEventKind.DebitRegistrationRecorded));
            Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Kind == AuditEventKind.DebitRegistrationsViewed));
            // The audit never holds the account number.
            Assert.DoesNotContain(await db.AuditEvents.Where(e => e.Kind == AuditEventKind.DebitRegistrationRecorded).Select(e => e.Detail).ToListAsync(),
                d => d != null && (d.Contains("1111111", StringComparison.Ordinal) || d.Contains("1234567", StringComparison.Ordinal)));
        }
    }

    /// <summary>
    /// 再振替 (setting debit.redebit yes, day 15): 固定資産税 2026 第1期 due 6/30 for two taxpayers, 40,000 and 25,000, both failed
    /// on 6/30 (資金不足); the second paid its 25,000 at the bank on 7/10. The re-debit date of 6/30 is 7/15 (Wed): only the first,
    /// 40,000, is asked again. Its re-debit fails too: the next re-debit date (8/15 Sat → 8/17 Mon) asks nothing — once only.
    /// Without the setting, 7/15 asks nothing.
    /// </summary>
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task Redebit_FailedFirstPeriod_AskedOnceOnTheRedebitDay_NotWhenPaidMeanwhile(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var reg = new DebitRegistrations(f.Store.Store, f.Clock);
        var first = (await f.AssessmentAsync(await f.TaxpayerAsync("1000000011"), TaxKindCodes.FixedAssetTax, 2026, "2026020011", new LedgerSeed.Inst(1, June30, 40_000)))[0];
        var paid = (await f.AssessmentAsync(await f.TaxpayerAsync("1000000012"), TaxKindCodes.FixedAssetTax, 2026, "2026020012", new LedgerSeed.Inst(1, June30, 25_000)))[0];
        foreach (var no in new[] { "1000000011", "1000000012" })
            await reg.RecordAsync(Clerk, new DebitRegistrationInput(no, null, DebitRegistrationKind.New, DebitRegistrationSource.PayEasy, June1,
                StartFiscalYear: 2026, StartPeriod: 1, BankCode: "0185", BranchCode: "012", AccountType: 1, AccountNo: no[^7..], HolderKana: "ｶｺﾞｼﾏ ﾀﾛｳ"));
        var july15 = new DateOnly(2026, 7, 15);
        await using (var db = f.Open())
            Assert.Equal(july15, DueDebitsQuery.RedebitDate(June30, 15, await ReferenceData.LoadCalendarAsync(db)));

        Assert.Equal([first, paid], (await DueAsync(f, June30)).Select(d => d.InstallmentId).Order());
        var header = ZenginHeaderFor1027 with { DebitMonth = 6, DebitDay = 30 };
        var result = await f.ImportAsync(f.WriteBytes(ZenginResult(header,
            [new(Key(first), 40_000, ZenginResultCode.InsufficientFunds), new(Key(paid), 25_000, ZenginResultCode.InsufficientFunds)]), "result-0630.txt"), "zengin");
        Assert.Equal(2, result.DebitFailures);
        var bank = await f.ImportAsync(f.Write(Bank([new BankLine("1", Key(paid), 25_000, new DateOnly(2026, 7, 10), new DateOnly(2026, 7, 10))]), "bank.csv"), "bank");
        Assert.True(bank.Booked == 1, string.Join(" / ", bank.Errors.Select(e => e.Reason)) + $" unmatched {bank.Unmatched} quarantined {bank.Quarantined}");

        Assert.Empty(await DueAsync(f, july15)); // the city runs no 再振替 yet
        await f.SetSettingAsync(AppSettings.RedebitKey, "yes");
        await f.SetSettingAsync(AppSettings.RedebitDayKey, "15");
        var redebit = await DueAsync(f, july15);
        Assert.Equal([(first, 40_000L, true)], redebit.Select(d => (d.InstallmentId, d.Amount, d.Redebit)));
        Assert.Empty(await DueAsync(f, new DateOnly(2026, 7, 14)));

        // The re-debit fails as well: never a third request.
        await f.ImportAsync(f.WriteBytes(ZenginResult(ZenginHeaderFor1027 with { DebitMonth = 7, DebitDay = 15 },
            [new(Key(first), 40_000, ZenginResultCode.InsufficientFunds)]), "result-0715.txt"), "zengin");
        Assert.Empty(await DueAsync(f, new DateOnly(2026, 8, 17)));
    }

    /// <summary>
    /// A Web sign-up file: line 2 a new registration; line 3 a holder in full-width katakana; line 4 a 受付日 that is no date;
    /// line 5 a change of 固定資産税 for a taxpayer with no registration of it; line 6 a ゆうちょ 記号・番号 registration. 2 applied, 3 quarantined
    /// (file, line, field); the same file again applies nothing (2 already imported) and quarantines nothing new.
    /// </summary>
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task Import_BadLinesQuarantinedWithFileLineField_ReRunAppliesNothingTwice(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        await f.TaxpayerAsync("1000000021");
        await f.TaxpayerAsync("1000000022");
        var path = f.Write(
        [
            string.Join(",", DebitRegistrationImport.Header),
            "W-1,新規,2026-11-20,,1000000021,01,2026,4,0587,101,1,7654321,,,ｻｸﾗｼﾞﾏ ﾊﾅｺ",
            "W-2,新規,2026-11-20,,1000000021,02,2026,4,0587,101,1,7654321,,,サクラジマ　ハナコ",
            "W-3,新規,2026-13-01,,1000000022,01,2026,4,0587,101,1,7654321,,,ｻｸﾗｼﾞﾏ ｼﾞﾛｳ",
            "W-4,変更,2026-11-20,,1000000021,02,,,0587,101,1,7654321,,,ｻｸﾗｼﾞﾏ ﾊﾅｺ",
            "W-5,新規,2026-11-21,,1000000022,,2026,4,,,,,10180,12345671,ｻｸﾗｼﾞﾏ ｼﾞﾛｳ",
        ], "debit-reg.csv");
        var import = new DebitRegistrationImport(f.Store.Store, f.Clock);
        var s = await import.RunAsync(Clerk, path, DebitRegistrationSource.Web);
        Assert.Equal((5, 2, 0, 3), (s.LinesRead, s.Applied, s.Duplicate, s.Quarantined));
        Assert.Equal([(3, "口座名義カナ"), (4, "受付日"), (5, "区分")], s.Errors.Select(e => (e.Line, e.Field)));
        Assert.StartsWith("debit-reg.csv 3行目 口座名義カナ: ", s.Errors[0].Reason, StringComparison.Ordinal);

        var again = await import.RunAsync(Clerk, path, DebitRegistrationSource.Web);
        Assert.Equal((5, 0, 2, 3), (again.LinesRead, again.Applied, again.Duplicate, again.Quarantined));
        await using var db = f.Open();
        Assert.Equal(2, await db.DirectDebitRegistrations.CountAsync());
        Assert.Equal(3, await db.QuarantinedRecords.CountAsync(q => q.ImportFileId == s.ImportFileId));
        // W-5 applies to every tax kind, each at ゆうちょ 9900-018 普通 1234567.
        var t22 = await db.Taxpayers.Where(t => t.TaxpayerNo == "1000000022").Select(t => t.Id).SingleAsync();
        var accounts = await db.DirectDebitAccounts.Where(a => a.TaxpayerId == t22).ToListAsync();
        Assert.Equal(await db.TaxKinds.CountAsync(), accounts.Count);
        Assert.All(accounts, a => Assert.Equal(("9900", "018", (short)1, "1234567", (int?)2026, (short?)4), (a.BankCode, a.BranchCode, a.AccountType, a.AccountNo, a.StartFiscalYear, a.StartPeriod)));
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Kind == AuditEventKind.DebitRegistrationsImported));
    }
}
