using Choshu.App.Seeding;
using Choshu.Data;
using Choshu.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.App.Tests.Seeding;

/// <summary>
/// One synthetic city of <see cref="Taxpayers"/> taxpayers from seed <see cref="Seed"/>, built once per
/// test class on each store (PostgreSQL and SQLite), for the tests that only read it. Today is frozen
/// at 2026-11-26 09:00 JST, so the fiscal years are 2022–2026.
/// </summary>
public sealed class SeededCities : IAsyncLifetime
{
    public const int Taxpayers = 300;
    public const long Seed = 42;
    public static readonly DateOnly Today = new(2026, 11, 26);

    private readonly Dictionary<StoreProvider, (TestStore Store, SeedResult Result)> _cities = [];

    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(9)));

    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Sqlite, StoreProvider.Postgres };

    public TestStore Store(StoreProvider provider) => _cities[provider].Store;

    public SeedResult Result(StoreProvider provider) => _cities[provider].Result;

    public async Task<SeedContent> ContentAsync(StoreProvider provider)
    {
        await using var db = Store(provider).Open();
        return await SeedContent.LoadAsync(db, Choshu.App.Privacy.MyNumberVault.Open(Store(provider).Store));
    }

    public async Task InitializeAsync()
    {
        foreach (var provider in new[] { StoreProvider.Sqlite, StoreProvider.Postgres })
        {
            var store = await TestStore.CreateAsync(provider);
            _cities[provider] = (store, await SyntheticCitySeeder.SeedAsync(store.Store, new SeedOptions(Taxpayers, Seed), Clock()));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var (store, _) in _cities.Values) await store.DisposeAsync();
    }
}
