using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersPayant.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AppendOnlyDisclosureTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The disclosure log is append-only: the database itself refuses to change or remove a record.
            // (A migration of its own: SQLite rebuilds a table at the end of the migration that alters it,
            // which would drop triggers created in the same migration.)
            migrationBuilder.Sql("CREATE TRIGGER disclosures_no_update BEFORE UPDATE ON disclosures BEGIN SELECT RAISE(ABORT, 'disclosures are append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER disclosures_no_delete BEFORE DELETE ON disclosures BEGIN SELECT RAISE(ABORT, 'disclosures are append-only'); END;");

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS disclosures_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS disclosures_no_delete;");

        }
    }
}
