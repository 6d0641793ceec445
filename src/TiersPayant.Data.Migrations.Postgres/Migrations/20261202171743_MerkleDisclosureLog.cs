using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersPayant.Data.Migrations.Postgres.Migrations
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
                type: "bytea",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "seq",
                table: "disclosures",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "audit_checkpoints",
                columns: table => new
                {
                    size = table.Column<long>(type: "bigint", nullable: false),
                    root = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    signed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_checkpoints", x => x.size);
                });

            migrationBuilder.CreateTable(
                name: "audit_heads",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    purged_below = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_heads", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_subtrees",
                columns: table => new
                {
                    level = table.Column<int>(type: "integer", nullable: false),
                    index = table.Column<long>(type: "bigint", nullable: false),
                    hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_subtrees", x => new { x.level, x.index });
                });

            // Records older than the Merkle log take their positions in the order they were written
            // (their leaf hashes stay empty); the head starts at their count.
            migrationBuilder.Sql("ALTER TABLE disclosures DISABLE TRIGGER disclosures_no_update_delete;");
            migrationBuilder.Sql("UPDATE disclosures SET seq = r.n FROM (SELECT id, row_number() OVER (ORDER BY occurred_at, id) - 1 AS n FROM disclosures) AS r WHERE disclosures.id = r.id;");
            migrationBuilder.Sql("ALTER TABLE disclosures ENABLE TRIGGER disclosures_no_update_delete;");
            migrationBuilder.Sql("INSERT INTO audit_heads (id, size, purged_below) SELECT 1, COUNT(*), 0 FROM disclosures;");

            // Deleting is refused except for records below the purge point of the retention, which
            // moves only forward; the tree's hashes and checkpoints are never changed.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION disclosures_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' AND OLD.seq < (SELECT purged_below FROM audit_heads WHERE id = 1) THEN
                        RETURN OLD;
                    END IF;
                    RAISE EXCEPTION 'disclosures are append-only' USING ERRCODE = 'insufficient_privilege';
                END
                $$;
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_heads_forward() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.size >= OLD.size AND NEW.purged_below >= OLD.purged_below AND NEW.purged_below <= NEW.size THEN
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION 'the audit head only moves forward' USING ERRCODE = 'insufficient_privilege';
                END
                $$;
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_tree_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_checkpoints' AND OLD.size < (SELECT purged_below FROM audit_heads WHERE id = 1) THEN
                        RETURN OLD;
                    END IF;
                    RAISE EXCEPTION 'the audit tree and its checkpoints are append-only' USING ERRCODE = 'insufficient_privilege';
                END
                $$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER audit_heads_forward BEFORE UPDATE OR DELETE ON audit_heads FOR EACH ROW EXECUTE FUNCTION audit_heads_forward();");
            migrationBuilder.Sql("CREATE TRIGGER audit_subtrees_append_only BEFORE UPDATE OR DELETE ON audit_subtrees FOR EACH ROW EXECUTE FUNCTION audit_tree_append_only();");
            migrationBuilder.Sql("CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION audit_tree_append_only();");
            migrationBuilder.Sql("CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_heads FOR EACH STATEMENT EXECUTE FUNCTION audit_tree_append_only();");
            migrationBuilder.Sql("CREATE TRIGGER audit_subtrees_no_truncate BEFORE TRUNCATE ON audit_subtrees FOR EACH STATEMENT EXECUTE FUNCTION audit_tree_append_only();");
            migrationBuilder.Sql("CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION audit_tree_append_only();");

            migrationBuilder.CreateIndex(
                name: "IX_disclosures_seq",
                table: "disclosures",
                column: "seq",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_checkpoints_no_truncate ON audit_checkpoints;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_subtrees_no_truncate ON audit_subtrees;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_no_truncate ON audit_heads;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_checkpoints_append_only ON audit_checkpoints;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_subtrees_append_only ON audit_subtrees;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_heads_forward ON audit_heads;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS audit_tree_append_only();");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS audit_heads_forward();");
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION disclosures_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'disclosures are append-only' USING ERRCODE = 'insufficient_privilege';
                END
                $$;
                """);
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
