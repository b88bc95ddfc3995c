using Microsoft.EntityFrameworkCore.Migrations;

namespace Choshu.Data.Migrations.Sql;

/// <summary>
/// The hand-written part of migration ReminderEvents (both providers), kept apart so the migration itself can be
/// regenerated. Before claim events a reminder was inferred from a 督促手数料 charge; since then the reminder is a
/// <c>ReminderDispatched</c> claim event (fee or no fee) and a fee charge is money only.
/// </summary>
public static class ReminderEventsSql
{
    /// <summary>The actor of the events the migration writes (<c>SystemActor.Migration</c>).</summary>
    public const string Actor = "system:migration";

    /// <summary>The reason written on each.</summary>
    public const string Reason = "督促手数料の記録から移行";

    /// <summary>
    /// For every installment with a reminder-fee charge (journal kind Charge = 1, component ReminderFee = 2, amount above 0,
    /// not reversed), one ReminderDispatched (10) event dated at the earliest such charge's value date: only the first
    /// reminder ever counted. An installment that already has a reminder event gets none. <paramref name="postgres"/>
    /// chooses the clock function (the rest is the same SQL on both stores; "on" is quoted, a reserved word).
    /// </summary>
    public static string Sql(bool postgres) => $"""
        INSERT INTO claim_events (installment_id, kind, "on", actor, reason, recorded_at_utc)
        SELECT j.installment_id, 10, MIN(j.value_date), '{Actor}', '{Reason}', {(postgres ? "now()" : "strftime('%Y-%m-%d %H:%M:%f', 'now')")}
        FROM journal_entries j
        WHERE j.kind = 1 AND j.component = 2 AND j.amount > 0
          AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses_entry_id = j.id)
          AND NOT EXISTS (SELECT 1 FROM claim_events e WHERE e.installment_id = j.installment_id AND e.kind = 10)
        GROUP BY j.installment_id;
        """;

    public static void MoveRemindersFromFees(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(Sql(migrationBuilder.ActiveProvider?.Contains("Npgsql", StringComparison.Ordinal) == true));
    }

    /// <summary>Down: the events the migration wrote.</summary>
    public static void RemoveMovedReminders(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql($"DELETE FROM claim_events WHERE kind = 10 AND actor = '{Actor}' AND reason = '{Reason}';");
    }
}
