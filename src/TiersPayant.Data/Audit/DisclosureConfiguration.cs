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
        builder.HasOne<BeneficiaryRecord>().WithMany().HasForeignKey(d => d.BeneficiaryId).OnDelete(DeleteBehavior.Restrict);
    }
}
