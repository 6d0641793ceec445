using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiersPayant.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddClaimBatchJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "claim_batch_jobs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    practice_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    client_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    source_address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    request_hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    upload_length = table.Column<long>(type: "INTEGER", nullable: false),
                    upload_chunks = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    lease_owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    lease_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    lines = table.Column<long>(type: "INTEGER", nullable: false),
                    invoices = table.Column<long>(type: "INTEGER", nullable: false),
                    accepted = table.Column<long>(type: "INTEGER", nullable: false),
                    rejected = table.Column<long>(type: "INTEGER", nullable: false),
                    not_adjudicated = table.Column<long>(type: "INTEGER", nullable: false),
                    already_imported = table.Column<long>(type: "INTEGER", nullable: false),
                    errors = table.Column<string>(type: "TEXT", nullable: false),
                    error_count = table.Column<long>(type: "INTEGER", nullable: false),
                    failure = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    results = table.Column<byte[]>(type: "BLOB", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_claim_batch_jobs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "claim_batch_upload_chunks",
                columns: table => new
                {
                    job_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    index = table.Column<int>(type: "INTEGER", nullable: false),
                    key_id = table.Column<long>(type: "INTEGER", nullable: false),
                    content_cipher = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_claim_batch_upload_chunks", x => new { x.job_id, x.index });
                    table.ForeignKey(
                        name: "FK_claim_batch_upload_chunks_claim_batch_jobs_job_id",
                        column: x => x.job_id,
                        principalTable: "claim_batch_jobs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_claim_batch_jobs_practice_id_idempotency_key",
                table: "claim_batch_jobs",
                columns: new[] { "practice_id", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_claim_batch_jobs_status_created_at",
                table: "claim_batch_jobs",
                columns: new[] { "status", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "claim_batch_upload_chunks");

            migrationBuilder.DropTable(
                name: "claim_batch_jobs");
        }
    }
}
