namespace Choshu.Data.Bulk;

/// <summary>
/// Writes many rows at once with explicit ids: binary COPY on PostgreSQL, prepared multi-row INSERTs
/// on SQLite (see <see cref="BulkWriter.OpenAsync"/>). Never one round trip per row on PostgreSQL.
/// The caller assigns ids itself: read <see cref="MaxIdAsync"/> once, count up, and call
/// <see cref="ResetIdentityAsync"/> before finishing so that later EF inserts continue after them.
/// Rows are written inside a transaction the caller opens with <see cref="BeginAsync"/>; disposing
/// the writer with a transaction still open rolls it back.
/// </summary>
public interface IBulkWriter : IAsyncDisposable
{
    StoreProvider Provider { get; }

    /// <summary>The writer's open connection: an EF context made on it (<see cref="Store.CreateContextAsync"/>) reads and writes in the same transaction.</summary>
    System.Data.Common.DbConnection Connection { get; }

    /// <summary>The open transaction, or null between <see cref="CommitAsync"/> and the next <see cref="BeginAsync"/>.</summary>
    System.Data.Common.DbTransaction? Transaction { get; }

    /// <summary>
    /// Reserves <paramref name="count"/> ids of an identity table for rows this writer is about to write,
    /// safely beside other writers (PostgreSQL: from the table's identity sequence; SQLite: after the
    /// largest id, inside the open transaction, which holds SQLite's write lock).
    /// </summary>
    Task<long[]> ReserveIdsAsync(BulkTable table, int count, CancellationToken ct = default);

    /// <summary>
    /// Takes a named lock for the writer's lifetime so that two runs of the same kind of bulk work never
    /// overlap (PostgreSQL: a session advisory lock; SQLite: writes are already serialised, nothing to do).
    /// Refuses at once, with a Japanese message, when another run holds it.
    /// </summary>
    Task LockAsync(string name, CancellationToken ct = default);

    /// <summary>The largest id in <paramref name="table"/>, 0 when it is empty.</summary>
    Task<long> MaxIdAsync(BulkTable table, CancellationToken ct = default);

    /// <summary>Starts a transaction; every write until <see cref="CommitAsync"/> belongs to it.</summary>
    Task BeginAsync(CancellationToken ct = default);

    /// <summary>Writes <paramref name="rows"/> (parents must already be written, foreign keys are checked).</summary>
    Task WriteAsync<T>(BulkTable<T> table, IReadOnlyList<T> rows, CancellationToken ct = default);

    /// <summary>
    /// For a large load into (nearly) empty tables, in the open transaction: PostgreSQL drops the foreign
    /// keys declared on <paramref name="tables"/> and re-creates them in <see cref="CommitAsync"/>, which
    /// checks every row in one set-based pass instead of one trigger call per row (PostgreSQL manual,
    /// "Populating a Database"). The schema is unchanged afterwards, and a rollback restores the keys.
    /// The tables stay locked against other sessions until commit. SQLite: nothing (it checks per row, cheaply).
    /// </summary>
    Task DeferForeignKeysAsync(IEnumerable<BulkTable> tables, CancellationToken ct = default);

    /// <summary>Commits the open transaction (re-creating deferred foreign keys first).</summary>
    Task CommitAsync(CancellationToken ct = default);

    /// <summary>
    /// Makes the store's own id generation continue after the largest id of each identity table
    /// (PostgreSQL: <c>setval</c> on the identity sequence; SQLite's AUTOINCREMENT keeps up by itself).
    /// </summary>
    Task ResetIdentityAsync(IEnumerable<BulkTable> tables, CancellationToken ct = default);

    /// <summary>
    /// Refreshes the planner's statistics after a large load (PostgreSQL: the pending lists of the tables'
    /// GIN indexes merged, then <c>ANALYZE</c>; nothing on SQLite).
    /// </summary>
    Task AnalyzeAsync(IEnumerable<BulkTable> tables, CancellationToken ct = default);
}
