using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersPayant.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class GuardedPath : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "disclosures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor_kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    client_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    practice_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    session_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    source_address = table.Column<string>(type: "TEXT", maxLength: 45, nullable: false),
                    beneficiary_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    insurer_amc = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    fields = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disclosures", x => x.id);
                    table.ForeignKey(
                        name: "FK_disclosures_beneficiaries_beneficiary_id",
                        column: x => x.beneficiary_id,
                        principalTable: "beneficiaries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "eligibility_checks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    practice_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    beneficiary_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    care_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    domains = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_eligibility_checks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "match_failures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    actor_key = table.Column<string>(type: "TEXT", maxLength: 110, nullable: false),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_match_failures", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_disclosures_account_id_occurred_at",
                table: "disclosures",
                columns: new[] { "account_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "IX_disclosures_beneficiary_id_occurred_at",
                table: "disclosures",
                columns: new[] { "beneficiary_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "IX_disclosures_client_id_occurred_at",
                table: "disclosures",
                columns: new[] { "client_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "IX_disclosures_occurred_at",
                table: "disclosures",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "IX_disclosures_practice_id_occurred_at",
                table: "disclosures",
                columns: new[] { "practice_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "IX_eligibility_checks_practice_id_occurred_at",
                table: "eligibility_checks",
                columns: new[] { "practice_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "IX_eligibility_checks_reference",
                table: "eligibility_checks",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_match_failures_actor_key_occurred_at",
                table: "match_failures",
                columns: new[] { "actor_key", "occurred_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "disclosures");

            migrationBuilder.DropTable(
                name: "eligibility_checks");

            migrationBuilder.DropTable(
                name: "match_failures");
        }
    }
}
