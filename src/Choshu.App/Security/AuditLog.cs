using System.Globalization;
using Choshu.Data;
using Choshu.Data.Security;
using Choshu.Domain.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Choshu.App.Security;

/// <summary>
/// The one writer of the 操作ログ. <see cref="AppendAsync"/> inserts the record at once, inside the
/// caller's open transaction when there is one, so the record commits or rolls back with the
/// operation it records; without one it commits on its own. On PostgreSQL it takes a transaction-
/// scoped advisory lock so chain positions are handed out one at a time; that lock is held until
/// the caller commits, so append the record as the last statement before the commit.
/// <para>
/// On PostgreSQL one record is one round trip (<see cref="AppendPostgresAsync"/>): the lock, and an INSERT that reads the
/// last record and computes the hash in the store (the same input as <see cref="AuditChain.ComputeHash"/>, checked on
/// return), so the lock is held for no round trip of the application's; without a transaction of the caller's the two
/// statements are one implicit transaction that commits (and waits for the WAL flush) before the call returns.
/// </para>
/// </summary>
public static class AuditLog
{
    /// <summary>Key of the PostgreSQL advisory lock that serialises the chain ("audit" in ASCII).</summary>
    private const long ChainLockKey = 0x6175646974;

    public static async Task<AuditEvent> AppendAsync(ChoshuDbContext db, Actor actor, AuditRecord record, TimeProvider clock, CancellationToken ct = default)
    {
        // The one-round-trip append writes the record alone. When the caller's context holds changes not yet saved, the
        // record is appended as before (EF, one SaveChanges), which saves them with it in one transaction: callers rely on that.
        if (db.Provider == StoreProvider.Postgres && !db.ChangeTracker.HasChanges())
            return await AppendPostgresAsync(db, actor, record, clock, ct);
        if (db.Database.CurrentTransaction is not null)
            return await AppendInTransactionAsync(db, actor, record, clock, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var e = await AppendInTransactionAsync(db, actor, record, clock, ct);
        await tx.CommitAsync(ct);
        return e;
    }

    /// <summary>
    /// Appends several records in the caller's open transaction, chained in the order given: the chain lock taken and the
    /// last record read once, the records inserted in one save (a batch run's records, e.g. each appropriation of a chunk).
    /// Append them as the last statement before the commit, as with <see cref="AppendAsync"/>.
    /// </summary>
    public static async Task AppendManyAsync(ChoshuDbContext db, Actor actor, IReadOnlyList<AuditRecord> records, TimeProvider clock, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0) return;
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("AppendManyAsync must run inside the operation's transaction.");
        var last = db.Provider == StoreProvider.Postgres
            ? await LockAndReadLastAsync(db, ct)
            : await db.AuditEvents.AsNoTracking().OrderByDescending(a => a.Id).Select(a => new ChainEnd(a.Id, a.Hash)).FirstOrDefaultAsync(ct);
        var now = AuditChain.Normalize(clock.GetUtcNow().UtcDateTime);
        var (id, hash) = (last?.Id ?? 0, last?.Hash ?? AuditChain.Genesis);
        var events = new List<AuditEvent>(records.Count);
        foreach (var record in records)
        {
            var e = NewEvent(actor, record, now, ++id, hash);
            hash = e.Hash;
            events.Add(e);
        }
        db.AuditEvents.AddRange(events);
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
        foreach (var e in events) db.Entry(e).State = EntityState.Detached;
    }

    private static AuditEvent NewEvent(Actor actor, AuditRecord record, DateTime now, long id, string prevHash, bool hash = true)
    {
        var e = new AuditEvent
        {
            Id = id,
            OccurredAtUtc = now,
            OccurredAtJst = new DateTimeOffset(now).ToOffset(JapanTime.Offset).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture),
            ActorKind = actor.Kind,
            AccountId = actor.AccountId,
            ActorName = actor.Name,
            Terminal = actor.Terminal,
            Kind = record.Kind,
            Outcome = record.Outcome,
            TaxpayerId = record.TaxpayerId,
            Purpose = record.Purpose,
            Detail = record.Detail,
            PrevHash = prevHash,
        };
        if (hash) e.Hash = AuditChain.ComputeHash(e);
        return e;
    }

    private static async Task<AuditEvent> AppendInTransactionAsync(ChoshuDbContext db, Actor actor, AuditRecord record, TimeProvider clock, CancellationToken ct)
    {
        var last = db.Provider == StoreProvider.Postgres
            ? await LockAndReadLastAsync(db, ct)
            : await db.AuditEvents.AsNoTracking().OrderByDescending(a => a.Id)
                .Select(a => new ChainEnd(a.Id, a.Hash)).FirstOrDefaultAsync(ct);
        var now = AuditChain.Normalize(clock.GetUtcNow().UtcDateTime);
        var e = NewEvent(actor, record, now, (last?.Id ?? 0) + 1, last?.Hash ?? AuditChain.Genesis);
        db.AuditEvents.Add(e);
        // No savepoint around this SaveChanges (EF makes one inside a user transaction): two round trips
        // fewer while the chain lock is held, and every append waits for that lock. If the insert fails
        // the transaction is unusable, which is right: the operation it records must not commit either.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
        db.Entry(e).State = EntityState.Detached;
        return e;
    }

    private sealed record ChainEnd(long Id, string Hash);

    /// <summary>
    /// The record after the last one: its id (the last id + 1, or 1) and its hash are computed in the statement, which
    /// takes its snapshot after the lock was granted (READ COMMITTED; the batch's previous statement took the lock). $12 is
    /// <see cref="AuditChain.HashInputBetween"/>; the id and the previous hash (both ASCII) are put around it as
    /// <see cref="AuditChain.ComputeHash"/> does, and the whole hashed as UTF-8.
    /// </summary>
    private const string InsertNextSql = """
        INSERT INTO audit_events (id, occurred_at_utc, occurred_at_jst, actor_kind, account_id, actor_name, terminal, kind, outcome, taxpayer_id, purpose, detail, prev_hash, hash)
        SELECT c.id, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, c.prev,
               encode(sha256(convert_to(length(c.id::text)::text || ':' || c.id::text || $12::text || length(c.prev)::text || ':' || c.prev, 'UTF8')), 'hex')
        FROM (SELECT COALESCE(l.id, 0) + 1 AS id, COALESCE(l.hash::text, $13::text) AS prev
              FROM (SELECT 1) AS one LEFT JOIN LATERAL (SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1) AS l ON true) AS c
        RETURNING id, prev_hash, hash
        """;

    /// <summary>
    /// PostgreSQL: the chain lock and the INSERT of the next record in one round trip (a batch of two statements), in the
    /// caller's transaction when there is one (the lock is then held until the caller commits), else alone: a batch outside
    /// a transaction runs as one implicit transaction, committed when the batch ends, so the record is on disk before this
    /// returns and the lock is never held across a round trip. The time is the clock's when the record is made.
    /// </summary>
    private static async Task<AuditEvent> AppendPostgresAsync(ChoshuDbContext db, Actor actor, AuditRecord record, TimeProvider clock, CancellationToken ct)
    {
        var now = AuditChain.Normalize(clock.GetUtcNow().UtcDateTime);
        var e = NewEvent(actor, record, now, 0, "", hash: false);
        var conn = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        var opened = false;
        if (conn.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
            opened = true;
        }
        try
        {
            var insert = new Npgsql.NpgsqlBatchCommand(InsertNextSql);
            var p = insert.Parameters;
            p.Add(new Npgsql.NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz, Value = e.OccurredAtUtc });
            p.Add(Text(e.OccurredAtJst));
            p.Add(new Npgsql.NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Smallint, Value = (short)e.ActorKind });
            p.Add(new Npgsql.NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint, Value = e.AccountId is { } a ? a : (object)DBNull.Value });
            p.Add(Text(e.ActorName));
            p.Add(Text(e.Terminal));
            p.Add(new Npgsql.NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer, Value = (int)e.Kind });
            p.Add(new Npgsql.NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Smallint, Value = (short)e.Outcome });
            p.Add(new Npgsql.NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint, Value = e.TaxpayerId is { } t ? t : (object)DBNull.Value });
            p.Add(Text(e.Purpose));
            p.Add(Text(e.Detail));
            p.Add(Text(AuditChain.HashInputBetween(e)));
            p.Add(Text(AuditChain.Genesis));
            await using var batch = new Npgsql.NpgsqlBatch(conn)
            {
                BatchCommands = { new Npgsql.NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({ChainLockKey})"), insert },
                Transaction = (Npgsql.NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
            };
            await using (var reader = await batch.ExecuteReaderAsync(ct))
            {
                await reader.NextResultAsync(ct);
                if (!await reader.ReadAsync(ct)) throw new InvalidOperationException("操作ログの記録を追加できませんでした。");
                e.Id = reader.GetInt64(0);
                e.PrevHash = reader.GetString(1);
                e.Hash = reader.GetString(2);
                while (await reader.NextResultAsync(ct)) { }
            }
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
        // The store hashed the same input the verifier will (AuditVerifier); a difference would break the chain here.
        if (!string.Equals(AuditChain.ComputeHash(e), e.Hash, StringComparison.Ordinal))
            throw new InvalidOperationException($"操作ログ {e.Id} 番のハッシュがアプリケーションの計算と一致しません。");
        return e;
    }

    private static Npgsql.NpgsqlParameter Text(string? value) =>
        new() { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = value is null ? DBNull.Value : (object)value };

    /// <summary>
    /// PostgreSQL: takes the chain lock, then reads the last record, in one round trip (a batch of two
    /// statements). Each statement of the batch takes its own snapshot when it starts (READ COMMITTED),
    /// so the read sees the record of whoever held the lock before; the two cannot be one statement,
    /// whose snapshot would predate the wait for the lock.
    /// </summary>
    private static async Task<ChainEnd?> LockAndReadLastAsync(ChoshuDbContext db, CancellationToken ct)
    {
        var conn = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var batch = new Npgsql.NpgsqlBatch(conn)
        {
            BatchCommands =
            {
                new Npgsql.NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({ChainLockKey})"),
                new Npgsql.NpgsqlBatchCommand("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1"),
            },
            Transaction = (Npgsql.NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        return await reader.ReadAsync(ct) ? new ChainEnd(reader.GetInt64(0), reader.GetString(1)) : null;
    }
}
