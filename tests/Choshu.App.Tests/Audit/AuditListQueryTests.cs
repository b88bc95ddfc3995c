using Choshu.App.Audit;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.App.Tests.Audit;

/// <summary>
/// The log viewer's filters over six records: A001 views 1000000001 on 11-17 10:00 and 11-18 10:00 JST,
/// B001 views 1000000002 on 11-17 23:30 JST (11-17 14:30 UTC), M001 reveals 1000000001's My Number on 11-18
/// 09:00, A001 is refused on 11-19 and logs in on 11-20.
/// </summary>
public sealed class AuditListQueryTests
{
    private static DateTimeOffset Jst(int day, int hour, int minute) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(9));

    private static async Task<(TestStore Store, long Hanako)> SeedAsync()
    {
        var store = await TestStore.CreateSqliteAsync();
        await using var db = store.Open();
        var hanako = await LedgerSeed.TaxpayerAsync(db, "1000000001");
        var taro = await LedgerSeed.TaxpayerAsync(db, "1000000002", "薩摩 太郎");
        async Task Add(DateTimeOffset at, string who, AuditRecord r) => await AuditLog.AppendAsync(db, Actor.Staff(1, who, "10.0.0.5"), r, new FakeTimeProvider(at));
        await Add(Jst(17, 10, 0), "A001", new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: hanako));
        await Add(Jst(17, 23, 30), "B001", new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: taro));
        await Add(Jst(18, 9, 0), "M001", new AuditRecord(AuditEventKind.MyNumberRevealed, TaxpayerId: hanako, Purpose: "照会"));
        await Add(Jst(18, 10, 0), "A001", new AuditRecord(AuditEventKind.TaxpayerViewed, TaxpayerId: hanako));
        await Add(Jst(19, 9, 0), "A001", new AuditRecord(AuditEventKind.AccessDenied, AuditOutcome.Denied));
        await Add(Jst(20, 9, 0), "A001", new AuditRecord(AuditEventKind.LoginSucceeded));
        return (store, hanako);
    }

    private static async Task<AuditListResult> ListAsync(TestStore store, AuditListFilter filter, int limit = 100)
    {
        await using var db = store.Open();
        return await AuditListQuery.LoadAsync(db, Actor.SystemAs("officer", "host"), filter, limit, new FakeTimeProvider(Jst(21, 9, 0)));
    }

    [Fact]
    public async Task LoadAsync_EachFilter_OnlyTheMatchingRecordsInIdOrder()
    {
        var (store, _) = await SeedAsync();
        await using var _s = store;

        Assert.Equal([1L, 4, 5, 6], (await ListAsync(store, new(ActorName: "A001"))).Lines.Select(l => l.Id));
        Assert.Equal([1L, 3, 4], (await ListAsync(store, new(TaxpayerNo: "1000000001"))).Lines.Select(l => l.Id));
        Assert.Equal([3L], (await ListAsync(store, new(Kind: AuditEventKind.MyNumberRevealed))).Lines.Select(l => l.Id));
        // Japan dates: 11-17 23:30 JST belongs to the 17th.
        Assert.Equal([1L, 2], (await ListAsync(store, new(From: new DateOnly(2026, 11, 17), To: new DateOnly(2026, 11, 17)))).Lines.Select(l => l.Id));
        Assert.Equal([3L, 4, 5], (await ListAsync(store, new(From: new DateOnly(2026, 11, 18), To: new DateOnly(2026, 11, 19)))).Lines.Select(l => l.Id));
        var line = (await ListAsync(store, new(Kind: AuditEventKind.MyNumberRevealed))).Lines[0];
        Assert.Equal(("1000000001", "照会", "個人番号の表示", "M001"), (line.TaxpayerNo, line.Purpose, line.KindName, line.ActorName));
    }

    [Fact]
    public async Task LoadAsync_MoreThanTheLimit_TruncatedAndTheViewingRecorded()
    {
        var (store, _) = await SeedAsync();
        await using var _s = store;

        var r = await ListAsync(store, new(ActorName: "A001"), limit: 2);

        Assert.True(r.Truncated);
        Assert.Equal([1L, 4], r.Lines.Select(l => l.Id));
        await using var db = store.Open();
        var own = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Id).FirstAsync();
        Assert.Equal((AuditEventKind.AuditLogViewed, "user=A001: 2 件（以降省略）"), (own.Kind, own.Detail));
    }

    [Fact]
    public async Task LoadAsync_UnknownTaxpayer_RefusedInJapanese()
    {
        var (store, _) = await SeedAsync();
        await using var _s = store;

        var ex = await Assert.ThrowsAsync<DomainException>(() => ListAsync(store, new(TaxpayerNo: "9999999999")));

        Assert.Equal("宛名番号 9999999999 は登録されていません。", ex.Message);
    }
}
