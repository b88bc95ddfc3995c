using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Choshu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NoticeRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "notice_condition_sets",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    conditions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    saved_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    saved_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notice_condition_sets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notice_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    conditions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    condition_set_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    layout = table.Column<short>(type: "smallint", nullable: false),
                    slip_deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    delivery = table.Column<short>(type: "smallint", nullable: true),
                    reminder_fee_per_letter = table.Column<long>(type: "bigint", nullable: false),
                    letter_count = table.Column<int>(type: "integer", nullable: false),
                    item_count = table.Column<int>(type: "integer", nullable: false),
                    total_amount = table.Column<long>(type: "bigint", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    account_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    pdf_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    vendor_file_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    dispatched_on = table.Column<DateOnly>(type: "date", nullable: true),
                    dispatched_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    dispatched_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    cancelled_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    cancelled_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    cancel_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notice_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notice_letters",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    taxpayer_id = table.Column<long>(type: "bigint", nullable: false),
                    addressee_taxpayer_id = table.Column<long>(type: "bigint", nullable: true),
                    addressee_kind = table.Column<short>(type: "smallint", nullable: false),
                    document_id = table.Column<long>(type: "bigint", nullable: false),
                    data = table.Column<string>(type: "text", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    pulled = table.Column<bool>(type: "boolean", nullable: false),
                    pulled_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notice_letters", x => x.id);
                    table.ForeignKey(
                        name: "fk_notice_letters_issued_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "issued_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_notice_letters_notice_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "notice_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_notice_letters_taxpayers_addressee_taxpayer_id",
                        column: x => x.addressee_taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_notice_letters_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "notice_letter_items",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    letter_id = table.Column<long>(type: "bigint", nullable: false),
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    installment_id = table.Column<long>(type: "bigint", nullable: false),
                    principal = table.Column<long>(type: "bigint", nullable: false),
                    reminder_fee = table.Column<long>(type: "bigint", nullable: false),
                    late_fee = table.Column<long>(type: "bigint", nullable: false),
                    claim_event_id = table.Column<long>(type: "bigint", nullable: true),
                    fee_entry_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notice_letter_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_notice_letter_items_claim_events_claim_event_id",
                        column: x => x.claim_event_id,
                        principalTable: "claim_events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_notice_letter_items_installments_installment_id",
                        column: x => x.installment_id,
                        principalTable: "installments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_notice_letter_items_journal_entries_fee_entry_id",
                        column: x => x.fee_entry_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_notice_letter_items_notice_letters_letter_id",
                        column: x => x.letter_id,
                        principalTable: "notice_letters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_notice_letter_items_notice_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "notice_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "returned_mail",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    letter_id = table.Column<long>(type: "bigint", nullable: false),
                    taxpayer_id = table.Column<long>(type: "bigint", nullable: false),
                    returned_on = table.Column<DateOnly>(type: "date", nullable: false),
                    reason = table.Column<short>(type: "smallint", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    resolution = table.Column<short>(type: "smallint", nullable: true),
                    resolved_on = table.Column<DateOnly>(type: "date", nullable: true),
                    resolved_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    resolved_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    resolution_note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_returned_mail", x => x.id);
                    table.ForeignKey(
                        name: "fk_returned_mail_notice_letters_letter_id",
                        column: x => x.letter_id,
                        principalTable: "notice_letters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_returned_mail_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_notice_condition_sets_name",
                table: "notice_condition_sets",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notice_letter_items_claim_event_id",
                table: "notice_letter_items",
                column: "claim_event_id");

            migrationBuilder.CreateIndex(
                name: "ix_notice_letter_items_fee_entry_id",
                table: "notice_letter_items",
                column: "fee_entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_notice_letter_items_installment_id_run_id",
                table: "notice_letter_items",
                columns: new[] { "installment_id", "run_id" });

            migrationBuilder.CreateIndex(
                name: "ix_notice_letter_items_letter_id",
                table: "notice_letter_items",
                column: "letter_id");

            migrationBuilder.CreateIndex(
                name: "ix_notice_letter_items_run_id",
                table: "notice_letter_items",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "ix_notice_letters_addressee_taxpayer_id",
                table: "notice_letters",
                column: "addressee_taxpayer_id");

            migrationBuilder.CreateIndex(
                name: "ix_notice_letters_document_id",
                table: "notice_letters",
                column: "document_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notice_letters_run_id_seq",
                table: "notice_letters",
                columns: new[] { "run_id", "seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notice_letters_taxpayer_id",
                table: "notice_letters",
                column: "taxpayer_id");

            migrationBuilder.CreateIndex(
                name: "ix_notice_runs_kind_created_at_utc",
                table: "notice_runs",
                columns: new[] { "kind", "created_at_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_returned_mail_letter_id",
                table: "returned_mail",
                column: "letter_id");

            migrationBuilder.CreateIndex(
                name: "ix_returned_mail_taxpayer_id",
                table: "returned_mail",
                column: "taxpayer_id");
            migrationBuilder.Sql(Choshu.Data.Migrations.Sql.NoticeRunsSql.RenameReminderFeeSetting);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Choshu.Data.Migrations.Sql.NoticeRunsSql.RestoreReminderFeeSetting);
            migrationBuilder.DropTable(
                name: "notice_condition_sets");

            migrationBuilder.DropTable(
                name: "notice_letter_items");

            migrationBuilder.DropTable(
                name: "returned_mail");

            migrationBuilder.DropTable(
                name: "notice_letters");

            migrationBuilder.DropTable(
                name: "notice_runs");
        }
    }
}
