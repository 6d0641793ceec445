using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiersPayant.Data.Members;

/// <summary>What a contract pays, one row per care domain.</summary>
public sealed class GuaranteeConfiguration : IEntityTypeConfiguration<GuaranteeRecord>
{
    public void Configure(EntityTypeBuilder<GuaranteeRecord> builder)
    {
        builder.ToTable("guarantees");
        builder.Property(g => g.Domain).HasMaxLength(30);
        builder.HasIndex(g => new { g.ContractPlanId, g.Domain }).IsUnique();
    }
}
