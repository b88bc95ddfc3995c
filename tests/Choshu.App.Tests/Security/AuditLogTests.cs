using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.App.Tests.Security;

/// <summary>The one writer of the 操作ログ: chain positions, hashes, Japan time, and the caller's transaction.</summary>
public class AuditLogTests
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Postgres, StoreProvider.Sqlite };

    // 2026-11-26 10:15:30.1234567 UTC = 19:15:30.123456 JST (the tick below a microsecond is dropped).
    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 26, 10, 15, 30, TimeSpan.Zero).AddTicks(1_234_567));

    private static readonly Actor Clerk = Actor.Staff(7, "100234", "10.1.2.3", 42);

    [Theory, MemberData(nameof(Providers))]
    public async Task AppendAsync_ThreeRecords_ChainedFromGenesisWithJapanTime(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var clock = Clock();
        await using (var db = store.Open())
        {
            await AuditLog.AppendAsync(db, Clerk, new AuditRecord(AuditEventKind.TaxpayerSearched, Detail: "カナ氏名=ヤマダ"), clock);
            clock.Advance(TimeSpan.FromSeconds(5));
            await AuditLog.AppendAsync(db, Clerk, new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: 1001), clock);
            await AuditLog.AppendAsync(db, Actor.SystemAs("batch", "srv01"), new AuditRecord(AuditEventKind.PaymentsImported, Detail: "bank.csv"), clock);
        }

        await using var read = store.Open();
        var events = await read.AuditEvents.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Id));
        Assert.Equal(AuditChain.Genesis, events[0].PrevHash);
        Assert.Equal(events[0].Hash, events[1].PrevHash);
        Assert.Equal(events[1].Hash, events[2].PrevHash);
        Assert.All(events, e => Assert.Equal(AuditChain.ComputeHash(e), e.Hash));
        Assert.Equal("2026-11-26T19:15:30.123456+09:00", events[0].OccurredAtJst);
        Assert.Equal("2026-11-26T19:15:35.123456+09:00", events[1].OccurredAtJst);
        Assert.Equal((ActorKind.Staff, 7L, "100234", "10.1.2.3"), (events[1].ActorKind, events[1].AccountId!.Value, events[1].ActorName, events[1].Terminal));
        Assert.Equal((ActorKind.System, (long?)null, "system:cli:batch", "srv01"), (events[2].ActorKind, events[2].AccountId, events[2].ActorName, events[2].Terminal));
        Assert.Equal(1001L, events[1].TaxpayerId);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task AppendAsync_InsideRolledBackTransaction_LeavesNoRecord(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var db = store.Open();
        await AuditLog.AppendAsync(db, Clerk, new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: 1), Clock());
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await AuditLog.AppendAsync(db, Clerk, new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: 2), Clock());
            await tx.RollbackAsync();
        }
        await AuditLog.AppendAsync(db, Clerk, new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: 3), Clock());

        await using var read = store.Open();
        var events = await read.AuditEvents.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([(1L, (long?)1L), (2L, (long?)3L)], events.Select(e => (e.Id, e.TaxpayerId)));
        Assert.Equal(events[0].Hash, events[1].PrevHash);
    }

    [Fact]
    public async Task AppendAsync_TwentyConcurrentWritersOnPostgres_GaplessChain()
    {
        await using var store = await TestStore.CreatePostgresAsync();
        var clock = Clock();
        await Task.WhenAll(Enumerable.Range(1, 20).Select(async i =>
        {
            await using var db = store.Open();
            await using var tx = await db.Database.BeginTransactionAsync();
            await AuditLog.AppendAsync(db, Clerk, new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: i), clock);
            await tx.CommitAsync();
        }));

        await using var read = store.Open();
        var events = await read.AuditEvents.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), events.Select(e => e.Id));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), events.Select(e => e.TaxpayerId!.Value).Order());
        for (var i = 1; i < events.Count; i++) Assert.Equal(events[i - 1].Hash, events[i].PrevHash);
        Assert.All(events, e => Assert.Equal(AuditChain.ComputeHash(e), e.Hash));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Store_UpdateOrDeleteOfAuditRow_RefusedByTrigger(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var db = store.Open();
        await AuditLog.AppendAsync(db, Clerk, new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: 1), Clock());

        var update = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_events SET taxpayer_id = 2 WHERE id = 1"));
        Assert.Contains("append-only", update.Message);
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_events WHERE id = 1"));
        Assert.Contains("append-only", delete.Message);
        Assert.Equal(1L, (await store.Open().AuditEvents.SingleAsync()).TaxpayerId);
    }

    /// <summary>
    /// The hash's input, pinned (computed outside .NET from the documented encoding): lengths in UTF-16 code units, the
    /// whole as UTF-8. A surrogate pair (𠮷, 😀) counts 2, so the PostgreSQL writer, which hashes in the store, must not
    /// measure the record's own fields there (it takes them from <see cref="AuditChain.HashInputBetween"/>).
    /// </summary>
    [Fact]
    public void ComputeHash_KnownRecords_PinnedValues()
    {
        var e = new Data.Security.AuditEvent
        {
            Id = 5, OccurredAtUtc = new DateTime(2026, 11, 26, 1, 0, 0, DateTimeKind.Utc), OccurredAtJst = "2026-11-26T10:00:00.000000+09:00",
            ActorKind = ActorKind.Staff, AccountId = 3, ActorName = "100234", Terminal = "10.0.0.1", Kind = AuditEventKind.MyNumberRevealed,
            Outcome = AuditOutcome.Succeeded, TaxpayerId = 9, Purpose = "納付相談", Detail = null, PrevHash = AuditChain.Genesis,
        };
        Assert.Equal("ebf9368032383ac7d61ff900787be54cfb69f5396434ece4b907ad0ecc85a96b", AuditChain.ComputeHash(e));
        e.Detail = "𠮷野 髙橋 😀";
        Assert.Equal("55c2167e0bfc3b84d625f2558ff6fbe1807c33770575982c8cf9977b958894a9", AuditChain.ComputeHash(e));
    }

    /// <summary>
    /// Records with text outside the Basic Multilingual Plane, no account, no detail and a purpose, appended alone and inside
    /// a transaction: each hash (on PostgreSQL computed in the store) is the one the verifier computes, and the chain is intact.
    /// </summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task AppendAsync_TextOutsideTheBmp_HashAsTheVerifierComputesIt(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var clock = Clock();
        await using (var db = store.Open())
        {
            var first = await AuditLog.AppendAsync(db, Clerk, new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: 77, Detail: "宛名番号 1000000001 𠮷野 髙橋 😀"), clock);
            Assert.Equal((1L, AuditChain.Genesis), (first.Id, first.PrevHash));
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                var second = await AuditLog.AppendAsync(db, Actor.SystemAs("𠮷", "srv01"),
                    new AuditRecord(AuditEventKind.MyNumberRevealed, AuditOutcome.Failed, Purpose: "納付相談（𠮷）"), clock);
                Assert.Equal((2L, first.Hash), (second.Id, second.PrevHash));
                await tx.CommitAsync();
            }
        }

        await using var read = store.Open();
        var events = await read.AuditEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([1L, 2L], events.Select(e => e.Id));
        Assert.All(events, e => Assert.Equal(AuditChain.ComputeHash(e), e.Hash));
        Assert.Equal("宛名番号 1000000001 𠮷野 髙橋 😀", events[0].Detail);
        Assert.Equal(("納付相談（𠮷）", (string?)null, (long?)null), (events[1].Purpose, events[1].Detail, events[1].AccountId));
        Assert.True((await Choshu.App.Audit.AuditVerifier.VerifyAsync(read)).Intact);
    }

    [Fact]
    public void ComputeHash_AnyFieldChanged_HashChanges()
    {
        var e = new Data.Security.AuditEvent
        {
            Id = 5, OccurredAtUtc = new DateTime(2026, 11, 26, 1, 0, 0, DateTimeKind.Utc), OccurredAtJst = "2026-11-26T10:00:00.000000+09:00",
            ActorKind = ActorKind.Staff, AccountId = 3, ActorName = "100234", Terminal = "10.0.0.1", Kind = AuditEventKind.MyNumberRevealed,
            Outcome = AuditOutcome.Succeeded, TaxpayerId = 9, Purpose = "納付相談", Detail = null, PrevHash = AuditChain.Genesis,
        };
        var original = AuditChain.ComputeHash(e);
        var variants = new Action<Data.Security.AuditEvent>[]
        {
            x => x.Id = 6, x => x.OccurredAtUtc = x.OccurredAtUtc.AddTicks(10), x => x.OccurredAtJst += " ", x => x.ActorKind = ActorKind.System,
            x => x.AccountId = null, x => x.ActorName = "100235", x => x.Terminal = "10.0.0.2", x => x.Kind = AuditEventKind.TaxpayerViewed,
            x => x.Outcome = AuditOutcome.Denied, x => x.TaxpayerId = 10, x => x.Purpose = "納付相談 ", x => x.Detail = "",
            x => x.PrevHash = new string('1', 64),
        };
        foreach (var change in variants)
        {
            var copy = new Data.Security.AuditEvent
            {
                Id = e.Id, OccurredAtUtc = e.OccurredAtUtc, OccurredAtJst = e.OccurredAtJst, ActorKind = e.ActorKind, AccountId = e.AccountId,
                ActorName = e.ActorName, Terminal = e.Terminal, Kind = e.Kind, Outcome = e.Outcome, TaxpayerId = e.TaxpayerId,
                Purpose = e.Purpose, Detail = e.Detail, PrevHash = e.PrevHash,
            };
            change(copy);
            Assert.NotEqual(original, AuditChain.ComputeHash(copy));
        }
    }
}
