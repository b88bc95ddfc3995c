using Microsoft.EntityFrameworkCore.Migrations;

namespace Choshu.Data.Migrations.Sql;

/// <summary>
/// The hand-written part of migration ClaimEvents (both providers), kept apart so the migration itself can be
/// regenerated. Same SQL on PostgreSQL and SQLite.
/// </summary>
public static class ClaimEventsSql
{
    /// <summary>
    /// 法定納期限 of the installments stored before the column existed: every one was an ordinary installment (the
    /// assessment file had no 法定納期限 column, the synthetic city makes none other), whose 法定納期限 is its
    /// 納期限 (domain.md §5). Run after the column is added.
    /// </summary>
    public static void FillStatutoryDueDates(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("UPDATE installments SET statutory_due_date = due_date;");
    }
}
