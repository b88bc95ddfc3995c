using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Choshu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class H18aCliSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "channel",
                table: "staff_sessions",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "web");

            migrationBuilder.AddColumn<DateTime>(
                name: "expires_at_utc",
                table: "staff_sessions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "os_uid",
                table: "staff_sessions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "os_user",
                table: "staff_sessions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "channel",
                table: "staff_sessions");

            migrationBuilder.DropColumn(
                name: "expires_at_utc",
                table: "staff_sessions");

            migrationBuilder.DropColumn(
                name: "os_uid",
                table: "staff_sessions");

            migrationBuilder.DropColumn(
                name: "os_user",
                table: "staff_sessions");
        }
    }
}
