using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersPayant.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MerkleDisclosureLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "leaf_hash",
                table: "disclosures",
                type: "BLOB",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "seq",
                table: "disclosures",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "audit_checkpoints",
                columns: table => new
                {
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    root = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    signed_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_checkpoints", x => x.size);
                });

            migrationBuilder.CreateTable(
                name: "audit_heads",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    purged_below = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_heads", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_subtrees",
                columns: table => new
                {
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    index = table.Column<long>(type: "INTEGER", nullable: false),
                    hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_subtrees", x => new { x.level, x.index });
                });

            // Records older than the Merkle log take their positions in the order they were written
            // (their leaf hashes stay empty); the head starts at their count.
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS disclosures_no_update;");
            migrationBuilder.Sql("UPDATE disclosures SET seq = r.n FROM (SELECT id, row_number() OVER (ORDER BY occurred_at, id) - 1 AS n FROM disclosures) AS r WHERE disclosures.id = r.id;");
            migrationBuilder.Sql("CREATE TRIGGER disclosures_no_update BEFORE UPDATE ON disclosures BEGIN SELECT RAISE(ABORT, 'disclosures are append-only'); END;");
            migrationBuilder.Sql("INSERT INTO audit_heads (id, size, purged_below) SELECT 1, COUNT(*), 0 FROM disclosures;");

            // Deleting is refused except for records below the purge point of the retention, which
            // moves only forward; the tree's hashes and checkpoints are never changed.
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS disclosures_no_delete;");
            migrationBuilder.Sql("CREATE TRIGGER disclosures_no_delete BEFORE DELETE ON disclosures WHEN OLD.seq >= (SELECT purged_below FROM audit_heads WHERE id = 1) BEGIN SELECT RAISE(ABORT, 'disclosures are append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_heads_forward BEFORE UPDATE ON audit_heads WHEN NEW.id <> OLD.id OR NEW.size < OLD.size OR NEW.purged_below < OLD.purged_below OR NEW.purged_below > NEW.size BEGIN SELECT RAISE(ABORT, 'the audit head only moves forward'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_heads_no_delete BEFORE DELETE ON audit_heads BEGIN SELECT RAISE(ABORT, 'the audit head only moves forward'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_subtrees_no_update BEFORE UPDATE ON audit_subtrees BEGIN SELECT RAISE(ABORT, 'the audit tree is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_subtrees_no_delete BEFORE DELETE ON audit_subtrees BEGIN SELECT RAISE(ABORT, 'the audit tree is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints WHEN OLD.size >= (SELECT purged_below FROM audit_heads WHERE id = 1) BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;");

            migrationBuilder.CreateIndex(
                name: "IX_disclosures_seq",
                table: "disclosures",
                column: "seq",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "audit_checkpoints_no_delete", "audit_checkpoints_no_update", "audit_subtrees_no_delete", "audit_subtrees_no_update", "audit_heads_no_delete", "audit_heads_forward", "disclosures_no_delete" })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
            }

            migrationBuilder.Sql("CREATE TRIGGER disclosures_no_delete BEFORE DELETE ON disclosures BEGIN SELECT RAISE(ABORT, 'disclosures are append-only'); END;");
            migrationBuilder.DropTable(
                name: "audit_checkpoints");

            migrationBuilder.DropTable(
                name: "audit_heads");

            migrationBuilder.DropTable(
                name: "audit_subtrees");

            migrationBuilder.DropIndex(
                name: "IX_disclosures_seq",
                table: "disclosures");

            migrationBuilder.DropColumn(
                name: "leaf_hash",
                table: "disclosures");

            migrationBuilder.DropColumn(
                name: "seq",
                table: "disclosures");
        }
    }
}
