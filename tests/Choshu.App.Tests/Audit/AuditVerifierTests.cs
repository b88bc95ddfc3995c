using Choshu.App.Audit;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Security;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.App.Tests.Audit;

/// <summary>
/// <see cref="AuditVerifier"/> over a chain of six records (ids 1–6, one a minute from 2026-11-17 10:00 JST),
/// tampered with the way a privileged person could: the store's protections are switched off first
/// (PostgreSQL: the test role is a superuser and disables the triggers; SQLite: the triggers are dropped).
/// </summary>
public sealed class AuditVerifierTests
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Sqlite, StoreProvider.Postgres };

    private static async Task<(TestStore Store, List<AuditEvent> Chain)> ChainOfSixAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 17, 1, 0, 0, TimeSpan.Zero));
        await using var db = store.Open();
        for (var i = 1; i <= 6; i++)
        {
            await AuditLog.AppendAsync(db, Actor.Staff(10 + i, $"A00{i}", "10.0.0.1"),
                new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: 100 + i, Detail: $"宛名番号 10000000{i:D2}"), clock);
            clock.Advance(TimeSpan.FromMinutes(1));
        }
        return (store, await db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
    }

    /// <summary>Runs SQL on the audit table around its protections, as a database superuser or file owner could.</summary>
    internal static async Task TamperAsync(TestStore store, params string[] statements)
    {
        await using var db = store.Open();
        if (db.Provider == StoreProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_events DISABLE TRIGGER USER");
            foreach (var sql in statements) await db.Database.ExecuteSqlRawAsync(sql);
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_events ENABLE TRIGGER USER");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS audit_events_no_update");
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS audit_events_no_delete");
            foreach (var sql in statements) await db.Database.ExecuteSqlRawAsync(sql);
        }
    }

    private static async Task<AuditVerification> VerifyAsync(TestStore store, params AuditAnchor[] anchors)
    {
        await using var db = store.Open();
        return await AuditVerifier.VerifyAsync(db, anchors);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task VerifyAsync_Untouched_IntactWithCountAndLastHash(StoreProvider provider)
    {
        var (store, chain) = await ChainOfSixAsync(provider);
        await using var _ = store;

        var v = await VerifyAsync(store);

        Assert.True(v.Intact);
        Assert.Equal((6L, 6L, chain[5].Hash), (v.Count, v.LastId, v.LastHash));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task VerifyAsync_OneFieldUpdated_HashMismatchAtThatRecord(StoreProvider provider)
    {
        var (store, _) = await ChainOfSixAsync(provider);
        await using var __ = store;

        await TamperAsync(store, "UPDATE audit_events SET taxpayer_id = 999 WHERE id = 3");

        var v = await VerifyAsync(store);
        Assert.Equal((3L, AuditBreakKind.HashMismatch), (v.FirstBreak!.Id, v.FirstBreak.Kind));
        Assert.Equal((2L, 2L), (v.Count, v.LastId));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task VerifyAsync_RowDeleted_MissingAtItsId(StoreProvider provider)
    {
        var (store, _) = await ChainOfSixAsync(provider);
        await using var __ = store;

        await TamperAsync(store, "DELETE FROM audit_events WHERE id = 4");

        var v = await VerifyAsync(store);
        Assert.Equal((4L, AuditBreakKind.Missing), (v.FirstBreak!.Id, v.FirstBreak.Kind));
        Assert.Equal("4 番の記録がありません（次は 5 番）。記録が削除されています。", v.FirstBreak.Message);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task VerifyAsync_TwoRowsContentsSwapped_BrokenAtTheFirstOfThem(StoreProvider provider)
    {
        var (store, chain) = await ChainOfSixAsync(provider);
        await using var __ = store;

        await SwapAsync(store, chain[1], chain[4]); // ids 2 and 5 exchange everything but their id

        var v = await VerifyAsync(store);
        Assert.Equal((2L, AuditBreakKind.PrevHashMismatch), (v.FirstBreak!.Id, v.FirstBreak.Kind));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task VerifyAsync_ForgedRowAppended_HashMismatchAtTheForgery(StoreProvider provider)
    {
        var (store, chain) = await ChainOfSixAsync(provider);
        await using var __ = store;
        var last = chain[5];

        // Inserting is what the application role may do; the forger links to the last hash but cannot make its own hash fit.
        await using (var db = store.Open())
            await db.Database.ExecuteSqlAsync($@"INSERT INTO audit_events (id, occurred_at_utc, occurred_at_jst, actor_kind, account_id, actor_name, terminal, kind, outcome, taxpayer_id, purpose, detail, prev_hash, hash)
                VALUES (7, {last.OccurredAtUtc.AddMinutes(1)}, {"2026-11-17T10:07:00.000000+09:00"}, {(short)ActorKind.Staff}, {11L}, {"A001"}, {"10.0.0.1"}, {(int)AuditEventKind.LoginSucceeded}, {(short)AuditOutcome.Succeeded}, {null as long?}, {null as string}, {null as string}, {last.Hash}, {last.Hash})");

        var v = await VerifyAsync(store);
        Assert.Equal((7L, AuditBreakKind.HashMismatch), (v.FirstBreak!.Id, v.FirstBreak.Kind));
        Assert.Equal(6L, v.Count);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task VerifyAsync_TailRewrittenWithRecomputedHashes_FoundOnlyByAnAnchorKeptOutside(StoreProvider provider)
    {
        var (store, chain) = await ChainOfSixAsync(provider);
        await using var __ = store;
        var anchor = new AuditAnchor(6, chain[5].Hash);

        // Someone who knows the algorithm changes record 4 and recomputes 4..6: the chain alone cannot tell.
        var prev = chain[2].Hash;
        var statements = new List<string>();
        foreach (var e in chain.Skip(3))
        {
            if (e.Id == 4) e.Detail = "宛名番号 1000000099";
            e.PrevHash = prev;
            e.Hash = AuditChain.ComputeHash(e);
            prev = e.Hash;
            statements.Add($"UPDATE audit_events SET detail = '{e.Detail}', prev_hash = '{e.PrevHash}', hash = '{e.Hash}' WHERE id = {e.Id}");
        }
        await TamperAsync(store, [.. statements]);

        Assert.True((await VerifyAsync(store)).Intact);
        var v = await VerifyAsync(store, anchor);
        Assert.Equal((6L, AuditBreakKind.AnchorMismatch), (v.FirstBreak!.Id, v.FirstBreak.Kind));
    }

    [Fact]
    public async Task VerifyAsync_LastRowDeleted_FoundByTheAnchor()
    {
        var (store, chain) = await ChainOfSixAsync(StoreProvider.Sqlite);
        await using var __ = store;

        await TamperAsync(store, "DELETE FROM audit_events WHERE id = 6");

        Assert.True((await VerifyAsync(store)).Intact);
        var v = await VerifyAsync(store, new AuditAnchor(6, chain[5].Hash));
        Assert.Equal((6L, AuditBreakKind.AnchorMismatch), (v.FirstBreak!.Id, v.FirstBreak.Kind));
    }

    [Fact]
    public async Task VerifyAndRecordAsync_Broken_RecordsTheVerificationAsFailed()
    {
        var (store, _) = await ChainOfSixAsync(StoreProvider.Sqlite);
        await using var __ = store;
        await TamperAsync(store, "UPDATE audit_events SET actor_name = 'A009' WHERE id = 5");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 18, 1, 0, 0, TimeSpan.Zero));

        await using var db = store.Open();
        var v = await AuditVerifier.VerifyAndRecordAsync(db, Actor.SystemAs("officer", "host"), [], clock);

        Assert.Equal(5L, v.FirstBreak!.Id);
        var own = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Id).FirstAsync();
        Assert.Equal((7L, AuditEventKind.AuditVerified, AuditOutcome.Failed, "破損: 5 番 HashMismatch（4 件目まで正常）"), (own.Id, own.Kind, own.Outcome, own.Detail));
    }

    private static async Task SwapAsync(TestStore store, AuditEvent a, AuditEvent b)
    {
        await using var db = store.Open();
        if (db.Provider == StoreProvider.Postgres) await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_events DISABLE TRIGGER USER");
        else
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS audit_events_no_update");
        }
        foreach (var (target, from) in new[] { (a.Id, b), (b.Id, a) })
            await db.Database.ExecuteSqlAsync($@"UPDATE audit_events SET occurred_at_utc = {from.OccurredAtUtc}, occurred_at_jst = {from.OccurredAtJst}, actor_kind = {(short)from.ActorKind},
                account_id = {from.AccountId}, actor_name = {from.ActorName}, terminal = {from.Terminal}, kind = {(int)from.Kind}, outcome = {(short)from.Outcome},
                taxpayer_id = {from.TaxpayerId}, purpose = {from.Purpose}, detail = {from.Detail}, prev_hash = {from.PrevHash}, hash = {from.Hash} WHERE id = {target}");
        if (db.Provider == StoreProvider.Postgres) await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_events ENABLE TRIGGER USER");
    }
}
