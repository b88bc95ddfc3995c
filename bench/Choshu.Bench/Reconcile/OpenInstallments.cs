using Choshu.Data;
using Choshu.Domain.Ledger;

namespace Choshu.Bench.Reconcile;

/// <summary>An installment whose principal is not fully paid, as the journal says.</summary>
public readonly record struct OpenInstallment(long Id, long PrincipalOwed);

/// <summary>The installments payments can be made against, read from the store's journal.</summary>
public static class OpenInstallments
{
    /// <summary>Every installment with principal still owed (in id order), and the largest installment id.</summary>
    public static async Task<(List<OpenInstallment> Open, long MaxId)> LoadAsync(Store store, CancellationToken ct)
    {
        var open = new List<OpenInstallment>();
        await using var conn = await BenchSql.OpenAsync(store, ct);
        if (store.Provider == StoreProvider.Postgres) await BenchSql.ExecuteAsync(conn, "SET work_mem = '512MB'", ct);
        await using (var cmd = conn.CreateCommand())
        {
            cmd.CommandTimeout = 0;
            cmd.CommandText =
                $"""
                SELECT installment_id, SUM(amount) FROM journal_entries
                WHERE component = {(short)LedgerComponent.Principal}
                GROUP BY installment_id HAVING SUM(amount) > 0
                ORDER BY installment_id
                """;
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                open.Add(new OpenInstallment(reader.GetInt64(0), reader.GetInt64(1)));
        }
        var maxId = await BenchSql.ScalarAsync(store, "SELECT COALESCE(MAX(id), 0) FROM installments", ct);
        return (open, maxId);
    }
}
