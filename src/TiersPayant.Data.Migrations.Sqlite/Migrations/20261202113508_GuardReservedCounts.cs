using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersPayant.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class GuardReservedCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "guard_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    decision = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    actor_kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    client_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    practice_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    channel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    source_address = table.Column<string>(type: "TEXT", maxLength: 45, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guard_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "guard_reach",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    scope = table.Column<string>(type: "TEXT", maxLength: 110, nullable: false),
                    beneficiary_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    first_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guard_reach", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "guard_scopes",
                columns: table => new
                {
                    scope = table.Column<string>(type: "TEXT", maxLength: 110, nullable: false),
                    decisions = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guard_scopes", x => x.scope);
                });

            migrationBuilder.CreateIndex(
                name: "IX_guard_events_account_id_occurred_at",
                table: "guard_events",
                columns: new[] { "account_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "IX_guard_events_occurred_at",
                table: "guard_events",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "IX_guard_events_practice_id_occurred_at",
                table: "guard_events",
                columns: new[] { "practice_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "IX_guard_reach_scope_beneficiary_id_first_at",
                table: "guard_reach",
                columns: new[] { "scope", "beneficiary_id", "first_at" });

            migrationBuilder.CreateIndex(
                name: "IX_guard_reach_scope_first_at",
                table: "guard_reach",
                columns: new[] { "scope", "first_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "guard_events");

            migrationBuilder.DropTable(
                name: "guard_reach");

            migrationBuilder.DropTable(
                name: "guard_scopes");
        }
    }
}
