using Choshu.App.Cases;
using Choshu.Data;
using Choshu.Data.Migrations.Sql;
using Choshu.Domain.Cases;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Choshu.TestSupport.StaffSeed;

namespace Choshu.App.Tests.Cases;

/// <summary>
/// Migration CaseEvents' SQL: cases whose rows existed before their events get events that fold back to the row.
/// Four cases made by the aggregate on 2026-11-26 (JST), their events deleted, the SQL run: 1000000201 open;
/// 1000000202 officer 200001, held "分納誓約中"; 1000000203 officer, hold cleared "完納"; 1000000204 closed on 2026-12-01.
/// </summary>
public sealed class CaseEventsSqlTests
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Postgres, StoreProvider.Sqlite };

    [Theory, MemberData(nameof(Providers))]
    public async Task Up_RowsWithoutEvents_EventsFoldToTheRow(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var db = store.Open();
        var officer = await AddAsync(db, "200001", "滞納 一郎", Holds(Role.DelinquencyOfficer));
        var approver = await AddAsync(db, "300001", "係長 三郎", Holds(Role.Approver));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));
        var cases = new CaseUpdates(db, clock);
        var ids = new List<long>();
        foreach (var no in new[] { "1000000201", "1000000202", "1000000203", "1000000204" })
        {
            await LedgerSeed.TaxpayerAsync(db, no);
            ids.Add((await cases.OpenAsync(approver, no)).Id);
        }
        await cases.AssignAsync(approver, ids[1], "200001");
        await cases.SetDemandRunHoldAsync(officer, ids[1], true, "分納誓約中");
        await cases.AssignAsync(approver, ids[2], "200001");
        await cases.SetDemandRunHoldAsync(officer, ids[2], true, "分納誓約中");
        await cases.SetDemandRunHoldAsync(officer, ids[2], false, "完納");
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.Zero));
        await cases.CloseAsync(approver, ids[3], "完結");

        await db.Database.ExecuteSqlRawAsync("DELETE FROM case_events");
        foreach (var sql in CaseEventsSql.Up) await db.Database.ExecuteSqlRawAsync(sql);

        var loaded = await db.CollectionCases.AsNoTracking().Include(c => c.Events).OrderBy(c => c.Id).ToListAsync();
        Assert.All(loaded, c => Assert.Equal(c.Projection, c.State));
        Assert.Equal(
        [
            [CaseEventKind.Opened],
            [CaseEventKind.Opened, CaseEventKind.OfficerAssigned, CaseEventKind.DemandRunHoldSet],
            [CaseEventKind.Opened, CaseEventKind.OfficerAssigned, CaseEventKind.DemandRunHoldCleared],
            [CaseEventKind.Opened, CaseEventKind.Closed],
        ], loaded.Select(c => c.History.Select(e => e.Kind).ToArray()));
        var held = loaded[1].History;
        Assert.Equal((officer.AccountId, "200001", officer.AccountId, new DateOnly(2026, 11, 26)),
            (held[1].OfficerAccountId, held[2].ActorName, held[2].ActorAccountId, held[2].On));
        Assert.Equal((new DateOnly(2026, 12, 1), CaseEventsSql.ClosedBeforeEventsReason), (loaded[3].History[1].On, loaded[3].History[1].Reason));
    }
}
