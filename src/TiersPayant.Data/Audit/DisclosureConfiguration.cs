using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersPayant.Data.Members;

namespace TiersPayant.Data.Audit;

/// <summary>The disclosure log, indexed for each way it is read.</summary>
internal sealed class DisclosureConfiguration : IEntityTypeConfiguration<DisclosureRecord>
{
    public void Configure(EntityTypeBuilder<DisclosureRecord> builder)
    {
        builder.ToTable("disclosures");
        builder.Property(d => d.ActorKind).HasMaxLength(10);
        builder.Property(d => d.ClientId).HasMaxLength(100);
        builder.Property(d => d.SourceAddress).HasMaxLength(45);
        builder.Property(d => d.InsurerAmc).HasMaxLength(10);
        builder.Property(d => d.Fields).HasMaxLength(300);
        builder.Property(d => d.Purpose).HasMaxLength(20);
        builder.Property(d => d.Role).HasMaxLength(30);
        builder.Property(d => d.Channel).HasMaxLength(10);
        builder.Property(d => d.Reference).HasMaxLength(40);
        builder.HasIndex(d => new { d.AccountId, d.OccurredAt });
        builder.HasIndex(d => new { d.ClientId, d.OccurredAt });
        builder.HasIndex(d => new { d.PracticeId, d.OccurredAt });
        builder.HasIndex(d => new { d.BeneficiaryId, d.OccurredAt });
        builder.HasIndex(d => d.OccurredAt);
        builder.HasIndex(d => d.Seq).IsUnique();
        builder.Property(d => d.LeafHash).HasMaxLength(32);
        builder.HasOne<BeneficiaryRecord>().WithMany().HasForeignKey(d => d.BeneficiaryId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The Merkle log's head: one row, locked by every append.</summary>
internal sealed class AuditHeadConfiguration : IEntityTypeConfiguration<AuditHeadRecord>
{
    public void Configure(EntityTypeBuilder<AuditHeadRecord> builder)
    {
        builder.ToTable("audit_heads");
        builder.Property(h => h.Id).ValueGeneratedNever();
    }
}

/// <summary>Hashes of the log's full 256^L-leaf subtrees, by level and index.</summary>
internal sealed class AuditSubtreeConfiguration : IEntityTypeConfiguration<AuditSubtreeRecord>
{
    public void Configure(EntityTypeBuilder<AuditSubtreeRecord> builder)
    {
        builder.ToTable("audit_subtrees");
        builder.HasKey(s => new { s.Level, s.Index });
        builder.Property(s => s.Hash).HasMaxLength(32);
    }
}

/// <summary>The signed checkpoints, by tree size.</summary>
internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpointRecord>
{
    public void Configure(EntityTypeBuilder<AuditCheckpointRecord> builder)
    {
        builder.ToTable("audit_checkpoints");
        builder.HasKey(c => c.Size);
        builder.Property(c => c.Size).ValueGeneratedNever();
        builder.Property(c => c.Root).HasMaxLength(32);
        builder.Property(c => c.Note).HasMaxLength(2000);
    }
}

/// <summary>Recorded breaches, newest first on the DPO's page.</summary>
internal sealed class BreachConfiguration : IEntityTypeConfiguration<BreachRecord>
{
    public void Configure(EntityTypeBuilder<BreachRecord> builder)
    {
        builder.ToTable("breaches");
        builder.Property(b => b.RecordedBy).HasMaxLength(256);
        builder.Property(b => b.Nature).HasMaxLength(4000);
        builder.Property(b => b.Measures).HasMaxLength(4000);
        builder.Property(b => b.Contact).HasMaxLength(500);
        builder.Property(b => b.Criteria).HasMaxLength(20000);
        builder.HasIndex(b => b.RecordedAt);
    }
}
