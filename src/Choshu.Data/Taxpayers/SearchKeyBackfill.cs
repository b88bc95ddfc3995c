using Choshu.Domain.Taxpayers;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Choshu.Data.Taxpayers;

/// <summary>
/// Fills the search keys (<c>taxpayers.search_kana</c>, <c>search_kanji</c>, <c>search_address</c>) of rows
/// that have none: the taxpayers of a store created before migration <c>TaxpayerSearch</c>, which adds
/// the columns empty. The keys are computed by the one function that computes them for every write
/// (<see cref="TaxpayerSearchKeys.Of"/>), never by SQL. <c>StoreInitializer</c> (<c>choshu db init</c>,
/// <c>choshu serve</c>) runs it after migrating; a run that was interrupted is completed by the next one.
/// Each batch of <see cref="BatchSize"/> rows commits on its own. Finding the rows uses the partial index
/// <c>ix_taxpayers_search_keys_missing</c>, which is empty once every row has its keys. On PostgreSQL, once
/// rows were filled, the trigram indexes' pending lists are merged and the table analysed.
/// </summary>
public static class SearchKeyBackfill
{
    public const int BatchSize = 5000;

    /// <summary>Fills the keys of every taxpayer row that lacks them; returns how many rows were filled.</summary>
    public static async Task<int> RunAsync(ChoshuDbContext db, CancellationToken ct = default)
    {
        var filled = 0;
        var after = 0L;
        while (true)
        {
            var rows = await db.Taxpayers.AsNoTracking()
                .Where(t => t.Id > after && (t.SearchKana == null || t.SearchKanji == null || t.SearchAddress == null))
                .OrderBy(t => t.Id)
                .Take(BatchSize)
                .Select(t => new
                {
                    t.Id, t.Facts.NameKana, t.Facts.AliasKana, t.Facts.NameKanji, t.Facts.AliasKanji,
                    t.Facts.TownName, t.Facts.StreetNumber, t.Facts.AddressSupplement,
                })
                .ToListAsync(ct);
            if (rows.Count == 0)
            {
                if (filled > 0 && db.Provider == StoreProvider.Postgres) await SettleAsync(db, ct);
                return filled;
            }

            var ids = new long[rows.Count];
            var kana = new string[rows.Count];
            var kanji = new string[rows.Count];
            var address = new string[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                var r = rows[i];
                var keys = TaxpayerSearchKeys.Of(r.NameKana, r.AliasKana, r.NameKanji, r.AliasKanji, r.TownName, r.StreetNumber, r.AddressSupplement);
                (ids[i], kana[i], kanji[i], address[i]) = (r.Id, keys.Kana, keys.Kanji, keys.Address);
            }
            await WriteAsync(db, ids, kana, kanji, address, ct);
            filled += rows.Count;
            after = ids[^1];
        }
    }

    /// <summary>
    /// PostgreSQL, after filling: the trigram indexes took the new keys into their pending lists, which every
    /// search would read whole until autovacuum merges them, so merge them now; then give the planner the
    /// new columns' statistics (ANALYZE), so that it knows the keys are selective.
    /// </summary>
    private static async Task SettleAsync(ChoshuDbContext db, CancellationToken ct)
    {
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(TimeSpan.Zero);
        try
        {
            await db.Database.ExecuteSqlRawAsync(Bulk.PostgresBulkWriter.MergeGinPendingListsSql,
                [new NpgsqlParameter("tables", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = new[] { "taxpayers" } }], ct);
            await db.Database.ExecuteSqlRawAsync("ANALYZE taxpayers", ct);
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
        }
    }

    private static async Task WriteAsync(ChoshuDbContext db, long[] ids, string[] kana, string[] kanji, string[] address, CancellationToken ct)
    {
        if (db.Provider == StoreProvider.Postgres)
        {
            // One statement per batch: the arrays joined to the rows by id.
            await db.Database.ExecuteSqlRawAsync(
                """
                UPDATE taxpayers AS t SET search_kana = u.kana, search_kanji = u.kanji, search_address = u.address
                FROM unnest(@ids, @kana, @kanji, @address) AS u(id, kana, kanji, address)
                WHERE t.id = u.id
                """,
                [
                    new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids },
                    new NpgsqlParameter("kana", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = kana },
                    new NpgsqlParameter("kanji", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = kanji },
                    new NpgsqlParameter("address", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = address },
                ],
                ct);
            return;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        for (var i = 0; i < ids.Length; i++)
        {
            var (id, k, j, a) = (ids[i], kana[i], kanji[i], address[i]);
            await db.Database.ExecuteSqlAsync(
                $"UPDATE taxpayers SET search_kana = {k}, search_kanji = {j}, search_address = {a} WHERE id = {id}", ct);
        }
        await tx.CommitAsync(ct);
    }
}
