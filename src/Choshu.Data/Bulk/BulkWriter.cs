namespace Choshu.Data.Bulk;

/// <summary>Opens the <see cref="IBulkWriter"/> that suits a store.</summary>
public static class BulkWriter
{
    public static async Task<IBulkWriter> OpenAsync(Store store, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Provider == StoreProvider.Postgres
            ? await PostgresBulkWriter.OpenAsync(Store.WithPostgresDefaults(store.ConnectionString), ct)
            : await SqliteBulkWriter.OpenAsync(store.ConnectionString, ct);
    }
}
