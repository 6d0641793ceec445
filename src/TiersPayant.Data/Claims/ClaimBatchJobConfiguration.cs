using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiersPayant.Data.Claims;

/// <summary>Invoice-file jobs, unique per practice and idempotency key; found by status and lease when a node looks for work.</summary>
public sealed class ClaimBatchJobConfiguration : IEntityTypeConfiguration<ClaimBatchJobRecord>
{
    public void Configure(EntityTypeBuilder<ClaimBatchJobRecord> builder)
    {
        builder.ToTable("claim_batch_jobs");
        builder.Property(j => j.ClientId).HasMaxLength(100);
        builder.Property(j => j.SourceAddress).HasMaxLength(64);
        builder.Property(j => j.IdempotencyKey).HasMaxLength(100);
        builder.Property(j => j.RequestHash).HasMaxLength(32);
        builder.Property(j => j.Status).HasMaxLength(10);
        builder.Property(j => j.LeaseOwner).HasMaxLength(200);
        builder.Property(j => j.Failure).HasMaxLength(500);
        builder.HasIndex(j => new { j.PracticeId, j.IdempotencyKey }).IsUnique();
        builder.HasIndex(j => new { j.Status, j.CreatedAt });
    }
}

/// <summary>The encrypted chunks of uploaded invoice files.</summary>
internal sealed class ClaimBatchUploadChunkConfiguration : IEntityTypeConfiguration<ClaimBatchUploadChunkRecord>
{
    public void Configure(EntityTypeBuilder<ClaimBatchUploadChunkRecord> builder)
    {
        builder.ToTable("claim_batch_upload_chunks");
        builder.HasKey(c => new { c.JobId, c.Index });
        builder.HasOne<ClaimBatchJobRecord>().WithMany().HasForeignKey(c => c.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
