using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersPayant.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Breaches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "breaches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    nature = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    measures = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    contact = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    criteria = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_breaches", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_breaches_recorded_at",
                table: "breaches",
                column: "recorded_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "breaches");
        }
    }
}
