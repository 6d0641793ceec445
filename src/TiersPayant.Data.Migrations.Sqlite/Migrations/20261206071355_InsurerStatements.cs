using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersPayant.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InsurerStatements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "insurer_statements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    run = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    insurer_amc = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    total_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    line_count = table.Column<int>(type: "INTEGER", nullable: false),
                    settlement = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    collection_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_insurer_statements", x => x.id);
                    table.ForeignKey(
                        name: "FK_insurer_statements_insurers_insurer_amc",
                        column: x => x.insurer_amc,
                        principalTable: "insurers",
                        principalColumn: "amc",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "insurer_statement_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    statement_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    claim_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    amount_cents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_insurer_statement_lines", x => x.id);
                    table.ForeignKey(
                        name: "FK_insurer_statement_lines_claims_claim_id",
                        column: x => x.claim_id,
                        principalTable: "claims",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_insurer_statement_lines_insurer_statements_statement_id",
                        column: x => x.statement_id,
                        principalTable: "insurer_statements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_insurer_statement_lines_claim_id_kind",
                table: "insurer_statement_lines",
                columns: new[] { "claim_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_insurer_statement_lines_statement_id",
                table: "insurer_statement_lines",
                column: "statement_id");

            migrationBuilder.CreateIndex(
                name: "IX_insurer_statements_insurer_amc_created_at",
                table: "insurer_statements",
                columns: new[] { "insurer_amc", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_insurer_statements_number",
                table: "insurer_statements",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_insurer_statements_run",
                table: "insurer_statements",
                column: "run");

            // What an insurer was billed is never edited either.
            migrationBuilder.Sql("CREATE TRIGGER insurer_statement_lines_no_update BEFORE UPDATE ON insurer_statement_lines BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER insurer_statement_lines_no_delete BEFORE DELETE ON insurer_statement_lines BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS insurer_statement_lines_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS insurer_statement_lines_no_delete;");

            migrationBuilder.DropTable(
                name: "insurer_statement_lines");

            migrationBuilder.DropTable(
                name: "insurer_statements");
        }
    }
}
