using System.Text;
using Choshu.App.Refunds;
using Choshu.App.Security;
using Choshu.App.Tests.Reconciliation;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Assessments;
using Choshu.Domain.Ledger;
using Choshu.Domain.Refunds;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using static Choshu.TestSupport.PaymentFiles;
using static Choshu.TestSupport.StaffSeed;

namespace Choshu.App.Tests.Refunds;

/// <summary>One PostgreSQL store for the class: staff (a clerk who drafts, an approver who decides), each test its own taxpayer.</summary>
public sealed class RefundWorld : IAsyncLifetime
{
    internal ReconciliationFixture F { get; private set; } = null!;
    public Actor Clerk { get; private set; } = null!;
    public Actor Approver { get; private set; } = null!;
    /// <summary>A clerk who also holds the approver role: may draft and decide, never both on one refund.</summary>
    public Actor ClerkApprover { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        F = await ReconciliationFixture.CreateAsync(StoreProvider.Postgres);
        // The lapse tests load bank files paid in 2021, before the default 5-year window of 納付日 (issue 18): the city
        // widens it, as an administrator would for a late historical import.
        await F.SetSettingAsync(Choshu.App.Settings.AppSettings.DateWindowKey, "6");
        await using var db = F.Open();
        Clerk = await AddAsync(db, "100001", "収納 花子", Holds(Role.CollectionClerk));
        Approver = await AddAsync(db, "300001", "係長 三郎", Holds(Role.Approver));
        ClerkApprover = await AddAsync(db, "100002", "収納 次郎", Holds(Role.CollectionClerk), Holds(Role.Approver));
    }

    public async Task DisposeAsync() => await F.DisposeAsync();

    public RefundDesk Desk(Actor a) => new(F.Store.Store, F.Clock, a);
    public RefundFiles Files(Actor a) => new(F.Store.Store, F.Clock, a);
}

/// <summary>
/// 還付: drafting on the taxpayer's claim, the decision by another person on the 支出決定日 fixing the refund interest and
/// booking a Refund entry on the overpayment account, the Zengin 総合振込 file read back by a checker written here from
/// the layout (domain.md §12), never paid twice, and the lapse of a refund claim (18条の3). Today is 2026-11-26.
/// Only the transfer test drafts refunds paid by transfer (the transfer file takes every such refund decided).
/// </summary>
public sealed class RefundTests : IClassFixture<RefundWorld>
{
    private readonly RefundWorld w;

    public RefundTests(RefundWorld world) => w = world;

    private ReconciliationFixture F => w.F;

    private static RefundDraftRequest Claim(long overpaymentId, DateOnly claimed, DateOnly decision) =>
        new(overpaymentId, claimed, decision, RefundMethod.Transfer, BankCode: "0182", BankName: "ｶｺﾞｼﾏｷﾞﾝｺｳ", BranchCode: "101", BranchName: "ﾎﾝﾃﾝ",
            AccountType: 1, AccountNo: "1234567", HolderKana: "カゴシマ ハナコ");

    private async Task<long> OverpaymentOfAsync(long installmentId) =>
        (await F.OverpaymentsAsync()).Single(o => o.InstallmentId == installmentId).Id;

    private async Task<(int Refunds, int Journal, int Transfers)> CountsAsync()
    {
        await using var db = F.Open();
        return (await db.Refunds.CountAsync(), await db.JournalEntries.CountAsync(), await db.RefundTransfers.CountAsync());
    }

    // 固定資産税 2025 1期 1,000,000 due 2025-06-30, paid on 2025-06-02 and again on 2025-06-03: the second is a double
    // payment, an overpayment of 1,000,000 arising 2025-06-03 (誤納, cause 4). Interest runs from the day after the day
    // one month passes from the day after the payment: 06-04 + 1 month → 07-03, so from 2025-07-04, to the 支出決定日
    // 2025-12-19: 169 days (28 + 31 + 30 + 31 + 30 + 19) × 0.9% (2025) on 1,000,000 = 4,167.12 → 4,100.
    // The clerk drafts (interest 4,100 to the planned day), the approver decides on 2025-12-19: Refund/Overpayment
    // +1,000,000 on 2025-12-19 linked to the overpayment, with the interest as RefundInterest −4,100 and Refund +4,100
    // (money paid); the account is empty. The transfer file for 2025-12-24 pays
    // 1,004,100 to 0182-101 普通 1234567 ｶｺﾞｼﾏ ﾊﾅｺ, checked record by record; asked again, refused and nothing changes;
    // a run killed after recording (the file left as .part) is finished by the next run, which pays nothing again.
    [Fact]
    public async Task TransferAsync_RefundDecidedWithInterest_FileReadsBackAndIsNeverWrittenTwice()
    {
        var taxpayer = await F.TaxpayerAsync("2000000001");
        var inst = (await F.AssessmentAsync(taxpayer, TaxKindCodes.FixedAssetTax, 2025, "2025029001", new LedgerSeed.Inst(1, new DateOnly(2025, 6, 30), 1_000_000)))[0];
        await F.ImportAsync(F.Write(Bank(
        [
            new BankLine("1", Key(inst), 1_000_000, new DateOnly(2025, 6, 2), new DateOnly(2025, 6, 2)),
            new BankLine("2", Key(inst), 1_000_000, new DateOnly(2025, 6, 3), new DateOnly(2025, 6, 3)),
        ]), "transfer.csv"), "bank");
        var overpayment = await OverpaymentOfAsync(inst);
        var dec19 = new DateOnly(2025, 12, 19);

        var drafted = await w.Desk(w.Clerk).DraftAsync(Claim(overpayment, new DateOnly(2025, 12, 1), dec19));
        Assert.Equal((1_000_000L, 4_100L, false, (DateOnly?)new DateOnly(2025, 7, 4), "還付決定待ち"),
            (drafted.Amount, drafted.Interest, drafted.InterestFixed, drafted.InterestFrom, drafted.StateName));

        var decided = await w.Desk(w.Approver).DecideAsync(drafted.Id, dec19);
        Assert.Equal((1_000_000L, 4_100L, true, 1_004_100L, (DateOnly?)dec19), (decided.Amount, decided.Interest, decided.InterestFixed, decided.Total, decided.DecidedOn));
        await using (var db = F.Open())
        {
            var entries = await db.JournalEntries.AsNoTracking().Where(j => j.InstallmentId == inst && j.ValueDate == dec19).OrderBy(j => j.Id).ToListAsync();
            Assert.Equal(
            [
                (JournalEntryKind.RefundInterest, LedgerComponent.Overpayment, -4_100L, (long?)overpayment, "refund-interest"),
                (JournalEntryKind.Refund, LedgerComponent.Overpayment, 1_000_000L, (long?)overpayment, "refund.decided"),
                (JournalEntryKind.Refund, LedgerComponent.Overpayment, 4_100L, (long?)overpayment, "refund.interest"),
            ], entries.Select(e => (e.Kind, e.Component, e.Amount, e.LinkedEntryId, e.ReasonCode ?? "")));
            Assert.Equal(0, await OverpaymentAccount.BalanceAsync(db, taxpayer));
            Assert.Empty(await OverpaymentAccount.CheckAsync(db));
            Assert.Equal(OverpaymentState.Refunded, (await RefundQueries.OverpaymentsAsync(db, taxpayer)).Single().State);
        }

        var dir = Directory.CreateTempSubdirectory("refund-transfer").FullName;
        var path = Path.Combine(dir, "furikomi.txt");
        var first = await w.Files(w.Clerk).TransferAsync(new DateOnly(2025, 12, 24), path);
        Assert.Equal((1, 1_004_100L, false), (first.Count, first.Amount, first.Resumed));
        var bytes = await File.ReadAllBytesAsync(path);
        BankChecker.Check(bytes, expectedRecords: 1, expectedTotal: 1_004_100);
        var data = BankChecker.Records(bytes)[1];
        Assert.Equal(("0182", "ｶｺﾞｼﾏｷﾞﾝｺｳ", "101", "ﾎﾝﾃﾝ", "0000", "1", "1234567", "ｶｺﾞｼﾏ ﾊﾅｺ", 1_004_100L, drafted.Id.ToString("D10", System.Globalization.CultureInfo.InvariantCulture), "7"),
            (BankChecker.Text(data, 1, 4), BankChecker.Text(data, 5, 15), BankChecker.Text(data, 20, 3), BankChecker.Text(data, 23, 15), BankChecker.Text(data, 38, 4),
             BankChecker.Text(data, 42, 1), BankChecker.Text(data, 43, 7), BankChecker.Text(data, 50, 30), long.Parse(BankChecker.Text(data, 80, 10), System.Globalization.CultureInfo.InvariantCulture),
             BankChecker.Text(data, 91, 10), BankChecker.Text(data, 111, 1)));
        var header = BankChecker.Records(bytes)[0];
        Assert.Equal(("1", "21", "0", "1234567890", "ｶｺﾞｼﾏｼ", "1224", "0182", "001", "1", "1234567"),
            (BankChecker.Text(header, 0, 1), BankChecker.Text(header, 1, 2), BankChecker.Text(header, 3, 1), BankChecker.Text(header, 4, 10), BankChecker.Text(header, 14, 40),
             BankChecker.Text(header, 54, 4), BankChecker.Text(header, 58, 4), BankChecker.Text(header, 77, 3), BankChecker.Text(header, 95, 1), BankChecker.Text(header, 96, 7)));
        await using (var db = F.Open())
            Assert.Equal((first.TransferId, (DateOnly?)new DateOnly(2025, 12, 24)), (await db.Refunds.Where(r => r.Id == drafted.Id).Select(r => r.TransferId).SingleAsync(), (await db.Refunds.SingleAsync(r => r.Id == drafted.Id)).PaidOn));

        // Asked again for the same refunds: refused, nothing changes.
        var before = await CountsAsync();
        var again = await Assert.ThrowsAsync<DomainException>(() => w.Files(w.Clerk).TransferAsync(new DateOnly(2025, 12, 24), Path.Combine(dir, "again.txt")));
        Assert.Contains("二重には作成しません", again.Message);
        Assert.Equal(before, await CountsAsync());
        Assert.False(File.Exists(Path.Combine(dir, "again.txt")));

        // Killed after recording, before the rename: the next run only moves the recorded file into place.
        File.Move(path, path + ".part");
        var resumed = await w.Files(w.Clerk).TransferAsync(new DateOnly(2025, 12, 24), Path.Combine(dir, "other.txt"));
        Assert.Equal((first.TransferId, true, path), (resumed.TransferId, resumed.Resumed, resumed.Path));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Equal(before, await CountsAsync());
    }

    // domain.md §4: 固定資産税 2024 1期 300,000 paid 2024-05-31, reduced to 0 by 賦課決定 on 2025-09-01 (cause 1): an
    // overpayment of 300,000 arising 2025-09-01. The appropriation run (as of 2025-09-30) takes 201,900 for 市民税 2025 1期
    // (200,000 and the late fee 1,900 to the 充当適状日 2025-09-01) and records the refund interest that part earned, 2,200.
    // The 98,100 left is refunded, decided 2025-10-15: interest on base 98,000 from 2024-06-01 (the day after the payment)
    // to 2025-10-15: 214 d + 288 d = 502 d × 0.9% → 1,213 → 1,200. With the 2,200 the taxpayer receives
    // 98,100 + 1,200 + 2,200 = 101,500. Journal of the decision (overpayment account of the 固定資産税): RefundInterest
    // −1,200, Refund +98,100 (refund.decided), Refund +3,400 (refund.interest); the account is empty.
    [Fact]
    public async Task DecideAsync_WorkedExampleOfDomain4_TaxpayerReceives101500()
    {
        var taxpayer = await F.TaxpayerAsync("2000000006");
        await using (var db0 = F.Open())
        {
            var t = await db0.Taxpayers.SingleAsync(x => x.Id == taxpayer);
            t.Facts = t.Facts with { PostalCode = "8920816", TownName = "鹿児島市山下町", StreetNumber = "11番1号" };
            await db0.SaveChangesAsync();
        }
        var source = (await F.AssessmentAsync(taxpayer, TaxKindCodes.FixedAssetTax, 2024, "2024029006", new LedgerSeed.Inst(1, new DateOnly(2024, 4, 30), 300_000)))[0];
        var target = (await F.AssessmentAsync(taxpayer, TaxKindCodes.InhabitantTax, 2025, "2025019006", new LedgerSeed.Inst(1, new DateOnly(2025, 6, 30), 200_000)))[0];
        var may31 = new DateOnly(2024, 5, 31);
        await F.ImportAsync(F.Write(Bank([new BankLine("61", Key(source), 300_000, may31, may31)]), "example.csv"), "bank");
        await OverpaymentCauseTests.ImportAsync(F, "2000000006,02,2024,2024,2024029006,1,2024-04-30,0,2025-09-01,1,,");
        var overpayment = await OverpaymentOfAsync(source);
        var run = await new Appropriations(F.Store.Store, F.Clock, Choshu.App.Audit.AuditText.SystemNamed(ReconciliationFixture.Actor))
            .RunAsync(new AppropriationRunRequest(new DateOnly(2025, 9, 30), taxpayer));
        Assert.Equal((target, 201_900L, 2_200L), (run.Lines.Single().TargetInstallmentId, run.Lines.Single().Amount, run.Lines.Single().RefundInterest));
        var oct15 = new DateOnly(2025, 10, 15);

        var r = await w.Desk(w.Clerk).DraftAsync(new RefundDraftRequest(overpayment, new DateOnly(2025, 10, 1), oct15, RefundMethod.Counter));
        r = await w.Desk(w.Approver).DecideAsync(r.Id, oct15);

        Assert.Equal((98_100L, 1_200L, 2_200L, 101_500L, (DateOnly?)new DateOnly(2024, 6, 1)), (r.Amount, r.Interest, r.EarnedInterest, r.Total, r.InterestFrom));
        await using (var j = F.Open())
            Assert.Equal(
            [
                (JournalEntryKind.RefundInterest, -1_200L, "refund-interest"),
                (JournalEntryKind.Refund, 98_100L, "refund.decided"),
                (JournalEntryKind.Refund, 3_400L, "refund.interest"),
            ], (await j.JournalEntries.AsNoTracking().Where(e => e.InstallmentId == source && e.ValueDate == oct15).OrderBy(e => e.Id).ToListAsync())
                .Select(e => (e.Kind, e.Amount, e.ReasonCode ?? "")));

        // The 還付通知書 of the day: one letter (this is the only refund decided on 2025-10-15), recorded as issued.
        var pdf = Path.Combine(Directory.CreateTempSubdirectory("refund-notice").FullName, "kanpu.pdf");
        var notice = await new RefundNotices(F.Store.Store, F.Clock, w.Clerk).WriteAsync(oct15, pdf);
        Assert.Equal((1, 1, 101_500L, 0), (notice.Letters, notice.Refunds, notice.Total, notice.NoAddress.Count));
        var text = Poppler.Text(await File.ReadAllBytesAsync(pdf));
        Assert.Contains("還付通知書（送金通知書）", text);
        Assert.Contains("還付金 98,100円", text);
        Assert.Contains("還付加算金 3,400円", text);
        Assert.Contains("101,500円", text);
        Assert.Contains("令和7年10月15日", text);
        await using var db = F.Open();
        Assert.Equal(1, await db.IssuedDocuments.CountAsync(d => d.Kind == "refund-notice" && d.TaxpayerId == taxpayer));
        Assert.Equal(0, await OverpaymentAccount.BalanceAsync(db, taxpayer));
        Assert.Empty(await OverpaymentAccount.CheckAsync(db));
        var row = (await RefundQueries.OverpaymentsAsync(db, taxpayer)).Single();
        Assert.Equal((300_000L, 201_900L, 98_100L, 0L, OverpaymentState.Refunded), (row.Amount, row.Appropriated, row.Refunded, row.Balance, row.State));
    }

    // 市民税 2019 1期 50,000 due 2019-07-01 lapsed on 2024-07-02 (5 years); paid 50,000 on 2026-11-20 → the whole payment is
    // an overpayment (after lapse, 誤納): refunded in full, at the counter, decided 2026-11-26. Interest would start
    // 2026-12-21 (a month after the day after the payment): none. The approver decides; the clerk pays at the counter.
    [Fact]
    public async Task DecideAsync_PaymentOnLapsedClaim_RefundedInFullWithoutInterest()
    {
        var taxpayer = await F.TaxpayerAsync("2000000002");
        var inst = (await F.AssessmentAsync(taxpayer, TaxKindCodes.InhabitantTax, 2019, "2019019001", new LedgerSeed.Inst(1, new DateOnly(2019, 7, 1), 50_000)))[0];
        var nov20 = new DateOnly(2026, 11, 20);
        await F.ImportAsync(F.Write(Bank([new BankLine("21", Key(inst), 50_000, nov20, nov20)]), "lapsed.csv"), "bank");
        var overpayment = await OverpaymentOfAsync(inst);
        var today = ReconciliationFixture.Today;

        var r = await w.Desk(w.Clerk).DraftAsync(new RefundDraftRequest(overpayment, today, today, RefundMethod.Counter));
        r = await w.Desk(w.Approver).DecideAsync(r.Id, today);
        r = await w.Desk(w.Clerk).PayAtCounterAsync(r.Id, today);

        Assert.Equal((50_000L, 0L, 50_000L, (DateOnly?)today, "支払済"), (r.Amount, r.Interest, r.Total, r.PaidOn, r.StateName));
        await using var db = F.Open();
        Assert.Equal(0, await OverpaymentAccount.BalanceAsync(db, taxpayer));
        var again = await Assert.ThrowsAsync<DomainException>(() => w.Desk(w.Clerk).PayAtCounterAsync(r.Id, today));
        Assert.Contains("二重には支払いません", again.Message);
    }

    // 市民税 2025 2期 30,000 paid 31,000 on 2025-08-31: 1,000 over. Under 2,000 yen: no refund interest however long it
    // waits (decided 2026-11-26, over a year later): refund 1,000, interest 0.
    [Fact]
    public async Task DecideAsync_OverpaymentUnder2000Yen_NoInterest()
    {
        var taxpayer = await F.TaxpayerAsync("2000000003");
        var aug31 = new DateOnly(2025, 8, 31);
        var inst = (await F.AssessmentAsync(taxpayer, TaxKindCodes.InhabitantTax, 2025, "2025019003", new LedgerSeed.Inst(2, aug31, 30_000)))[0];
        await F.ImportAsync(F.Write(Bank([new BankLine("31", Key(inst), 31_000, aug31, aug31)]), "small.csv"), "bank");
        var today = ReconciliationFixture.Today;

        var r = await w.Desk(w.Clerk).DraftAsync(new RefundDraftRequest(await OverpaymentOfAsync(inst), today, today, RefundMethod.Counter));
        r = await w.Desk(w.Approver).DecideAsync(r.Id, today);

        Assert.Equal((1_000L, 0L, 1_000L), (r.Amount, r.Interest, r.Total));
    }

    // A double payment of 20,000 on 2021-06-01 (市民税 2021 1期 20,000 due 2021-06-30, paid 06-01 and again 06-01): the refund
    // claim could be made to 2026-06-01 and lapsed after it. On 2026-11-26 a claim is refused; the lapse run lists it and
    // closes it with WriteOff/Overpayment +20,000 dated 2026-06-02 (reason refund.lapsed); its state is 時効, the account 0.
    [Fact]
    public async Task LapseAsync_ClaimOlderThanFiveYears_RefusedThenClosedAsLapsed()
    {
        var taxpayer = await F.TaxpayerAsync("2000000004");
        var jun01 = new DateOnly(2021, 6, 1);
        var inst = (await F.AssessmentAsync(taxpayer, TaxKindCodes.InhabitantTax, 2021, "2021019004", new LedgerSeed.Inst(1, new DateOnly(2021, 6, 30), 20_000)))[0];
        await F.ImportAsync(F.Write(Bank([new BankLine("41", Key(inst), 20_000, jun01, jun01), new BankLine("42", Key(inst), 20_000, jun01, jun01)]), "old.csv"), "bank");
        var overpayment = await OverpaymentOfAsync(inst);
        var today = ReconciliationFixture.Today;

        var refused = await Assert.ThrowsAsync<DomainException>(() => w.Desk(w.Clerk).DraftAsync(new RefundDraftRequest(overpayment, today, today, RefundMethod.Counter)));
        Assert.Contains("時効により消滅", refused.Message);

        var listed = await w.Desk(w.Clerk).LapseAsync(today, dryRun: true);
        Assert.Contains(listed, o => o.Id == overpayment && o.Balance == 20_000 && o.LapsesAfter == jun01.AddYears(5));
        await w.Desk(w.Clerk).LapseAsync(today, dryRun: false);

        await using var db = F.Open();
        var entry = await db.JournalEntries.AsNoTracking().SingleAsync(j => j.InstallmentId == inst && j.Kind == JournalEntryKind.WriteOff);
        Assert.Equal((LedgerComponent.Overpayment, 20_000L, new DateOnly(2026, 6, 2), "refund.lapsed", (long?)overpayment),
            (entry.Component, entry.Amount, entry.ValueDate, entry.ReasonCode, entry.LinkedEntryId));
        Assert.Equal(0, await OverpaymentAccount.BalanceAsync(db, taxpayer));
        Assert.Equal(OverpaymentState.Lapsed, (await RefundQueries.OverpaymentsAsync(db, taxpayer)).Single().State);
    }

    // Bad input changes nothing: an account that fails validation (bank code of 3 digits, a 6-digit branch, a holder in
    // kanji) is refused listing each fault; the drafter may not decide her own refund even holding the approver role.
    [Fact]
    public async Task DraftAndDecide_BadAccountOrSelfApproval_RefusedInJapaneseAndNothingChanges()
    {
        var taxpayer = await F.TaxpayerAsync("2000000005");
        var aug31 = new DateOnly(2025, 8, 31);
        var inst = (await F.AssessmentAsync(taxpayer, TaxKindCodes.InhabitantTax, 2025, "2025019005", new LedgerSeed.Inst(2, aug31, 30_000)))[0];
        await F.ImportAsync(F.Write(Bank([new BankLine("51", Key(inst), 35_000, aug31, aug31)]), "bad.csv"), "bank");
        var overpayment = await OverpaymentOfAsync(inst);
        var today = ReconciliationFixture.Today;
        var before = await CountsAsync();

        var bad = await Assert.ThrowsAsync<DomainException>(() => w.Desk(w.Clerk).DraftAsync(Claim(overpayment, today, today) with
        {
            BankCode = "182", BranchCode = "101101", HolderKana = "鹿児島花子",
        }));
        Assert.Equal("refund.account_invalid", bad.Code);
        Assert.Contains("金融機関コードは半角数字4桁で入力してください。", bad.Message);
        Assert.Contains("支店コードは半角数字3桁で入力してください。", bad.Message);
        Assert.Contains("口座名義はカナで入力してください", bad.Message);
        Assert.Equal(before, await CountsAsync());

        var r = await w.Desk(w.ClerkApprover).DraftAsync(new RefundDraftRequest(overpayment, today, today, RefundMethod.Counter));
        var mid = await CountsAsync();
        var self = await Assert.ThrowsAsync<AccessDeniedException>(() => w.Desk(w.ClerkApprover).DecideAsync(r.Id, today));
        Assert.Equal("自分が起案した還付は決定できません。起案者以外の承認者が決定してください。", self.Message);
        Assert.Equal(mid, await CountsAsync());
        Assert.Null((await w.Desk(w.Approver).GetAsync(r.Id)).DecidedOn);
        // A clerk without the approver role may not decide at all.
        await Assert.ThrowsAsync<AccessDeniedException>(() => w.Desk(w.Clerk).DecideAsync(r.Id, today));
        Assert.Equal(5_000, (await w.Desk(w.Approver).DecideAsync(r.Id, today)).Amount);
    }
}

/// <summary>
/// Reads a Zengin 総合振込 file (種別コード 21) as a bank would, from the layout of domain.md §12 written out here (not the
/// writer's layout class): 120-byte records each followed by CR LF, code page 932 with single-byte characters only
/// (digits, upper-case letters, half-width kana, space and the Zengin symbols), header / data… / trailer / end, numeric
/// fields all digits, the trailer's count and total equal to the data records'.
/// </summary>
internal static class BankChecker
{
    private static readonly Encoding s_sjis = CreateSjis();

    private static Encoding CreateSjis()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932);
    }

    public static List<byte[]> Records(byte[] file)
    {
        Assert.Equal(0, file.Length % 122);
        var list = new List<byte[]>();
        for (var i = 0; i < file.Length; i += 122)
        {
            Assert.Equal((byte)'\r', file[i + 120]);
            Assert.Equal((byte)'\n', file[i + 121]);
            list.Add(file[i..(i + 120)]);
        }
        return list;
    }

    /// <summary>The field at a 0-based offset, decoded, trailing spaces removed.</summary>
    public static string Text(byte[] record, int offset, int width) => s_sjis.GetString(record, offset, width).TrimEnd(' ');

    private static void Digits(byte[] record, int offset, int width, string what) =>
        Assert.True(record.AsSpan(offset, width).ToArray().All(b => b is >= (byte)'0' and <= (byte)'9'), $"{what} は数字でなければならない");

    private static void Spaces(byte[] record, int offset, int width) => Assert.True(record.AsSpan(offset, width).ToArray().All(b => b == (byte)' '));

    public static void Check(byte[] file, int expectedRecords, long expectedTotal)
    {
        // Every byte is a one-byte character: ASCII printable or half-width kana 0xA1–0xDF (no Shift_JIS lead bytes).
        foreach (var r in Records(file))
            Assert.All(r, b => Assert.True(b is >= 0x20 and <= 0x7E or >= 0xA1 and <= 0xDF, $"byte 0x{b:X2}"));
        var records = Records(file);
        Assert.Equal(expectedRecords + 3, records.Count);
        var h = records[0];
        Assert.Equal("1", Text(h, 0, 1));
        Assert.Equal("21", Text(h, 1, 2));
        Assert.Equal("0", Text(h, 3, 1));
        Digits(h, 4, 10, "依頼人コード");
        Digits(h, 54, 4, "振込指定日");
        var mmdd = int.Parse(Text(h, 54, 4), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(mmdd / 100, 1, 12);
        Digits(h, 58, 4, "仕向銀行番号");
        Digits(h, 77, 3, "仕向支店番号");
        Assert.Contains(Text(h, 95, 1), new[] { "1", "2", "9" });
        Digits(h, 96, 7, "口座番号");
        Spaces(h, 103, 17);
        long count = 0, total = 0;
        foreach (var d in records.Skip(1).Take(expectedRecords))
        {
            Assert.Equal("2", Text(d, 0, 1));
            Digits(d, 1, 4, "被仕向銀行番号");
            Digits(d, 20, 3, "被仕向支店番号");
            Digits(d, 38, 4, "手形交換所番号");
            Assert.Contains(Text(d, 42, 1), new[] { "1", "2", "4", "9" });
            Digits(d, 43, 7, "口座番号");
            Assert.NotEqual("", Text(d, 50, 30));
            Digits(d, 80, 10, "振込金額");
            Digits(d, 90, 1, "新規コード");
            Digits(d, 91, 10, "顧客コード1");
            Digits(d, 101, 10, "顧客コード2");
            Assert.Contains(Text(d, 111, 1), new[] { "7", "8" });
            Spaces(d, 113, 7);
            count++;
            total += long.Parse(Text(d, 80, 10), System.Globalization.CultureInfo.InvariantCulture);
        }
        var t = records[expectedRecords + 1];
        Assert.Equal("8", Text(t, 0, 1));
        Digits(t, 1, 6, "合計件数");
        Digits(t, 7, 12, "合計金額");
        Assert.Equal(count, long.Parse(Text(t, 1, 6), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(total, long.Parse(Text(t, 7, 12), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expectedTotal, total);
        Spaces(t, 19, 101);
        var e = records[^1];
        Assert.Equal("9", Text(e, 0, 1));
        Spaces(e, 1, 119);
    }
}
