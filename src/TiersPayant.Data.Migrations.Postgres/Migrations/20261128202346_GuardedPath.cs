using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersPayant.Data.Migrations.Postgres.Migrations
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actor_kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: true),
                    client_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    practice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: true),
                    source_address = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: false),
                    beneficiary_id = table.Column<Guid>(type: "uuid", nullable: false),
                    insurer_amc = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    fields = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    purpose = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    reference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    reference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    practice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    beneficiary_id = table.Column<Guid>(type: "uuid", nullable: true),
                    care_date = table.Column<DateOnly>(type: "date", nullable: false),
                    domains = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_eligibility_checks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "match_failures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    actor_key = table.Column<string>(type: "character varying(110)", maxLength: 110, nullable: false),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
