namespace Choshu.Data.Bulk;

/// <summary>Opens the <see cref="IBulkWriter"/> that suits a store.</summary>
public static class BulkWriter
{
    public static async Task<IBulkWriter> OpenAsync(Store store, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Provider == StoreProvider.Postgres
            // Its connection holds session advisory locks (LockAsync): it keeps Npgsql's reset on close, which releases
            // any lock an interrupted run left, before the connection serves anyone else from the pool.
            ? await PostgresBulkWriter.OpenAsync(new Npgsql.NpgsqlConnectionStringBuilder(Store.WithPostgresDefaults(store.ConnectionString)) { NoResetOnClose = false }.ConnectionString, ct)
            : await SqliteBulkWriter.OpenAsync(store.ConnectionString, ct);
    }
}
