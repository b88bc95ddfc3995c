using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Choshu.Data.Migrations.Sqlite
{
    /// <summary>The case log admits the erasure past retention and nothing else (<see cref="Sql.RetentionErasureSql"/>). No model change.</summary>
    [DbContext(typeof(SqliteChoshuDbContext))]
    [Migration("20261207133000_H18RetentionErasure")]
    public partial class H18RetentionErasure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => Sql.RetentionErasureSql.Up(migrationBuilder, postgres: false);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => Sql.RetentionErasureSql.Down(migrationBuilder, postgres: false);
    }
}
