using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Choshu.Data.Migrations.Sqlite
{
    /// <summary>
    /// The <c>overpayments</c> view is dropped before <see cref="CountersCertificatesRefunds"/> and made again after it
    /// (<see cref="OverpaymentsViewWithCause"/>): SQLite drops a column by rebuilding the table, and a view over a table
    /// being renamed fails that rebuild, so no view may stand over assessments or taxpayers while the columns are rolled back.
    /// </summary>
    public partial class OverpaymentsViewDropped : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Sql.OverpaymentAccountSql.DropView);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Sql.OverpaymentAccountSql.CreateView);
        }
    }
}
