using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersPayant.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AppendOnlyDisclosureLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "practice_id",
                table: "disclosures",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<string>(
                name: "role",
                table: "disclosures",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            // The disclosure log is append-only: the database itself refuses to change, remove or truncate
            // a record, whoever asks (the application's role included).
            migrationBuilder.Sql("""
                CREATE FUNCTION disclosures_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'disclosures are append-only' USING ERRCODE = 'insufficient_privilege';
                END
                $$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER disclosures_no_update_delete BEFORE UPDATE OR DELETE ON disclosures FOR EACH ROW EXECUTE FUNCTION disclosures_append_only();");
            migrationBuilder.Sql("CREATE TRIGGER disclosures_no_truncate BEFORE TRUNCATE ON disclosures FOR EACH STATEMENT EXECUTE FUNCTION disclosures_append_only();");
            migrationBuilder.Sql("REVOKE UPDATE, DELETE, TRUNCATE ON disclosures FROM PUBLIC;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS disclosures_no_truncate ON disclosures;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS disclosures_no_update_delete ON disclosures;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS disclosures_append_only();");

            migrationBuilder.DropColumn(
                name: "role",
                table: "disclosures");

            migrationBuilder.AlterColumn<Guid>(
                name: "practice_id",
                table: "disclosures",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
