using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersPayant.Data.Migrations.Postgres.Migrations
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    login_tag = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    network = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false)
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
