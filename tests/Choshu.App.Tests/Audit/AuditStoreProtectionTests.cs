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
}
