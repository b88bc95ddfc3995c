using System.Text;
using Microsoft.Data.Sqlite;

namespace Choshu.Data.Bulk;

/// <summary>
/// SQLite: for each table one prepared multi-row <c>INSERT … VALUES (…), (…), …</c>, reused for every
/// full batch of rows, and a prepared single-row INSERT for the tail, all inside the caller's
/// transaction. Values are bound as EF Core stores them (dates as <c>yyyy-MM-dd</c> text, timestamps
/// as <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>, booleans and enums as integers).
/// </summary>
public sealed class SqliteBulkWriter : IBulkWriter
{
    /// <summary>
    /// Bound parameters per multi-row statement. Microsoft.Data.Sqlite binds each parameter by name
    /// (sqlite3_bind_parameter_index scans the statement's parameter list), so the cost per value grows
    /// with the statement's parameter count. Measured on 5,000 taxpayers: 30–100 parameters 50k rows/s,
    /// 300 39k rows/s, 1,000 21k rows/s.
    /// </summary>
    public const int ParametersPerStatement = 100;

    private readonly SqliteConnection _conn;
    private readonly Dictionary<(string Table, int Rows), SqliteCommand> _commands = [];
    private SqliteTransaction? _tx;

    private SqliteBulkWriter(SqliteConnection conn) => _conn = conn;

    public StoreProvider Provider => StoreProvider.Sqlite;

    public System.Data.Common.DbConnection Connection => _conn;

    public System.Data.Common.DbTransaction? Transaction => _tx;

    private readonly Dictionary<string, long> _reservedUpTo = [];

    public async Task<long[]> ReserveIdsAsync(BulkTable table, int count, CancellationToken ct = default)
    {
        if (_tx is null) throw new InvalidOperationException("Open a bulk transaction (BeginAsync) before reserving ids: it holds SQLite's write lock.");
        if (count == 0) return [];
        var max = await MaxIdAsync(table, ct);
        if (_reservedUpTo.TryGetValue(table.Name, out var reserved) && reserved > max) max = reserved;
        var ids = new long[count];
        for (var i = 0; i < count; i++) ids[i] = max + 1 + i;
        _reservedUpTo[table.Name] = max + count;
        return ids;
    }

    /// <summary>SQLite serialises writers itself (every bulk transaction begins IMMEDIATE): nothing to lock.</summary>
    public Task LockAsync(string name, CancellationToken ct = default) => Task.CompletedTask;

    public static async Task<SqliteBulkWriter> OpenAsync(string connectionString, CancellationToken ct = default)
    {
        var conn = new SqliteConnection(connectionString);
        try
        {
            await conn.OpenAsync(ct);
            // As EF Core does on every connection it opens: enforce the foreign keys.
            await using var pragma = conn.CreateCommand();
            pragma.CommandText = "PRAGMA foreign_keys = ON;";
            await pragma.ExecuteNonQueryAsync(ct);
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
        return new SqliteBulkWriter(conn);
    }

    public async Task<long> MaxIdAsync(BulkTable table, CancellationToken ct = default)
    {
        await using var cmd = _conn.CreateCommand();
        cmd.Transaction = _tx;
        cmd.CommandText = $"SELECT COALESCE(MAX(id), 0) FROM {table.Name}";
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct));
    }

    public Task BeginAsync(CancellationToken ct = default)
    {
        if (_tx is not null) throw new InvalidOperationException("A bulk transaction is already open.");
        _tx = _conn.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: take the write lock now
        _reservedUpTo.Clear();
        foreach (var cmd in _commands.Values) cmd.Transaction = _tx;
        return Task.CompletedTask;
    }

    public Task WriteAsync<T>(BulkTable<T> table, IReadOnlyList<T> rows, CancellationToken ct = default)
    {
        if (_tx is null) throw new InvalidOperationException("Open a bulk transaction (BeginAsync) before writing.");
        var columns = table.Columns;
        var batch = Math.Max(1, ParametersPerStatement / columns.Count);
        var i = 0;
        if (rows.Count >= batch)
        {
            var multi = Command(table, batch);
            for (; i + batch <= rows.Count; i += batch)
            {
                ct.ThrowIfCancellationRequested();
                Bind(multi, columns, rows, i, batch);
                multi.ExecuteNonQuery();
            }
        }
        if (i < rows.Count)
        {
            var single = Command(table, 1);
            for (; i < rows.Count; i++)
            {
                Bind(single, columns, rows, i, 1);
                single.ExecuteNonQuery();
            }
        }
        return Task.CompletedTask;
    }

    public Task CommitAsync(CancellationToken ct = default)
    {
        if (_tx is null) throw new InvalidOperationException("No bulk transaction is open.");
        _tx.Commit();
        _tx.Dispose();
        _tx = null;
        return Task.CompletedTask;
    }

    /// <summary>Nothing to do: SQLite checks foreign keys per row through the parent's primary key, cheaply.</summary>
    public Task DeferForeignKeysAsync(IEnumerable<BulkTable> tables, CancellationToken ct = default)
    {
        if (_tx is null) throw new InvalidOperationException("Open a bulk transaction (BeginAsync) first.");
        return Task.CompletedTask;
    }

    /// <summary>Nothing to do: an AUTOINCREMENT table's sqlite_sequence follows the largest id inserted.</summary>
    public Task ResetIdentityAsync(IEnumerable<BulkTable> tables, CancellationToken ct = default) => Task.CompletedTask;

    /// <summary>Nothing to do on SQLite, whose planner needs no statistics for these queries.</summary>
    public Task AnalyzeAsync(IEnumerable<BulkTable> tables, CancellationToken ct = default) => Task.CompletedTask;

    private static void Bind<T>(SqliteCommand cmd, IReadOnlyList<BulkColumn<T>> columns, IReadOnlyList<T> rows, int start, int count)
    {
        var parameters = cmd.Parameters;
        var p = 0;
        for (var r = start; r < start + count; r++)
        {
            var row = rows[r];
            for (var c = 0; c < columns.Count; c++)
                parameters[p++].Value = columns[c].SqliteValue(row);
        }
    }

    private SqliteCommand Command<T>(BulkTable<T> table, int rows)
    {
        if (_commands.TryGetValue((table.Name, rows), out var cached)) return cached;
        var columns = table.ColumnNames;
        // Column names quoted: claim_events has a column "on", a reserved word.
        var sql = new StringBuilder($"INSERT INTO {table.Name} ({string.Join(", ", columns.Select(n => $"\"{n}\""))}) VALUES ");
        var cmd = _conn.CreateCommand();
        cmd.Transaction = _tx;
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = $"$p{r * columns.Count + c}";
                sql.Append(c == 0 ? name : ", " + name);
                cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
            }
            sql.Append(')');
        }
        cmd.CommandText = sql.ToString();
        cmd.Prepare();
        _commands[(table.Name, rows)] = cmd;
        return cmd;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cmd in _commands.Values) await cmd.DisposeAsync();
        _commands.Clear();
        if (_tx is not null)
        {
            _tx.Dispose(); // rolls back
            _tx = null;
        }
        await _conn.DisposeAsync();
    }
}
