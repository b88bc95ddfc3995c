using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Choshu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class h13cPledges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pledges",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    taxpayer_id = table.Column<long>(type: "bigint", nullable: false),
                    case_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<short>(type: "smallint", nullable: false),
                    made_on = table.Column<DateOnly>(type: "date", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pledges", x => x.id);
                    table.ForeignKey(
                        name: "fk_pledges_collection_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "collection_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_pledges_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "pledge_claims",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    pledge_id = table.Column<long>(type: "bigint", nullable: false),
                    installment_id = table.Column<long>(type: "bigint", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    claim_event_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pledge_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_pledge_claims_claim_events_claim_event_id",
                        column: x => x.claim_event_id,
                        principalTable: "claim_events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_pledge_claims_installments_installment_id",
                        column: x => x.installment_id,
                        principalTable: "installments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_pledge_claims_pledges_pledge_id",
                        column: x => x.pledge_id,
                        principalTable: "pledges",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "pledge_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    pledge_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<short>(type: "smallint", nullable: false),
                    on = table.Column<DateOnly>(type: "date", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    document_id = table.Column<long>(type: "bigint", nullable: true),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pledge_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_pledge_events_issued_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "issued_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_pledge_events_pledges_pledge_id",
                        column: x => x.pledge_id,
                        principalTable: "pledges",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "pledge_instalments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    pledge_id = table.Column<long>(type: "bigint", nullable: false),
                    no = table.Column<int>(type: "integer", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pledge_instalments", x => x.id);
                    table.ForeignKey(
                        name: "fk_pledge_instalments_pledges_pledge_id",
                        column: x => x.pledge_id,
                        principalTable: "pledges",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_pledge_claims_claim_event_id",
                table: "pledge_claims",
                column: "claim_event_id");

            migrationBuilder.CreateIndex(
                name: "ix_pledge_claims_installment_id",
                table: "pledge_claims",
                column: "installment_id");

            migrationBuilder.CreateIndex(
                name: "ix_pledge_claims_pledge_id_installment_id",
                table: "pledge_claims",
                columns: new[] { "pledge_id", "installment_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_pledge_events_document_id",
                table: "pledge_events",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "ix_pledge_events_pledge_id",
                table: "pledge_events",
                column: "pledge_id");

            migrationBuilder.CreateIndex(
                name: "ix_pledge_instalments_pledge_id_no",
                table: "pledge_instalments",
                columns: new[] { "pledge_id", "no" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_pledges_case_id",
                table: "pledges",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_pledges_taxpayer_id",
                table: "pledges",
                column: "taxpayer_id");
            foreach (var sql in Sql.PledgesSql.PostgresUp()) migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in Sql.PledgesSql.PostgresDown()) migrationBuilder.Sql(sql);
            migrationBuilder.DropTable(
                name: "pledge_claims");

            migrationBuilder.DropTable(
                name: "pledge_events");

            migrationBuilder.DropTable(
                name: "pledge_instalments");

            migrationBuilder.DropTable(
                name: "pledges");
        }
    }
}
