using Choshu.App.Notices;
using Choshu.App.Tests.Reconciliation;
using Choshu.Data;
using Choshu.Data.Notices;
using Choshu.Domain.Assessments;
using Choshu.Formats.Zengin;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using static Choshu.TestSupport.PaymentFiles;

namespace Choshu.App.Tests.Notices;

/// <summary>
/// Direct-debit notices over an imported result file. 固定資産税 2026 notice 2026020001: periods 3, 4, 5 all due on the debit day
/// 2026-10-27, 8,000 / 15,000 / 23,000; the result debits period 3 and fails periods 4 (資金不足) and 5 (取引なし). As of 2026-11-02 the
/// slip deadline is 11-02 + 14 = 2026-11-16 (Mon); the late fee on 15,000 or 23,000 for under a month is under 1,000 yen: none.
/// </summary>
public sealed class DebitNoticeTests
{
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task DebitNotices_ResultFile_FailureNoticesWithSlipsAndDoneNoticeOnceEach(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var debitDay = new DateOnly(2026, 10, 27);
        var ids = await f.InstallmentsAsync(TaxKindCodes.FixedAssetTax, 2026, "2026020001",
            new LedgerSeed.Inst(3, debitDay, 8_000), new LedgerSeed.Inst(4, debitDay, 15_000), new LedgerSeed.Inst(5, debitDay, 23_000));
        var s = await f.ImportAsync(f.WriteBytes(ZenginResult(ZenginHeaderFor1027,
        [
            new(Key(ids[0]), 8_000, ZenginResultCode.Debited),
            new(Key(ids[1]), 15_000, ZenginResultCode.InsufficientFunds),
            new(Key(ids[2]), 23_000, ZenginResultCode.NoSuchAccount),
        ]), "result.txt"), "zengin");
        await using var db = f.Open();
        var t = await db.Taxpayers.SingleAsync();
        t.Facts = t.Facts with { PostalCode = "8920816", TownName = "鹿児島県鹿児島市山下町", StreetNumber = "11番1号" };
        await db.SaveChangesAsync();

        var asOf = new DateOnly(2026, 11, 2);
        var failures = await DebitNoticeSelection.PlanAsync(db, new DebitNoticeRequest(NoticeRunKinds.DebitFailure, s.ImportFileId, asOf));
        Assert.Equal([(ids[1], 15_000L, 0L), (ids[2], 23_000L, 0L)],
            failures.Letters.Select(l => (l.Items.Single().Installment.InstallmentId, l.Items.Single().Principal, l.Items.Single().LateFee)));
        Assert.Equal(new DateOnly(2026, 11, 16), failures.Deadline);

        var runs = new NoticeRuns(db, f.Clock);
        var run = await runs.GenerateAsync(Choshu.App.Security.Actor.System(), NoticeRunKinds.DebitFailure,
            (x, ct) => DebitNoticeSelection.PlanAsync(x, new DebitNoticeRequest(NoticeRunKinds.DebitFailure, s.ImportFileId, asOf), ct));
        var letters = await runs.LettersAsync(run!.Id);
        Assert.Contains("口座振替日 令和8年10月27日 に指定の口座から振替できませんでした（理由: 資金不足）", letters[0].Data.Body);
        Assert.Equal(("口座振替不能通知書", 15_000L, new DateOnly(2026, 11, 16)), (letters[0].Data.Title, letters[0].Data.Slips.Single().Amount, letters[0].Data.Slips.Single().Deadline));
        Assert.Contains("取引なし", letters[1].Data.Body);
        // The same file again gives nothing.
        Assert.Empty((await DebitNoticeSelection.PlanAsync(db, new DebitNoticeRequest(NoticeRunKinds.DebitFailure, s.ImportFileId, asOf))).Letters);

        var done = await DebitNoticeSelection.PlanAsync(db, new DebitNoticeRequest(NoticeRunKinds.DebitDone, s.ImportFileId, asOf));
        var item = Assert.Single(done.Letters).Items.Single();
        Assert.Equal((ids[0], 8_000L, debitDay), (item.Installment.InstallmentId, item.Principal, item.Deadline));
        var doneRun = await runs.GenerateAsync(Choshu.App.Security.Actor.System(), NoticeRunKinds.DebitDone,
            (x, ct) => DebitNoticeSelection.PlanAsync(x, new DebitNoticeRequest(NoticeRunKinds.DebitDone, s.ImportFileId, asOf), ct));
        var doneLetter = Assert.Single(await runs.LettersAsync(doneRun!.Id)).Data;
        Assert.Empty(doneLetter.Slips);
        Assert.Equal("口座振替済通知書", doneLetter.Title);
    }
}
