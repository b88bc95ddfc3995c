using Choshu.Domain.Cases;

namespace Choshu.Data.Migrations.Sql;

/// <summary>
/// Migration CaseEvents (both providers): gives every existing case the events its row implies, so that the row's
/// columns are the fold of its events from the start. Per case, in this order (ids ascending): an Opened event on
/// <c>opened_on</c>; an OfficerAssigned event when it has an officer; a DemandRunHoldSet when held, or a
/// DemandRunHoldCleared when not held but a reason was kept (the hold was cleared for it); a Closed event on
/// <c>closed_on</c> when closed. The row keeps only who changed it last and when (<c>updated_by</c>,
/// <c>updated_at_utc</c>): the events are attributed to that, dated <c>opened_on</c> (the Closed one
/// <c>closed_on</c>); the dated history of earlier changes stays in the 操作ログ (3010, 3011). Plain SQL that runs
/// on PostgreSQL and SQLite alike ("on" quoted, TRUE/FALSE literals).
/// </summary>
public static class CaseEventsSql
{
    /// <summary>The reason written on the Closed event of a case closed before the events existed.</summary>
    public const string ClosedBeforeEventsReason = "（事案の記録開始前に終了）";

    private const string Columns = "case_id, kind, \"on\", officer_account_id, reason, actor_name, actor_account_id, recorded_at_utc";

    private static string Insert(CaseEventKind kind, string on, string officer, string reason, string where) =>
        $"INSERT INTO case_events ({Columns}) " +
        $"SELECT c.id, {(short)kind}, {on}, {officer}, {reason}, c.updated_by, " +
        "(SELECT a.id FROM staff_accounts a WHERE a.staff_no = c.updated_by), c.updated_at_utc " +
        $"FROM collection_cases c{(where.Length == 0 ? "" : " WHERE " + where)} ORDER BY c.id;";

    /// <summary>The statements, run in order by the migration's Up.</summary>
    public static IReadOnlyList<string> Up { get; } =
    [
        Insert(CaseEventKind.Opened, "c.opened_on", "NULL", "NULL", ""),
        Insert(CaseEventKind.OfficerAssigned, "c.opened_on", "c.officer_account_id", "NULL", "c.officer_account_id IS NOT NULL"),
        Insert(CaseEventKind.DemandRunHoldSet, "c.opened_on", "NULL", "c.demand_run_hold_reason", "c.demand_run_hold = TRUE"),
        Insert(CaseEventKind.DemandRunHoldCleared, "c.opened_on", "NULL", "c.demand_run_hold_reason",
            "c.demand_run_hold = FALSE AND c.demand_run_hold_reason IS NOT NULL"),
        Insert(CaseEventKind.Closed, "c.closed_on", "NULL", $"'{ClosedBeforeEventsReason}'", "c.closed_on IS NOT NULL"),
    ];
}
