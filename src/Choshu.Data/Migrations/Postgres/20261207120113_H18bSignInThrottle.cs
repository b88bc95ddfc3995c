using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Choshu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class H18bSignInThrottle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sign_in_failures",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    id_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sign_in_failures", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sign_in_failures_at_utc",
                table: "sign_in_failures",
                column: "at_utc");

            migrationBuilder.CreateIndex(
                name: "ix_sign_in_failures_id_key_at_utc",
                table: "sign_in_failures",
                columns: new[] { "id_key", "at_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_sign_in_failures_source_at_utc",
                table: "sign_in_failures",
                columns: new[] { "source", "at_utc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sign_in_failures");
        }
    }
}
