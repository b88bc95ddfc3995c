namespace Choshu.Data.Migrations.Sql;

/// <summary>
/// Hand-written SQL of the NoticeRuns migration (kept apart so the migration can be regenerated): the reminder fee setting
/// is renamed from <c>reminder.fee</c> to <c>reminder.fee_yen</c> (issue 11 names it so), keeping a value a city had set.
/// Same SQL on both stores; a rerun does nothing.
/// </summary>
public static class NoticeRunsSql
{
    public const string RenameReminderFeeSetting =
        "UPDATE settings SET key = 'reminder.fee_yen' WHERE key = 'reminder.fee' AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'reminder.fee_yen');";

    public const string RestoreReminderFeeSetting =
        "UPDATE settings SET key = 'reminder.fee' WHERE key = 'reminder.fee_yen' AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'reminder.fee');";
}
