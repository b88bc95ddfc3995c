using Choshu.App.Refunds;
using Choshu.Data;
using Choshu.Domain.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Reports;

/// <summary>
/// 還付充当一覧: per day and tax kind, the appropriations (充当) and the refunds decided (還付), straight from the journal
/// entries valued in the range (a reversal counts with the kind, reason and link of the entry it reverses, so a
/// rebooked appropriation nets out). The day is the entry's value date (充当適状日, 支出決定日); the tax kind is the one of
/// the installment the entry is on:
/// <list type="bullet">
/// <item>充当 本税・督促手数料・延滞金: −Σ Appropriation entries on those components, i.e. the target side, under the
/// claim that was paid (充当先).</item>
/// <item>充当分の還付加算金: −Σ RefundInterest entries linked to an appropriation's source entry, under the tax the
/// overpayment arose on (充当元), on the 充当適状日.</item>
/// <item>還付金: Σ Refund entries refund.decided (overpayment account), under the tax the overpayment arose on;
/// 還付加算金: −Σ RefundInterest entries of the decisions (linked to the overpayment); 還付加算金支払額: Σ Refund entries
/// refund.interest (that interest plus what appropriations had earned, paid with the refund).</item>
/// <item>戻出・歳出 as <see cref="RefundFiles.PaymentOrderAsync"/> decides: the refunded money is 戻出 when the payment it
/// came from was received (収入日) in the fiscal year of the decision, else 歳出; all interest paid is 歳出.</item>
/// </list>
/// Only totals: no taxpayer is shown.
/// </summary>
public static class RefundReportQuery
{
    public static async Task<RefundReport> LoadAsync(ChoshuDbContext db, DateOnly first, DateOnly last, CancellationToken ct = default)
    {
        var kinds = await db.TaxKinds.AsNoTracking().OrderBy(k => k.SortOrder).ToListAsync(ct);
        var entries = await (
                from j in db.JournalEntries
                where j.ValueDate >= first && j.ValueDate <= last
                join r in db.JournalEntries on j.ReversesEntryId equals r.Id into rs
                from reversed in rs.DefaultIfEmpty()
                let kind = reversed == null ? j.Kind : reversed.Kind
                where kind == JournalEntryKind.Appropriation || kind == JournalEntryKind.Refund || kind == JournalEntryKind.RefundInterest
                let linked = reversed == null ? j.LinkedEntryId : reversed.LinkedEntryId
                join l in db.JournalEntries on linked equals (long?)l.Id into ls
                from link in ls.DefaultIfEmpty()
                join i in db.Installments on j.InstallmentId equals i.Id
                join a in db.Assessments on i.AssessmentId equals a.Id
                select new
                {
                    j.ValueDate, a.TaxKindCode, Kind = kind, j.Component, j.Amount, Linked = linked,
                    Reason = reversed == null ? j.ReasonCode : reversed.ReasonCode,
                    LinkedToAppropriation = link != null && link.Kind == JournalEntryKind.Appropriation,
                })
            .ToListAsync(ct);

        // The 収入日 of the payment each refunded overpayment came from (the 戻出/歳出 split of the payment order).
        var overpaymentIds = entries.Where(e => e.Kind == JournalEntryKind.Refund && e.Reason == RefundDesk.RefundReason && e.Linked is not null)
            .Select(e => e.Linked!.Value).Distinct().ToList();
        var received = new Dictionary<long, DateOnly>();
        foreach (var chunk in overpaymentIds.Chunk(5000))
            foreach (var x in await (from o in db.Overpayments where chunk.Contains(o.Id)
                                     join p in db.Payments on o.PaymentId equals p.Id
                                     select new { o.Id, p.PaidOn }).ToListAsync(ct))
                received[x.Id] = x.PaidOn;

        var sums = new Dictionary<(DateOnly, string), long[]>();
        foreach (var e in entries)
        {
            var key = (e.ValueDate, e.TaxKindCode);
            if (!sums.TryGetValue(key, out var s)) sums[key] = s = new long[9];
            switch (e.Kind)
            {
                case JournalEntryKind.Appropriation when e.Component == LedgerComponent.Principal: s[0] -= e.Amount; break;
                case JournalEntryKind.Appropriation when e.Component == LedgerComponent.ReminderFee: s[1] -= e.Amount; break;
                case JournalEntryKind.Appropriation when e.Component == LedgerComponent.LateFee: s[2] -= e.Amount; break;
                case JournalEntryKind.RefundInterest when e.LinkedToAppropriation: s[3] -= e.Amount; break;
                case JournalEntryKind.RefundInterest: s[5] -= e.Amount; break;
                case JournalEntryKind.Refund when e.Reason == RefundDesk.RefundReason:
                    s[4] = checked(s[4] + e.Amount);
                    var sameYear = e.Linked is { } o && received.TryGetValue(o, out var paid) && RefundFiles.IsReversal(paid, e.ValueDate);
                    s[sameYear ? 7 : 8] = checked(s[sameYear ? 7 : 8] + e.Amount);
                    break;
                case JournalEntryKind.Refund when e.Reason == RefundDesk.InterestPaidReason:
                    s[6] = checked(s[6] + e.Amount);
                    s[8] = checked(s[8] + e.Amount);
                    break;
            }
        }
        var order = kinds.Select((k, n) => (k.Code, n)).ToDictionary(x => x.Code, x => x.n);
        var names = kinds.ToDictionary(k => k.Code, k => k.Name);
        var lines = sums.Where(x => x.Value.Any(v => v != 0))
            .OrderBy(x => x.Key.Item1).ThenBy(x => order.GetValueOrDefault(x.Key.Item2, int.MaxValue))
            .Select(x => Line(x.Key.Item1, x.Key.Item2, names.GetValueOrDefault(x.Key.Item2, x.Key.Item2), x.Value))
            .ToList();
        var total = new long[9];
        foreach (var s in sums.Values)
            for (var n = 0; n < 9; n++) total[n] = checked(total[n] + s[n]);
        return new RefundReport(first, last, lines, Line(null, "", "合計", total));
    }

    private static RefundReportLine Line(DateOnly? day, string code, string name, long[] s) =>
        new(day, code, name, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8]);
}
