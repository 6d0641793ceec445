using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersPayant.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CheckedPatients : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "checked_patients",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    session_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    practice_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    check_reference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    care_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    domains = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    presented_cipher = table.Column<byte[]>(type: "BLOB", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_checked_patients", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_checked_patients_expires_at",
                table: "checked_patients",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "IX_checked_patients_session_id",
                table: "checked_patients",
                column: "session_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "checked_patients");
        }
    }
}
