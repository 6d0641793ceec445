using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersPayant.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Claims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "claim_id",
                table: "equipment",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "claims",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    practice_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    request_hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    beneficiary_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    agreement_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    domain = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    care_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    total_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    amo_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    amc_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    patient_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    reasons = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    lines_json = table.Column<string>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    cancelled_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    paid_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_claims", x => x.id);
                    table.ForeignKey(
                        name: "FK_claims_beneficiaries_beneficiary_id",
                        column: x => x.beneficiary_id,
                        principalTable: "beneficiaries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_claims_practices_practice_id",
                        column: x => x.practice_id,
                        principalTable: "practices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_claims_agreement_number",
                table: "claims",
                column: "agreement_number");

            migrationBuilder.CreateIndex(
                name: "IX_claims_beneficiary_id_care_date",
                table: "claims",
                columns: new[] { "beneficiary_id", "care_date" });

            migrationBuilder.CreateIndex(
                name: "IX_claims_number",
                table: "claims",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_claims_practice_id_created_at",
                table: "claims",
                columns: new[] { "practice_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_claims_practice_id_idempotency_key",
                table: "claims",
                columns: new[] { "practice_id", "idempotency_key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "claims");

            migrationBuilder.DropColumn(
                name: "claim_id",
                table: "equipment");
        }
    }
}
