using Choshu.Data;
using Choshu.Data.Ledger;
using Choshu.Data.Migrations.Sql;
using Choshu.Domain.Claims;
using Choshu.Domain.Ledger;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using static Choshu.TestSupport.LedgerSeed;

namespace Choshu.App.Tests.Stores;

/// <summary>
/// The data move of migration ReminderEvents (<see cref="ReminderEventsSql"/>) on both stores: reminders recorded as
/// 督促手数料 charges become one ReminderDispatched event per installment, dated at the earliest charge that counts.
/// </summary>
public sealed class ReminderEventsMigrationTests
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Sqlite, StoreProvider.Postgres };

    private static JournalEntry Fee(long installmentId, long amount, DateOnly on, JournalEntryKind kind = JournalEntryKind.Charge, long? reverses = null) => new()
    {
        InstallmentId = installmentId, Kind = kind, Component = LedgerComponent.ReminderFee, Amount = amount, ValueDate = on,
        RecordedAtUtc = NowUtc, Actor = "test:seed", ReasonCode = "reminder.fee", ReversesEntryId = reverses,
    };

    [Theory, MemberData(nameof(Providers))]
    public async Task MoveRemindersFromFees_TwoChargesOnOneInstallment_OneEventAtTheEarlierDate(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var db = store.Open();
        var taxpayerId = await TaxpayerAsync(db, "100001");
        var ids = await AssessmentAsync(db, taxpayerId, "01", 2025, "0000123",
            new Inst(1, new DateOnly(2025, 6, 30), 12_300), new Inst(2, new DateOnly(2025, 9, 30), 12_300),
            new Inst(3, new DateOnly(2025, 12, 25), 12_300), new Inst(4, new DateOnly(2026, 2, 27), 12_300));
        var (two, reversedFirst, zeroOnly, already) = (ids[0], ids[1], ids[2], ids[3]);
        // Period 1: two charges, 2025-08-20 and 2025-07-20 → one event on 2025-07-20.
        db.JournalEntries.AddRange(Fee(two, 100, new DateOnly(2025, 8, 20)), Fee(two, 100, new DateOnly(2025, 7, 20)));
        // Period 2: a charge of 2025-10-20 reversed, another of 2025-11-04 → one event on 2025-11-04.
        var wrong = Fee(reversedFirst, 100, new DateOnly(2025, 10, 20));
        db.JournalEntries.AddRange(wrong, Fee(reversedFirst, 100, new DateOnly(2025, 11, 4)));
        // Period 3: a charge of 0 only → no event. Period 4: already has its reminder event → no second one.
        db.JournalEntries.Add(Fee(zeroOnly, 0, new DateOnly(2026, 1, 15)));
        await db.SaveChangesAsync();
        db.JournalEntries.Add(Fee(reversedFirst, -100, new DateOnly(2025, 10, 20), JournalEntryKind.Reversal, wrong.Id));
        await ReminderFeeAsync(db, already, 100, new DateOnly(2026, 3, 19));

        await db.Database.ExecuteSqlRawAsync(ReminderEventsSql.Sql(provider == StoreProvider.Postgres));
        await db.Database.ExecuteSqlRawAsync(ReminderEventsSql.Sql(provider == StoreProvider.Postgres)); // a rerun adds nothing

        var events = await db.ClaimEvents.AsNoTracking().OrderBy(e => e.InstallmentId).ToListAsync();
        Assert.Equal(
        [
            (two, ClaimEventKind.ReminderDispatched, new DateOnly(2025, 7, 20), "system:migration", (string?)"督促手数料の記録から移行"),
            (reversedFirst, ClaimEventKind.ReminderDispatched, new DateOnly(2025, 11, 4), "system:migration", "督促手数料の記録から移行"),
            (already, ClaimEventKind.ReminderDispatched, new DateOnly(2026, 3, 19), "test:seed", null),
        ], events.Select(e => (e.InstallmentId, e.Kind, e.On, e.Actor, e.Reason)));
        Assert.All(events, e => Assert.True(e.RecordedAtUtc > new DateTime(2020, 1, 1)));
        Assert.True(Domain.Security.SystemActor.IsSystemName(events[0].Actor));
    }
}
