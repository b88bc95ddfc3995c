using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using static Choshu.TestSupport.StaffSeed;

namespace Choshu.App.Tests.Cases;

/// <summary>
/// One PostgreSQL and one SQLite store for a test class about cases and claim events, with the same staff in both (added
/// in the same order, so the same account ids): 200001 滞納 一郎 and 200002 滞納 二郎 (滞納整理担当), 300001 係長 三郎
/// (承認者), 100001 収納 花子 (収納担当).
/// </summary>
public sealed class CaseStaffStores : IAsyncLifetime
{
    private readonly Dictionary<StoreProvider, TestStore> _stores = [];

    public TestStore this[StoreProvider provider] => _stores[provider];

    public Actor Officer { get; private set; } = null!;
    public Actor Colleague { get; private set; } = null!;
    public Actor Approver { get; private set; } = null!;
    public Actor Clerk { get; private set; } = null!;

    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Postgres, StoreProvider.Sqlite };

    public async Task InitializeAsync()
    {
        foreach (var provider in new[] { StoreProvider.Postgres, StoreProvider.Sqlite })
        {
            var store = await TestStore.CreateAsync(provider);
            _stores[provider] = store;
            await using var db = store.Open();
            Officer = await AddAsync(db, "200001", "滞納 一郎", Holds(Role.DelinquencyOfficer));
            Colleague = await AddAsync(db, "200002", "滞納 二郎", Holds(Role.DelinquencyOfficer));
            Approver = await AddAsync(db, "300001", "係長 三郎", Holds(Role.Approver));
            Clerk = await AddAsync(db, "100001", "収納 花子", Holds(Role.CollectionClerk));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var s in _stores.Values) await s.DisposeAsync();
    }
}
