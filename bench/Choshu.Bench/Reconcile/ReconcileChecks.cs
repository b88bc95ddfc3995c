using Choshu.App.Reconciliation;
using Choshu.Data;

namespace Choshu.Bench.Reconcile;

/// <summary>One check after the run: what was expected and what the store holds.</summary>
public sealed record CheckResult(string What, long Expected, long Actual)
{
    public bool Ok => Expected == Actual;
}

/// <summary>
/// After the timed run: do the store, the import summaries and the plan agree? Every payment exactly
/// once, the journal's money equal to what was booked, no idempotency key twice, no installment paid
/// below zero.
/// </summary>
public static class ReconcileChecks
{
    /// <summary>
    /// The money payments moved in the journal onto the claims: their payment entries (the overpayment account, component 4,
    /// left out: the overpayments view projects it), less those reversed when an installment was booked again in 納付日
    /// order (InstallmentReplay: a linked reversal, then the new entries).
    /// </summary>
    private const string PaymentMoney =
        $"""
        FROM journal_entries j LEFT JOIN journal_entries r ON r.id = j.reverses_entry_id
        WHERE j.payment_id IN ({ImportPayments}) AND j.component <> 4 AND (j.kind = 3 OR (j.kind = 4 AND r.kind = 3))
        """;

    /// <summary>
    /// The payments the import made (each names its import file). The seeded city has payments of its own since issue 12
    /// (no import file), which the checks leave out, with their entries (a replay may reverse and re-book them).
    /// </summary>
    private const string ImportPayments = "SELECT id FROM payments WHERE import_file_id IS NOT NULL";

    private const string Imported = " AND import_file_id IS NOT NULL";

    public static async Task<List<CheckResult>> RunAsync(Store store, PaymentPlan plan, IReadOnlyList<PaymentImportSummary> runs, CancellationToken ct)
    {
        long Sum(Func<PaymentImportSummary, long> f) => runs.Sum(f);
        Task<long> Q(string sql) => BenchSql.ScalarAsync(store, sql, ct);

        // Statistics as the import left them would have the planner expect one imported payment and loop over all of them per
        // overpayment entry (24 s on 20,000 taxpayers); the checks are not timed.
        if (store.Provider == StoreProvider.Postgres)
            foreach (var table in new[] { "payments", "journal_entries" })
                await BenchSql.ExecuteAsync(store, $"ANALYZE {table}", ct);
        var booked = Sum(s => s.Booked);
        var unmatched = Sum(s => s.Unmatched);
        var cancelled = Sum(s => s.Cancelled);
        var stillPending = await Q("SELECT COUNT(*) FROM payments WHERE status = 1" + Imported);
        var expectedBookedAmount = plan.Files.Values.SelectMany(f => f).DistinctBy(p => p.No).Where(p => p.InstallmentId is not null).Sum(p => p.Amount);

        return
        [
            new("summaries: booked = matched payments of the plan", plan.Matched, booked),
            new("summaries: unmatched = 2% of the plan", plan.Unmatched, unmatched),
            new("summaries: duplicate = 1% of the plan", plan.Duplicates, Sum(s => s.Duplicate)),
            new("summaries: quarantined", 0, Sum(s => s.Quarantined)),
            new("summaries: 速報 recorded as pending", plan.Preliminaries + plan.CancelledPreliminaries.Count, Sum(s => s.Pending)),
            new("summaries: 速報取消", plan.CancelledPreliminaries.Count, cancelled),
            new("summaries: 口座振替不能", plan.DebitFailures.Count, Sum(s => s.DebitFailures)),
            new("summaries: booked amount = the plan's matched amounts", expectedBookedAmount, Sum(s => s.BookedAmount)),
            new("payments rows = booked + unmatched + pending + cancelled", booked + unmatched + stillPending + cancelled, await Q("SELECT COUNT(*) FROM payments WHERE TRUE" + Imported)),
            new("payments booked", booked, await Q("SELECT COUNT(*) FROM payments WHERE status = 2" + Imported)),
            new("payments unmatched", unmatched, await Q("SELECT COUNT(*) FROM payments WHERE status = 3" + Imported)),
            new("payments cancelled", cancelled, await Q("SELECT COUNT(*) FROM payments WHERE status = 4" + Imported)),
            new("payments still pending (every 速報 confirmed or cancelled)", 0, stillPending),
            new("journal payment entries + overpayments = booked amount", Sum(s => s.BookedAmount),
                await Q($"SELECT COALESCE(-SUM(j.amount), 0) {PaymentMoney}") + await Q($"SELECT COALESCE(SUM(amount), 0) FROM overpayments WHERE cancelled_at_utc IS NULL AND payment_id IN ({ImportPayments})")),
            new("booked payments whose entries + overpayment differ from their amount", 0, await Q(
                $"""
                SELECT COUNT(*) FROM payments p
                LEFT JOIN (SELECT j.payment_id, -SUM(j.amount) AS paid {PaymentMoney} GROUP BY j.payment_id) j ON j.payment_id = p.id
                LEFT JOIN (SELECT payment_id, SUM(amount) AS over FROM overpayments WHERE cancelled_at_utc IS NULL GROUP BY payment_id) o ON o.payment_id = p.id
                WHERE p.status = 2 AND p.import_file_id IS NOT NULL AND COALESCE(j.paid, 0) + COALESCE(o.over, 0) <> p.amount
                """)),
            new("idempotency keys held twice", 0, await Q("SELECT COUNT(*) - COUNT(DISTINCT idempotency_key) FROM payments")),
            new("installments paid below zero principal", 0, await Q(
                """
                SELECT COUNT(*) FROM (
                  SELECT installment_id FROM journal_entries
                  WHERE component = 1 AND installment_id IN (SELECT installment_id FROM payments WHERE status = 2)
                  GROUP BY installment_id HAVING SUM(amount) < 0) x
                """)),
            new("debit_failures rows", plan.DebitFailures.Count, await Q("SELECT COUNT(*) FROM debit_failures")),
            new("quarantined_records rows", 0, await Q("SELECT COUNT(*) FROM quarantined_records")),
        ];
    }
}
