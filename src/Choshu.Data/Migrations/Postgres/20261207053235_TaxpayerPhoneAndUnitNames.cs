using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Choshu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TaxpayerPhoneAndUnitNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "phone_number",
                table: "taxpayers",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "search_phone",
                table: "taxpayers",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "phone_number",
                table: "taxpayer_versions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "org_unit_names",
                columns: table => new
                {
                    department_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    section_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_org_unit_names", x => new { x.department_code, x.section_code });
                });

            migrationBuilder.CreateIndex(
                name: "ix_taxpayers_corporate_number",
                table: "taxpayers",
                column: "corporate_number");

            migrationBuilder.CreateIndex(
                name: "ix_taxpayers_search_phone",
                table: "taxpayers",
                column: "search_phone");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "org_unit_names");

            migrationBuilder.DropIndex(
                name: "ix_taxpayers_corporate_number",
                table: "taxpayers");

            migrationBuilder.DropIndex(
                name: "ix_taxpayers_search_phone",
                table: "taxpayers");

            migrationBuilder.DropColumn(
                name: "phone_number",
                table: "taxpayers");

            migrationBuilder.DropColumn(
                name: "search_phone",
                table: "taxpayers");

            migrationBuilder.DropColumn(
                name: "phone_number",
                table: "taxpayer_versions");
        }
    }
}
