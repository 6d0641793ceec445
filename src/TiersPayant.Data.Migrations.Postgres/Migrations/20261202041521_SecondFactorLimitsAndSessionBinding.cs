using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersPayant.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SecondFactorLimitsAndSessionBinding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "network",
                table: "sessions",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "step_up_asked_at",
                table: "sessions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "failed_logins",
                table: "known_devices",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "wait_until",
                table: "known_devices",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "second_factor_failures",
                table: "asp_net_users",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "second_factor_suspended_at",
                table: "asp_net_users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "second_factor_wait_until",
                table: "asp_net_users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "security_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    detail = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_security_events", x => x.id);
                    table.ForeignKey(
                        name: "FK_security_events_asp_net_users_account_id",
                        column: x => x.account_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_security_events_account_id",
                table: "security_events",
                column: "account_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "security_events");

            migrationBuilder.DropColumn(
                name: "network",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "step_up_asked_at",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "failed_logins",
                table: "known_devices");

            migrationBuilder.DropColumn(
                name: "wait_until",
                table: "known_devices");

            migrationBuilder.DropColumn(
                name: "second_factor_failures",
                table: "asp_net_users");

            migrationBuilder.DropColumn(
                name: "second_factor_suspended_at",
                table: "asp_net_users");

            migrationBuilder.DropColumn(
                name: "second_factor_wait_until",
                table: "asp_net_users");
        }
    }
}
