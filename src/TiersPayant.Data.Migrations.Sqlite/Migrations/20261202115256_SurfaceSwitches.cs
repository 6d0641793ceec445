using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersPayant.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SurfaceSwitches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "detail",
                table: "guard_events",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "switches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    surface = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    level = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    target = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    closed_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    closed_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_switches", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_switches_surface_level_target",
                table: "switches",
                columns: new[] { "surface", "level", "target" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "switches");

            migrationBuilder.DropColumn(
                name: "detail",
                table: "guard_events");
        }
    }
}
