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
/// </summary>
public static class AuditLog
{
    /// <summary>Key of the PostgreSQL advisory lock that serialises the chain ("audit" in ASCII).</summary>
    private const long ChainLockKey = 0x6175646974;

    public static async Task<AuditEvent> AppendAsync(ChoshuDbContext db, Actor actor, AuditRecord record, TimeProvider clock, CancellationToken ct = default)
    {
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

    private static AuditEvent NewEvent(Actor actor, AuditRecord record, DateTime now, long id, string prevHash)
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
        e.Hash = AuditChain.ComputeHash(e);
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
