using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Choshu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Certificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "vehicle_no",
                table: "assessments",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "certificates",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    verification_no = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    kind = table.Column<short>(type: "INTEGER", nullable: false),
                    taxpayer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    document_id = table.Column<long>(type: "INTEGER", nullable: false),
                    issued_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    covers_up_to = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    years = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    vehicle_no = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    copies = table.Column<int>(type: "INTEGER", nullable: false),
                    requester = table.Column<short>(type: "INTEGER", nullable: false),
                    requester_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    fee = table.Column<long>(type: "INTEGER", nullable: false),
                    content = table.Column<string>(type: "TEXT", nullable: false),
                    actor_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    account_id = table.Column<long>(type: "INTEGER", nullable: true),
                    issued_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_certificates", x => x.id);
                    table.ForeignKey(
                        name: "fk_certificates_issued_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "issued_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_certificates_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "transfer_items",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    data_release_id = table.Column<long>(type: "INTEGER", nullable: false),
                    taxpayer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    item_key = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_transfer_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_transfer_items_data_releases_data_release_id",
                        column: x => x.data_release_id,
                        principalTable: "data_releases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_transfer_items_taxpayers_taxpayer_id",
                        column: x => x.taxpayer_id,
                        principalTable: "taxpayers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_assessments_vehicle_no",
                table: "assessments",
                column: "vehicle_no",
                filter: "vehicle_no IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_certificates_document_id",
                table: "certificates",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "ix_certificates_taxpayer_id",
                table: "certificates",
                column: "taxpayer_id");

            migrationBuilder.CreateIndex(
                name: "ix_certificates_verification_no",
                table: "certificates",
                column: "verification_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_transfer_items_data_release_id",
                table: "transfer_items",
                column: "data_release_id");

            migrationBuilder.CreateIndex(
                name: "ix_transfer_items_taxpayer_id_data_release_id",
                table: "transfer_items",
                columns: new[] { "taxpayer_id", "data_release_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "certificates");

            migrationBuilder.DropTable(
                name: "transfer_items");

            migrationBuilder.DropIndex(
                name: "ix_assessments_vehicle_no",
                table: "assessments");

            migrationBuilder.DropColumn(
                name: "vehicle_no",
                table: "assessments");
        }
    }
}
