using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersPayant.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class GuardDetection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "guard_step_up_at",
                table: "sessions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "verified_at",
                table: "sessions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "birth_tag",
                table: "match_failures",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "block_tag",
                table: "match_failures",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "member_tag",
                table: "match_failures",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "network",
                table: "match_failures",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "block_tag",
                table: "guard_reach",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "member_tag",
                table: "guard_reach",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "network",
                table: "guard_reach",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "guard_baselines",
                columns: table => new
                {
                    scope = table.Column<string>(type: "character varying(110)", maxLength: 110, nullable: false),
                    profession = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    active_days = table.Column<int>(type: "integer", nullable: false),
                    max_ten_minutes = table.Column<int>(type: "integer", nullable: false),
                    max_hourly = table.Column<int>(type: "integer", nullable: false),
                    max_daily = table.Column<int>(type: "integer", nullable: false),
                    hours = table.Column<string>(type: "character varying(168)", maxLength: 168, nullable: false),
                    networks = table.Column<string>(type: "character varying(1100)", maxLength: 1100, nullable: false),
                    follow_up_per_mille = table.Column<int>(type: "integer", nullable: false),
                    computed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guard_baselines", x => x.scope);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "guard_baselines");

            migrationBuilder.DropColumn(
                name: "guard_step_up_at",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "verified_at",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "birth_tag",
                table: "match_failures");

            migrationBuilder.DropColumn(
                name: "block_tag",
                table: "match_failures");

            migrationBuilder.DropColumn(
                name: "member_tag",
                table: "match_failures");

            migrationBuilder.DropColumn(
                name: "network",
                table: "match_failures");

            migrationBuilder.DropColumn(
                name: "block_tag",
                table: "guard_reach");

            migrationBuilder.DropColumn(
                name: "member_tag",
                table: "guard_reach");

            migrationBuilder.DropColumn(
                name: "network",
                table: "guard_reach");
        }
    }
}
