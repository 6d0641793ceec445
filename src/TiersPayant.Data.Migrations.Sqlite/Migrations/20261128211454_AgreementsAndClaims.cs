using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersPayant.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AgreementsAndClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "agreements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    practice_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    beneficiary_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    domain = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    care_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    valid_until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    total_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    amo_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    amc_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    patient_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    reasons = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    missing_documents = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    lines_json = table.Column<string>(type: "TEXT", nullable: false),
                    rules_edition = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    new_prescription = table.Column<bool>(type: "INTEGER", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    reviewed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    reviewed_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    insurer_amc = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agreements", x => x.id);
                    table.ForeignKey(
                        name: "FK_agreements_beneficiaries_beneficiary_id",
                        column: x => x.beneficiary_id,
                        principalTable: "beneficiaries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_agreements_practices_practice_id",
                        column: x => x.practice_id,
                        principalTable: "practices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

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

            migrationBuilder.CreateTable(
                name: "equipment",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    beneficiary_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    domain = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    side = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    delivered_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    with_new_prescription = table.Column<bool>(type: "INTEGER", nullable: false),
                    insurer_paid_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    claim_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_equipment", x => x.id);
                    table.ForeignKey(
                        name: "FK_equipment_beneficiaries_beneficiary_id",
                        column: x => x.beneficiary_id,
                        principalTable: "beneficiaries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_agreements_beneficiary_id",
                table: "agreements",
                column: "beneficiary_id");

            migrationBuilder.CreateIndex(
                name: "IX_agreements_insurer_amc_status",
                table: "agreements",
                columns: new[] { "insurer_amc", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_agreements_number",
                table: "agreements",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_agreements_practice_id_created_at",
                table: "agreements",
                columns: new[] { "practice_id", "created_at" });

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

            migrationBuilder.CreateIndex(
                name: "IX_equipment_beneficiary_id_domain",
                table: "equipment",
                columns: new[] { "beneficiary_id", "domain" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agreements");

            migrationBuilder.DropTable(
                name: "claims");

            migrationBuilder.DropTable(
                name: "equipment");
        }
    }
}
