using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersPayant.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Foundation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "insurers",
                columns: table => new
                {
                    amc = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    convention_type = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    routing_criterion = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_insurers", x => x.amc);
                });

            migrationBuilder.CreateTable(
                name: "platform_settings",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_settings", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "practices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    profession = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    city = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    billing_number = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    finess = table.Column<string>(type: "TEXT", maxLength: 9, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_practices", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "beneficiaries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    insurer_amc = table.Column<string>(type: "TEXT", nullable: false),
                    member_index = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    identity_index = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    nir_index = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    nir_cipher = table.Column<byte[]>(type: "BLOB", nullable: false),
                    identity_cipher = table.Column<byte[]>(type: "BLOB", nullable: false),
                    birth_rank = table.Column<int>(type: "INTEGER", nullable: false),
                    relationship = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    contract_code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    rights_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    rights_to = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_beneficiaries", x => x.id);
                    table.ForeignKey(
                        name: "FK_beneficiaries_insurers_insurer_amc",
                        column: x => x.insurer_amc,
                        principalTable: "insurers",
                        principalColumn: "amc",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "contract_plans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    insurer_amc = table.Column<string>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    responsible = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contract_plans", x => x.id);
                    table.ForeignKey(
                        name: "FK_contract_plans_insurers_insurer_amc",
                        column: x => x.insurer_amc,
                        principalTable: "insurers",
                        principalColumn: "amc",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "guarantees",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    contract_plan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    domain = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    percent_of_base = table.Column<int>(type: "INTEGER", nullable: false),
                    yearly_allowance_cents = table.Column<long>(type: "INTEGER", nullable: true),
                    valid_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guarantees", x => x.id);
                    table.ForeignKey(
                        name: "FK_guarantees_contract_plans_contract_plan_id",
                        column: x => x.contract_plan_id,
                        principalTable: "contract_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_beneficiaries_identity_index",
                table: "beneficiaries",
                column: "identity_index",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_beneficiaries_insurer_amc",
                table: "beneficiaries",
                column: "insurer_amc");

            migrationBuilder.CreateIndex(
                name: "IX_beneficiaries_member_index",
                table: "beneficiaries",
                column: "member_index");

            migrationBuilder.CreateIndex(
                name: "IX_beneficiaries_nir_index",
                table: "beneficiaries",
                column: "nir_index");

            migrationBuilder.CreateIndex(
                name: "IX_contract_plans_insurer_amc_code",
                table: "contract_plans",
                columns: new[] { "insurer_amc", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_guarantees_contract_plan_id_domain",
                table: "guarantees",
                columns: new[] { "contract_plan_id", "domain" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_practices_billing_number",
                table: "practices",
                column: "billing_number",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "beneficiaries");

            migrationBuilder.DropTable(
                name: "guarantees");

            migrationBuilder.DropTable(
                name: "platform_settings");

            migrationBuilder.DropTable(
                name: "practices");

            migrationBuilder.DropTable(
                name: "contract_plans");

            migrationBuilder.DropTable(
                name: "insurers");
        }
    }
}
