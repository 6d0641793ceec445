using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersPayant.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Payments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "bic",
                table: "practices",
                type: "TEXT",
                maxLength: 11,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "iban",
                table: "practices",
                type: "TEXT",
                maxLength: 34,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "bic",
                table: "insurers",
                type: "TEXT",
                maxLength: 11,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "iban",
                table: "insurers",
                type: "TEXT",
                maxLength: 34,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "mandate_id",
                table: "insurers",
                type: "TEXT",
                maxLength: 35,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "mandate_signed_on",
                table: "insurers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "insurer_amc",
                table: "claims",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            // Invoices written before the ledger: their insurer is their beneficiary's.
            migrationBuilder.Sql("UPDATE claims SET insurer_amc = (SELECT b.insurer_amc FROM beneficiaries b WHERE b.id = claims.beneficiary_id) WHERE beneficiary_id IS NOT NULL;");

            migrationBuilder.CreateTable(
                name: "journal_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    claim_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    payment_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    run_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    statement_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    total_cents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journal_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "leases",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    acquired_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leases", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "payment_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    cutoff = table.Column<DateTime>(type: "TEXT", nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    prepared_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    written_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    execution_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    started_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    file_sha256 = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true),
                    transfer_count = table.Column<int>(type: "INTEGER", nullable: false),
                    total_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    skipped = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "journal_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    entry_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    debit_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    credit_cents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journal_lines", x => x.id);
                    table.ForeignKey(
                        name: "FK_journal_lines_journal_entries_entry_id",
                        column: x => x.entry_id,
                        principalTable: "journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    run_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    practice_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    amount_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    iban = table.Column<string>(type: "TEXT", maxLength: 34, nullable: true),
                    bic = table.Column<string>(type: "TEXT", maxLength: 11, nullable: true),
                    creditor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments", x => x.id);
                    table.ForeignKey(
                        name: "FK_payments_payment_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "payment_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_payments_practices_practice_id",
                        column: x => x.practice_id,
                        principalTable: "practices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payment_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    payment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    claim_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    amount_cents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_lines", x => x.id);
                    table.ForeignKey(
                        name: "FK_payment_lines_claims_claim_id",
                        column: x => x.claim_id,
                        principalTable: "claims",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_payment_lines_payments_payment_id",
                        column: x => x.payment_id,
                        principalTable: "payments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_claims_status_paid_at",
                table: "claims",
                columns: new[] { "status", "paid_at" });

            migrationBuilder.CreateIndex(
                name: "IX_journal_entries_claim_id_kind",
                table: "journal_entries",
                columns: new[] { "claim_id", "kind" });

            migrationBuilder.CreateIndex(
                name: "IX_journal_entries_occurred_at",
                table: "journal_entries",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "IX_journal_entries_payment_id",
                table: "journal_entries",
                column: "payment_id");

            migrationBuilder.CreateIndex(
                name: "IX_journal_entries_run_id",
                table: "journal_entries",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "IX_journal_lines_account",
                table: "journal_lines",
                column: "account");

            migrationBuilder.CreateIndex(
                name: "IX_journal_lines_entry_id",
                table: "journal_lines",
                column: "entry_id");

            migrationBuilder.CreateIndex(
                name: "IX_payment_lines_claim_id_kind",
                table: "payment_lines",
                columns: new[] { "claim_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payment_lines_payment_id",
                table: "payment_lines",
                column: "payment_id");

            migrationBuilder.CreateIndex(
                name: "IX_payment_runs_number",
                table: "payment_runs",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payment_runs_started_at",
                table: "payment_runs",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "IX_payments_practice_id_created_at",
                table: "payments",
                columns: new[] { "practice_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_payments_reference",
                table: "payments",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payments_run_id_practice_id",
                table: "payments",
                columns: new[] { "run_id", "practice_id" },
                unique: true);

            // The ledger is written, never edited: a correction is a reversing entry.
            foreach (var table in new[] { "journal_entries", "journal_lines", "payment_lines" })
            {
                migrationBuilder.Sql($"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;");
                migrationBuilder.Sql($"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "journal_entries", "journal_lines", "payment_lines" })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_no_update;");
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_no_delete;");
            }

            migrationBuilder.DropTable(
                name: "journal_lines");

            migrationBuilder.DropTable(
                name: "leases");

            migrationBuilder.DropTable(
                name: "payment_lines");

            migrationBuilder.DropTable(
                name: "journal_entries");

            migrationBuilder.DropTable(
                name: "payments");

            migrationBuilder.DropTable(
                name: "payment_runs");

            migrationBuilder.DropIndex(
                name: "IX_claims_status_paid_at",
                table: "claims");

            migrationBuilder.DropColumn(
                name: "bic",
                table: "practices");

            migrationBuilder.DropColumn(
                name: "iban",
                table: "practices");

            migrationBuilder.DropColumn(
                name: "bic",
                table: "insurers");

            migrationBuilder.DropColumn(
                name: "iban",
                table: "insurers");

            migrationBuilder.DropColumn(
                name: "mandate_id",
                table: "insurers");

            migrationBuilder.DropColumn(
                name: "mandate_signed_on",
                table: "insurers");

            migrationBuilder.DropColumn(
                name: "insurer_amc",
                table: "claims");
        }
    }
}
