using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Choshu.Data.Migrations.Postgres
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
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "search_kana",
                table: "taxpayers",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "search_kanji",
                table: "taxpayers",
                type: "text",
                nullable: true);

            // The search keys start empty (NULL) in existing rows: `choshu db init` fills them right after
            // migrating (SearchKeyBackfill), with the one folding function (TaxpayerSearchKeys), never in SQL.
            // This partial index finds those rows; it is empty once all have keys, as every row written since has.
            migrationBuilder.Sql("CREATE INDEX ix_taxpayers_search_keys_missing ON taxpayers (id) WHERE search_kana IS NULL OR search_kanji IS NULL OR search_address IS NULL;");

            // 生年月日 is searched by equality (a column of the complex type Facts: the index is made here).
            migrationBuilder.Sql("CREATE INDEX ix_taxpayers_birth_date ON taxpayers (birth_date);");

            // LIKE '%term%' on the keys: trigram GIN indexes. pg_trgm is a trusted extension (PostgreSQL 13+),
            // so the database owner that runs db init may create it; Debian's postgresql-15 ships it.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE INDEX ix_taxpayers_search_kana ON taxpayers USING gin (search_kana gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX ix_taxpayers_search_kanji ON taxpayers USING gin (search_kanji gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX ix_taxpayers_search_address ON taxpayers USING gin (search_address gin_trgm_ops);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_taxpayers_search_keys_missing;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_taxpayers_birth_date;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_taxpayers_search_kana;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_taxpayers_search_kanji;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_taxpayers_search_address;");
            // pg_trgm stays: dropping an extension is the database administrator's decision.

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
