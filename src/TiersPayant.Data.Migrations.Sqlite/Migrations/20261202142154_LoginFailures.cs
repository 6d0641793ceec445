using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersPayant.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LoginFailures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "login_failures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    login_tag = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    network = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_login_failures", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_login_failures_login_tag_occurred_at",
                table: "login_failures",
                columns: new[] { "login_tag", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "IX_login_failures_network_occurred_at",
                table: "login_failures",
                columns: new[] { "network", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "IX_login_failures_occurred_at",
                table: "login_failures",
                column: "occurred_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "login_failures");
        }
    }
}
