using Choshu.Data;
using Choshu.Domain.Refunds;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Refunds;

/// <summary>Reads for the refund lists and screens (callers check the right and audit the read where a screen shows names).</summary>
public static class RefundQueries
{
    public static async Task<IReadOnlyList<RefundView>> RefundsAsync(ChoshuDbContext db, long? id = null, long? taxpayerId = null,
        long? transferId = null, CancellationToken ct = default)
    {
        var q = db.Refunds.AsNoTracking();
        if (id is { } i) q = q.Where(r => r.Id == i);
        if (taxpayerId is { } t) q = q.Where(r => r.TaxpayerId == t);
        if (transferId is { } x) q = q.Where(r => r.TransferId == x);
        var rows = await (from r in q
                          join tp in db.Taxpayers on r.TaxpayerId equals tp.Id
                          join o in db.Overpayments on r.OverpaymentId equals o.Id
                          join inst in db.Installments on r.InstallmentId equals inst.Id
                          join a in db.Assessments on inst.AssessmentId equals a.Id
                          join k in db.TaxKinds on a.TaxKindCode equals k.Code
                          orderby r.Id
                          select new { r, tp, o.AroseOn, k.Name, a.FiscalYear }).ToListAsync(ct);
        return rows.Select(x => new RefundView(x.r.Id, x.r.TaxpayerId, x.tp.TaxpayerNo, x.tp.Facts.NameKanji, x.r.OverpaymentId, x.Name, x.FiscalYear,
            x.AroseOn, x.r.Amount, x.r.Interest ?? x.r.DraftInterest, x.r.Interest is not null, x.r.InterestFrom, x.r.ClaimedOn, x.r.PlannedDecisionOn,
            (RefundMethod)x.r.Method, AccountText(x.r), x.r.HolderKana, x.r.DraftedBy, x.r.DecidedOn, x.r.DecidedBy, x.r.TransferId, x.r.PaidOn,
            x.r.WithdrawnAtUtc is not null) { EarnedInterest = x.r.EarnedInterest }).ToList();
    }

    /// <summary>"0001 001 普通 1234567" (bank, branch, type, number); null for the counter.</summary>
    public static string? AccountText(Data.Refunds.Refund r) => r.BankCode is null ? null
        : $"{r.BankCode}{(r.BankName is null ? "" : " " + r.BankName)} {r.BranchCode}{(r.BranchName is null ? "" : " " + r.BranchName)} {Formats.Zengin.ZenginTransferAccount.AccountTypeName(r.AccountType)} {r.AccountNo}";

    /// <summary>Every overpayment (of one taxpayer, or all) with its balance and state.</summary>
    public static async Task<IReadOnlyList<OverpaymentRow>> OverpaymentsAsync(ChoshuDbContext db, long? taxpayerId, CancellationToken ct = default)
    {
        var balances = await RefundOverpayments.LoadAsync(db, taxpayerId, ct: ct);
        var ids = balances.Select(b => b.InstallmentId).Distinct().ToList();
        var tps = balances.Select(b => b.TaxpayerId).Distinct().ToList();
        var installments = new Dictionary<long, (string Kind, int Year, short Period)>();
        foreach (var chunk in ids.Chunk(5000))
            foreach (var x in await (from i in db.Installments.AsNoTracking()
                                     where chunk.Contains(i.Id)
                                     join a in db.Assessments on i.AssessmentId equals a.Id
                                     join k in db.TaxKinds on a.TaxKindCode equals k.Code
                                     select new { i.Id, k.Name, a.FiscalYear, i.Period }).ToListAsync(ct))
                installments[x.Id] = (x.Name, x.FiscalYear, x.Period);
        var people = new Dictionary<long, (string No, string Name)>();
        foreach (var chunk in tps.Chunk(5000))
            foreach (var t in await db.Taxpayers.AsNoTracking().Where(t => chunk.Contains(t.Id)).ToListAsync(ct))
                people[t.Id] = (t.TaxpayerNo, t.Facts.NameKanji);
        var opIds = balances.Select(b => b.Id).ToList();
        var refunds = new List<(long OverpaymentId, long Id, bool Decided)>();
        foreach (var chunk in opIds.Chunk(5000))
            refunds.AddRange((await db.Refunds.AsNoTracking().Where(r => chunk.Contains(r.OverpaymentId) && r.WithdrawnAtUtc == null)
                .Select(r => new { r.OverpaymentId, r.Id, Decided = r.DecidedOn != null }).ToListAsync(ct)).Select(r => (r.OverpaymentId, r.Id, r.Decided)));
        return balances.Select(b =>
        {
            var pending = refunds.Where(r => r.OverpaymentId == b.Id && !r.Decided).Select(r => (long?)r.Id).FirstOrDefault();
            var last = refunds.Where(r => r.OverpaymentId == b.Id).Select(r => (long?)r.Id).Max();
            var state = b.Cancelled ? OverpaymentState.Cancelled
                : pending is not null ? OverpaymentState.AwaitingDecision
                : b.Balance > 0 ? OverpaymentState.Open
                : b.Lapsed > 0 ? OverpaymentState.Lapsed
                : b.Refunded > 0 ? OverpaymentState.Refunded
                : OverpaymentState.Appropriated;
            var (kind, year, period) = installments[b.InstallmentId];
            var (no, name) = people[b.TaxpayerId];
            return new OverpaymentRow(b.Id, b.TaxpayerId, b.InstallmentId, no, name, kind, year, period, b.Reason, b.AroseOn, b.Amount, b.Appropriated,
                b.Refunded, b.Lapsed, b.Balance, state, pending ?? last, RefundDesk.LapsesAfter(b.AroseOn));
        }).ToList();
    }
}
