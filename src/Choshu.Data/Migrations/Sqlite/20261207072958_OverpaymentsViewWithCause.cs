using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Choshu.Data.Migrations.Sqlite
{
    /// <summary>The <c>overpayments</c> view again, now with each overpayment's cause (hand SQL shared with PostgreSQL's OverpaymentCauses migration).</summary>
    public partial class OverpaymentsViewWithCause : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Sql.OverpaymentCausesSql.CreateView);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Sql.OverpaymentAccountSql.DropView);
        }
    }
}
