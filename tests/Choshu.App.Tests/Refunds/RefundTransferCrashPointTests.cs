using Choshu.App.Faults;
using Choshu.App.Refunds;
using Choshu.Domain.Assessments;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using static Choshu.TestSupport.PaymentFiles;

namespace Choshu.App.Tests.Refunds;

/// <summary>
/// Crash points of the refund transfer (docs/security.md §10「Crash points」, issue 18): 10 taxpayers each paid 市民税 2025 1期
/// 50,000 twice (2025-06-02 and 06-03), so each has an overpayment of 50,000 (its refund interest, 50,000 × 0.9% × 169/365 = 208 yen from 2025-07-04 to
/// 2025-12-19, is under 1,000 yen: none); each
/// refund is drafted by the clerk and, one per point, decided by the approver on 2025-12-19, then the transfer file for
/// 2025-12-24 written with a <see cref="CrashPoints"/> in <see cref="CrashMode.Throw"/> ending it at one step (file
/// written, record rolled back; recorded, file still .part; …), then written again as an operator would. Every step is
/// tried; after each rerun the refund is in exactly one recorded transfer of 1 record and 50,000 yen, paid on 2025-12-24,
/// the file in place with that hash, and no refund of the earlier points is taken again.
/// </summary>
public sealed class RefundTransferCrashPointTests(RefundWorld w) : IClassFixture<RefundWorld>
{
    private static readonly DateOnly Dec19 = new(2025, 12, 19);
    private static readonly DateOnly Dec24 = new(2025, 12, 24);

    [Fact]
    public async Task Transfer_KilledAtEveryStepThenRerun_EachRefundPaidOnce()
    {
        var f = w.F;
        var installments = new List<long>();
        for (var n = 0; n < 10; n++)
        {
            var taxpayer = await f.TaxpayerAsync($"20000018{n:D2}");
            installments.Add((await f.AssessmentAsync(taxpayer, TaxKindCodes.InhabitantTax, 2025, $"20250180{n:D2}", new LedgerSeed.Inst(1, new DateOnly(2025, 6, 30), 50_000)))[0]);
        }
        await f.ImportAsync(f.Write(Bank(installments.SelectMany((inst, n) => new[]
        {
            new BankLine($"{2 * n + 1}", Key(inst), 50_000, new DateOnly(2025, 6, 2), new DateOnly(2025, 6, 2)),
            new BankLine($"{2 * n + 2}", Key(inst), 50_000, new DateOnly(2025, 6, 3), new DateOnly(2025, 6, 3)),
        })), "refund-crash.csv"), "bank");
        var overpayments = (await f.OverpaymentsAsync()).Where(o => o.InstallmentId is { } i && installments.Contains(i)).OrderBy(o => o.InstallmentId).ToList();
        Assert.Equal(10, overpayments.Count);
        var refunds = new List<long>();
        foreach (var o in overpayments)
            refunds.Add((await w.Desk(w.Clerk).DraftAsync(new RefundDraftRequest(o.Id, new DateOnly(2025, 12, 1), Dec19, Choshu.Domain.Refunds.RefundMethod.Transfer,
                BankCode: "0182", BankName: "ｶｺﾞｼﾏｷﾞﾝｺｳ", BranchCode: "101", BranchName: "ﾎﾝﾃﾝ", AccountType: 1, AccountNo: "1234567", HolderKana: "カゴシマ タロウ"))).Id);
        var dir = Directory.CreateTempSubdirectory("refund-crash").FullName;

        // The steps of one whole transfer, traced.
        var trace = new List<string>();
        await w.Desk(w.Approver).DecideAsync(refunds[0], Dec19);
        await TransferAsync(Path.Combine(dir, "traced.txt"), new CrashPoints(mode: CrashMode.Throw, trace: trace));
        await AssertPaidOnceAsync(refunds[0], Path.Combine(dir, "traced.txt"));
        Assert.Equal(["before-write-part:0", "after-write-part:0", "after-begin:0", "before-save-transfer:0", "after-save-transfer:0",
            "after-save-refunds-paid:0", "before-commit:0", "after-commit:0", "after-rename:0"], trace);

        var failures = new List<string>();
        for (var step = 1; step <= trace.Count; step++)
        {
            var refund = refunds[step];
            await w.Desk(w.Approver).DecideAsync(refund, Dec19);
            var path = Path.Combine(dir, $"point{step}.txt");
            var e = await Assert.ThrowsAsync<CrashPointException>(() => TransferAsync(path, new CrashPoints(atStep: step, mode: CrashMode.Throw)));
            Assert.Equal(trace[step - 1], e.Point);
            if (step != trace.Count) // killed after the rename: the run is complete, a rerun finds nothing to transfer
                await TransferAsync(path, CrashPoints.None);
            try { await AssertPaidOnceAsync(refund, path); }
            catch (Exception x) { failures.Add($"step {step} {trace[step - 1]}: {x.Message}"); }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        await using var db = f.Open();
        var transfers = await db.RefundTransfers.AsNoTracking().ToListAsync();
        Assert.Equal((10, 10, 500_000L), (transfers.Count, transfers.Sum(t => t.Count), transfers.Sum(t => t.Amount)));
        Assert.Equal(10, await db.Refunds.CountAsync(r => refunds.Contains(r.Id) && r.TransferId != null && r.PaidOn == Dec24));
    }

    private Task<RefundTransferResult> TransferAsync(string path, CrashPoints points) =>
        new RefundFiles(w.F.Store.Store, w.F.Clock, w.Clerk) { CrashPoints = points }.TransferAsync(Dec24, path);

    private async Task AssertPaidOnceAsync(long refundId, string path)
    {
        await using var db = w.F.Open();
        var refund = await db.Refunds.AsNoTracking().SingleAsync(r => r.Id == refundId);
        Assert.Equal(Dec24, refund.PaidOn);
        var transfer = await db.RefundTransfers.AsNoTracking().SingleAsync(t => t.Id == refund.TransferId);
        Assert.Equal((1, 50_000L, path), (transfer.Count, transfer.Amount, transfer.FilePath));
        Assert.True(File.Exists(path), "the transfer file is in place");
        Assert.False(File.Exists(path + ".part"), "no .part file is left");
        Assert.Equal(transfer.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(path))));
    }
}
