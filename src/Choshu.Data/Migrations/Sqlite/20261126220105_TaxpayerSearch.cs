using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Choshu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TaxpayerSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "search_address",
                table: "taxpayers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "search_kana",
                table: "taxpayers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "search_kanji",
                table: "taxpayers",
                type: "TEXT",
                nullable: true);

            // The search keys start empty (NULL) in existing rows: `choshu db init` fills them right after
            // migrating (SearchKeyBackfill), with the one folding function (TaxpayerSearchKeys), never in SQL.
            // This partial index finds those rows; it is empty once all have keys, as every row written since has.
            migrationBuilder.Sql("CREATE INDEX ix_taxpayers_search_keys_missing ON taxpayers (id) WHERE search_kana IS NULL OR search_kanji IS NULL OR search_address IS NULL;");

            // 生年月日 is searched by equality (a column of the complex type Facts: the index is made here).
            migrationBuilder.Sql("CREATE INDEX ix_taxpayers_birth_date ON taxpayers (birth_date);");

            // SQLite (a small town's store) scans the keys with LIKE: no trigram index there.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_taxpayers_search_keys_missing;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_taxpayers_birth_date;");

            migrationBuilder.DropColumn(
                name: "search_address",
                table: "taxpayers");

            migrationBuilder.DropColumn(
                name: "search_kana",
                table: "taxpayers");

            migrationBuilder.DropColumn(
                name: "search_kanji",
                table: "taxpayers");
        }
    }
}
