using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.App.Tests.Audit;

/// <summary>
/// The store itself keeps the audit log append-only: its trigger refuses UPDATE and DELETE to everyone,
/// the owner included (PostgreSQL: the test role is even a superuser; SQLite: whoever holds the file,
/// until they drop the trigger). The application role's missing privileges are tested in Choshu.Cli.Tests
/// (<c>db grant-app-role</c>).
/// </summary>
public sealed class AuditStoreProtectionTests
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Sqlite, StoreProvider.Postgres };

    [Theory, MemberData(nameof(Providers))]
    public async Task AuditEvents_UpdateOrDeleteByTheOwner_RefusedByTheTrigger(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var db = store.Open();
        await AuditLog.AppendAsync(db, Actor.SystemAs("ops", "host"), new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: 1),
            new FakeTimeProvider(new DateTimeOffset(2026, 11, 17, 1, 0, 0, TimeSpan.Zero)));

        var update = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_events SET taxpayer_id = 2 WHERE id = 1"));
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_events WHERE id = 1"));

        Assert.Contains("append-only", update.Message);
        Assert.Contains("append-only", delete.Message);
        var row = await db.AuditEvents.AsNoTracking().SingleAsync();
        Assert.Equal(1L, row.TaxpayerId);
    }

    [Fact]
    public async Task AuditEvents_TruncateOnPostgres_RefusedByTheTrigger()
    {
        await using var store = await TestStore.CreatePostgresAsync();
        await using var db = store.Open();
        await AuditLog.AppendAsync(db, Actor.SystemAs("ops", "host"), new AuditRecord(AuditEventKind.TaxpayerViewed),
            new FakeTimeProvider(new DateTimeOffset(2026, 11, 17, 1, 0, 0, TimeSpan.Zero)));

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE audit_events"));

        Assert.Contains("append-only", ex.Message);
        Assert.Equal(1, await db.AuditEvents.CountAsync());
    }

    /// <summary>
    /// Issue 18 defect 10: <c>audit verify</c> walks ids 1, 2, 3, …; a row put in with id 0 or below would lie
    /// outside the walk. The store refuses such a row (CHECK id &gt; 0, both stores), and should one be there
    /// anyway (the constraint dropped), the verification names it.
    /// </summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task AuditEvents_IdZeroOrNegative_RefusedByTheStore(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var db = store.Open())
            await AuditLog.AppendAsync(db, Actor.SystemAs("ops", "host"), new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: 1),
                new FakeTimeProvider(new DateTimeOffset(2026, 11, 17, 1, 0, 0, TimeSpan.Zero)));

        foreach (var id in new long[] { 0, -1 })
        {
            await using var db = store.Open();
            db.AuditEvents.Add(Forged(id));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using var check = store.Open();
        Assert.Equal([1L], await check.AuditEvents.Select(e => e.Id).ToListAsync());
        Assert.True((await Choshu.App.Audit.AuditVerifier.VerifyAsync(check)).Intact);
    }

    private static Data.Security.AuditEvent Forged(long id) => new()
    {
        Id = id, OccurredAtUtc = new DateTime(2026, 11, 17, 1, 0, 0, DateTimeKind.Utc), OccurredAtJst = "2026-11-17T10:00:00.000000+09:00",
        ActorKind = ActorKind.System, ActorName = "system:cli:forger", Terminal = "host", Kind = AuditEventKind.TaxpayerViewed,
        Outcome = AuditOutcome.Succeeded, PrevHash = "", Hash = "",
    };
}
