using Choshu.App.Privacy;
using Choshu.App.Security;
using Choshu.App.Seeding;
using Choshu.Data;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.App.Tests.Privacy;

/// <summary>
/// <c>choshu keys rotate</c> on real stores: a synthetic city of 60 taxpayers from seed 7 (today
/// 2026-11-26 JST), its individuals' My Numbers sealed under key version 1.
/// </summary>
public sealed class KeyRingRotationTests
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Sqlite, StoreProvider.Postgres };

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.FromHours(9)));

    private static readonly Actor System = Actor.SystemAs("operator", "srv01");

    private static async Task<TestStore> SeededAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await SyntheticCitySeeder.SeedAsync(store.Store, new SeedOptions(60, 7), Clock());
        return store;
    }

    private static async Task<List<TaxpayerMyNumber>> RowsAsync(TestStore store)
    {
        await using var db = store.Open();
        return await db.TaxpayerMyNumbers.AsNoTracking().OrderBy(m => m.TaxpayerId).ToListAsync();
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Rotate_SeededCity_EveryRowUnderTheNewVersionSameDigitsSameBlindIndex(StoreProvider provider)
    {
        await using var store = await SeededAsync(provider);
        var before = await RowsAsync(store);
        var digitsBefore = before.Select(MyNumberVault.Open(store.Store).Reveal).Select(n => n.Reveal()).ToList();
        Assert.True(before.Count >= 40, $"only {before.Count} individuals");
        Assert.All(before, r => Assert.Equal(1, r.KeyVersion));

        var result = await KeyRingRotation.RotateAsync(store.Store, System, Clock());

        Assert.Equal((2, 2, (long)before.Count, 0L), (result.AddedVersion, result.CurrentVersion, result.Reencrypted, result.PlaintextEncrypted));
        var after = await RowsAsync(store);
        var vault = MyNumberVault.Open(store.Store);
        Assert.Equal(2, vault.CurrentKeyVersion);
        Assert.Equal(before.Select(r => r.TaxpayerId), after.Select(r => r.TaxpayerId));
        Assert.All(after, r => Assert.Equal(2, r.KeyVersion));
        Assert.All(before.Zip(after), p => Assert.NotEqual(p.First.Value, p.Second.Value));
        Assert.Equal(before.Select(r => r.BlindIndex), after.Select(r => r.BlindIndex));
        Assert.Equal(before.Select(r => r.UpdatedAtUtc), after.Select(r => r.UpdatedAtUtc));
        Assert.Equal(digitsBefore, after.Select(r => vault.Reveal(r).Reveal()));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Rotate_Audited_AsKeysRotatedByTheSystemActor(StoreProvider provider)
    {
        await using var store = await SeededAsync(provider);
        var rows = (await RowsAsync(store)).Count;

        await KeyRingRotation.RotateAsync(store.Store, System, Clock());

        await using var db = store.Open();
        var e = await db.AuditEvents.SingleAsync(a => a.Kind == AuditEventKind.KeysRotated);
        Assert.Equal((ActorKind.System, "system:cli:operator", "srv01", AuditOutcome.Succeeded),
            (e.ActorKind, e.ActorName, e.Terminal, e.Outcome));
        Assert.Equal($"鍵バージョン 2 を追加。再暗号化 {rows} 件、平文の暗号化 0 件", e.Detail);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Rotate_PlaintextRowFromBeforeEncryption_IsEncryptedAndGetsABlindIndex(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var n = Choshu.Domain.Identifiers.MyNumber.Parse("314159265352");
        await using (var db = store.Open())
        {
            var now = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
            var t = new Taxpayer { TaxpayerNo = "100001", Facts = new() { NameKanji = "旧　太郎", NameKana = "キュウ　タロウ" }, HistorySeq = 1, EffectiveDate = new DateOnly(2026, 4, 1), CreatedAtUtc = now, UpdatedAtUtc = now };
            db.Taxpayers.Add(t);
            await db.SaveChangesAsync();
            db.TaxpayerMyNumbers.Add(new TaxpayerMyNumber { TaxpayerId = t.Id, Value = n.Reveal(), KeyVersion = 0, UpdatedAtUtc = now });
            await db.SaveChangesAsync();
        }

        var result = await KeyRingRotation.RotateAsync(store.Store, System, Clock());

        // The ring was at version 1 with a row outside it: the run encrypts it under 1 and adds no key.
        Assert.Equal(((int?)null, 1, 0L, 1L), (result.AddedVersion, result.CurrentVersion, result.Reencrypted, result.PlaintextEncrypted));
        var row = Assert.Single(await RowsAsync(store));
        var vault = MyNumberVault.Open(store.Store);
        Assert.Equal(1, row.KeyVersion);
        Assert.False(row.Value.Contains(n.Reveal()), "the digits are in the text"); // no DoesNotContain: its failure message would print them
        Assert.Equal(vault.BlindIndex(n), row.BlindIndex);
        Assert.Equal(n.Reveal(), vault.Reveal(row).Reveal());

        var again = await KeyRingRotation.RotateAsync(store.Store, System, Clock());

        Assert.Equal((2, 1L), (again.AddedVersion, again.Reencrypted));
        Assert.Equal(2, Assert.Single(await RowsAsync(store)).KeyVersion);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Rotate_InterruptedAfterFirstBatch_RerunFinishesWithoutAnotherKey(StoreProvider provider)
    {
        await using var store = await SeededAsync(provider);
        var total = (await RowsAsync(store)).Count;
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            KeyRingRotation.RotateAsync(store.Store, System, Clock(), new CancelOnReport(cts), cts.Token, batchSize: 10));

        var half = await RowsAsync(store);
        Assert.Equal(10, half.Count(r => r.KeyVersion == 2));
        Assert.Equal(total - 10, half.Count(r => r.KeyVersion == 1));
        var status = await KeyRingStatus.LoadAsync(store.Store);
        Assert.Equal((2, (long)total - 10), (status.CurrentVersion, status.RowsToRotate));

        var rerun = await KeyRingRotation.RotateAsync(store.Store, System, Clock(), batchSize: 10);

        Assert.Equal(((int?)null, 2, (long)total - 10), (rerun.AddedVersion, rerun.CurrentVersion, rerun.Reencrypted));
        Assert.All(await RowsAsync(store), r => Assert.Equal(2, r.KeyVersion));
        Assert.Equal([1, 2], KeyRingFile.Load(store.KeysFile).Versions.Select(v => v.Version));
        var vault = MyNumberVault.Open(store.Store);
        Assert.All(await RowsAsync(store), r => Assert.True(MyNumber12(vault.Reveal(r).Reveal())));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Rotate_RowUnderAVersionMissingFromTheKeyFile_RefusedAndNothingChanged(StoreProvider provider)
    {
        await using var store = await SeededAsync(provider);
        await using (var db = store.Open())
            await db.TaxpayerMyNumbers.Where(m => m.TaxpayerId == db.TaxpayerMyNumbers.Min(x => x.TaxpayerId))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.KeyVersion, 9));
        var fileBefore = await File.ReadAllBytesAsync(store.KeysFile);

        var ex = await Assert.ThrowsAsync<KeyRingException>(() => KeyRingRotation.RotateAsync(store.Store, System, Clock()));

        Assert.Contains("鍵バージョン 9", ex.Message);
        Assert.Equal(fileBefore, await File.ReadAllBytesAsync(store.KeysFile));
        var status = await KeyRingStatus.LoadAsync(store.Store);
        Assert.Equal(1L, status.RowsWithoutKey);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Status_CountsRowsPerVersion(StoreProvider provider)
    {
        await using var store = await SeededAsync(provider);
        var total = (await RowsAsync(store)).Count;

        var s = await KeyRingStatus.LoadAsync(store.Store);

        Assert.Equal(store.KeysFile, s.KeysFile);
        var v = Assert.Single(s.Versions);
        Assert.Equal((1, true, true, (long)total), (v.Version, v.IsCurrent, v.InKeyFile, v.Rows));
        Assert.Equal((0L, 0L), (s.RowsToRotate, s.RowsWithoutKey));
    }

    private static bool MyNumber12(string digits) => Choshu.Domain.Identifiers.MyNumber.IsValid(digits);

    /// <summary>Cancels on the first progress report, i.e. right after the first batch committed.</summary>
    private sealed class CancelOnReport(CancellationTokenSource cts) : IProgress<long>
    {
        public void Report(long value) => cts.Cancel();
    }
}
