using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Choshu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "holidays",
                columns: table => new
                {
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_holidays", x => x.date);
                });

            migrationBuilder.CreateTable(
                name: "import_files",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    file_name = table.Column<string>(type: "text", nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    encoding = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    first_imported_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_files", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "late_fee_rates",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    lower_basis_points = table.Column<int>(type: "integer", nullable: false),
                    higher_basis_points = table.Column<int>(type: "integer", nullable: false),
                    source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_late_fee_rates", x => x.year);
                });

            migrationBuilder.CreateTable(
                name: "tax_kinds",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    aliases = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tax_kinds", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "taxpayers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    taxpayer_no = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    integrated_no = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true),
                    corporate_number = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: true),
                    history_seq = table.Column<int>(type: "integer", nullable: false),
                    effective_date = table.Column<DateOnly>(type: "date", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    address_supplement = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    alias_kana = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    alias_kanji = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    birth_date = table.Column<DateOnly>(type: "date", nullable: true),
                    branch_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    district_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    household_no = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true),
                    mail_returned = table.Column<bool>(type: "boolean", nullable: false),
                    municipality_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    name_kana = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_kanji = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    person_kind = table.Column<short>(type: "smallint", nullable: false),
                    postal_code = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    representative_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    representative_title = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    residency_status = table.Column<short>(type: "smallint", nullable: false),
                    sex = table.Column<short>(type: "smallint", nullable: true),
                    street_number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    town_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_taxpayers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "import_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    import_file_id = table.Column<long>(type: "bigint", nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    started_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    finished_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    lines_read = table.Column<int>(type: "integer", nullable: false),
                    created = table.Column<int>(type: "integer", nullable: false),
                    changed = table.Column<int>(type: "integer", nullable: false),
                    unchanged = table.Column<int>(type: "integer", nullable: false),
                    quarantined = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_import_runs_import_files_import_file_id",
                        column: x => x.import_file_id,
                        principalTable: "import_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "quarantined_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    import_file_id = table.Column<long>(type: "bigint", nullable: false),
                    line_no = table.Column<int>(type: "integer", nullable: false),
                    field = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    raw_line = table.Column<string>(type: "text", nullable: false),
                    quarantined_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_quarantined_records", x => x.id);
                    table.ForeignKey(
                        name: "fk_quarantined_records_import_files_import_file_id",
                        column: x => x.import_file_id,
                        principalTable: "import_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "assessments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    taxpayer_id = table.Column<long>(type: "bigint", nullable: false),
                    tax_kind_code = table.Column<string>(type: "character varying(2)", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    liability_year = table.Column<int>(type: "integer", nullable: false),
                    notice_no = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessments", x => x.id);
                    table.ForeignKey(
                        name: "fk_assessments_tax_kinds_tax_kind_code",
                        column: x => x.tax_kind_code,
                        principalTable: "tax_kinds",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_assessments_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tax_agents",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    taxpayer_id = table.Column<long>(type: "bigint", nullable: false),
                    agent_taxpayer_id = table.Column<long>(type: "bigint", nullable: false),
                    tax_kind_code = table.Column<string>(type: "character varying(2)", nullable: true),
                    agent_kind = table.Column<short>(type: "smallint", nullable: false),
                    registered_on = table.Column<DateOnly>(type: "date", nullable: false),
                    cancelled_on = table.Column<DateOnly>(type: "date", nullable: true),
                    reason = table.Column<string>(type: "text", nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tax_agents", x => x.id);
                    table.ForeignKey(
                        name: "fk_tax_agents_tax_kinds_tax_kind_code",
                        column: x => x.tax_kind_code,
                        principalTable: "tax_kinds",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_tax_agents_taxpayers_agent_taxpayer_id",
                        column: x => x.agent_taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_tax_agents_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "taxpayer_my_numbers",
                columns: table => new
                {
                    taxpayer_id = table.Column<long>(type: "bigint", nullable: false),
                    value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    key_version = table.Column<int>(type: "integer", nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_taxpayer_my_numbers", x => x.taxpayer_id);
                    table.ForeignKey(
                        name: "fk_taxpayer_my_numbers_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "taxpayer_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    taxpayer_id = table.Column<long>(type: "bigint", nullable: false),
                    history_seq = table.Column<int>(type: "integer", nullable: false),
                    effective_date = table.Column<DateOnly>(type: "date", nullable: false),
                    corporate_number = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: true),
                    my_number_changed = table.Column<bool>(type: "boolean", nullable: false),
                    source = table.Column<short>(type: "smallint", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: true),
                    import_file_id = table.Column<long>(type: "bigint", nullable: true),
                    source_line = table.Column<int>(type: "integer", nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    address_supplement = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    alias_kana = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    alias_kanji = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    birth_date = table.Column<DateOnly>(type: "date", nullable: true),
                    branch_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    district_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    household_no = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true),
                    mail_returned = table.Column<bool>(type: "boolean", nullable: false),
                    municipality_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    name_kana = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_kanji = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    person_kind = table.Column<short>(type: "smallint", nullable: false),
                    postal_code = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    representative_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    representative_title = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    residency_status = table.Column<short>(type: "smallint", nullable: false),
                    sex = table.Column<short>(type: "smallint", nullable: true),
                    street_number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    town_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_taxpayer_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_taxpayer_versions_import_files_import_file_id",
                        column: x => x.import_file_id,
                        principalTable: "import_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_taxpayer_versions_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "installments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    assessment_id = table.Column<long>(type: "bigint", nullable: false),
                    period = table.Column<short>(type: "smallint", nullable: false),
                    nominal_due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_installments", x => x.id);
                    table.ForeignKey(
                        name: "fk_installments_assessments_assessment_id",
                        column: x => x.assessment_id,
                        principalTable: "assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "journal_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    installment_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<short>(type: "smallint", nullable: false),
                    component = table.Column<short>(type: "smallint", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    value_date = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    reason_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    comment = table.Column<string>(type: "text", nullable: true),
                    reverses_entry_id = table.Column<long>(type: "bigint", nullable: true),
                    import_file_id = table.Column<long>(type: "bigint", nullable: true),
                    source_line = table.Column<int>(type: "integer", nullable: true),
                    idempotency_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_journal_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_journal_entries_import_files_import_file_id",
                        column: x => x.import_file_id,
                        principalTable: "import_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_journal_entries_installments_installment_id",
                        column: x => x.installment_id,
                        principalTable: "installments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_journal_entries_journal_entries_reverses_entry_id",
                        column: x => x.reverses_entry_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "tax_kinds",
                columns: new[] { "code", "aliases", "name", "sort_order" },
                values: new object[,]
                {
                    { "01", "市民税（普通徴収）|個人市民税|市県民税|市・県民税|個人住民税", "市民税", 1 },
                    { "02", "固定資産税・都市計画税|固定資産税都市計画税|固都税", "固定資産税", 2 },
                    { "03", "軽自動車税種別割|軽自動車税（種別割）", "軽自動車税", 3 },
                    { "04", "法人住民税", "法人市民税", 4 }
                });

            migrationBuilder.CreateIndex(
                name: "ix_assessments_notice_no",
                table: "assessments",
                column: "notice_no");

            migrationBuilder.CreateIndex(
                name: "ix_assessments_tax_kind_code_fiscal_year_liability_year_notice",
                table: "assessments",
                columns: new[] { "tax_kind_code", "fiscal_year", "liability_year", "notice_no" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_assessments_taxpayer_id",
                table: "assessments",
                column: "taxpayer_id");

            migrationBuilder.CreateIndex(
                name: "ix_import_files_kind_sha256",
                table: "import_files",
                columns: new[] { "kind", "sha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_import_runs_import_file_id",
                table: "import_runs",
                column: "import_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_installments_assessment_id_period",
                table: "installments",
                columns: new[] { "assessment_id", "period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_installments_due_date",
                table: "installments",
                column: "due_date");

            migrationBuilder.CreateIndex(
                name: "ix_journal_entries_idempotency_key",
                table: "journal_entries",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_journal_entries_import_file_id",
                table: "journal_entries",
                column: "import_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_journal_entries_installment_id",
                table: "journal_entries",
                column: "installment_id");

            migrationBuilder.CreateIndex(
                name: "ix_journal_entries_reverses_entry_id",
                table: "journal_entries",
                column: "reverses_entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_quarantined_records_import_file_id_line_no_field",
                table: "quarantined_records",
                columns: new[] { "import_file_id", "line_no", "field" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tax_agents_agent_taxpayer_id",
                table: "tax_agents",
                column: "agent_taxpayer_id");

            migrationBuilder.CreateIndex(
                name: "ix_tax_agents_tax_kind_code",
                table: "tax_agents",
                column: "tax_kind_code");

            migrationBuilder.CreateIndex(
                name: "ix_tax_agents_taxpayer_id",
                table: "tax_agents",
                column: "taxpayer_id");

            migrationBuilder.CreateIndex(
                name: "ix_taxpayer_versions_import_file_id",
                table: "taxpayer_versions",
                column: "import_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_taxpayer_versions_taxpayer_id_history_seq",
                table: "taxpayer_versions",
                columns: new[] { "taxpayer_id", "history_seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_taxpayers_taxpayer_no",
                table: "taxpayers",
                column: "taxpayer_no",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "holidays");

            migrationBuilder.DropTable(
                name: "import_runs");

            migrationBuilder.DropTable(
                name: "journal_entries");

            migrationBuilder.DropTable(
                name: "late_fee_rates");

            migrationBuilder.DropTable(
                name: "quarantined_records");

            migrationBuilder.DropTable(
                name: "tax_agents");

            migrationBuilder.DropTable(
                name: "taxpayer_my_numbers");

            migrationBuilder.DropTable(
                name: "taxpayer_versions");

            migrationBuilder.DropTable(
                name: "installments");

            migrationBuilder.DropTable(
                name: "import_files");

            migrationBuilder.DropTable(
                name: "assessments");

            migrationBuilder.DropTable(
                name: "tax_kinds");

            migrationBuilder.DropTable(
                name: "taxpayers");
        }
    }
}
