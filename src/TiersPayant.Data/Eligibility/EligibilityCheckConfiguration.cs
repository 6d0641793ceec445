using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersPayant.Domain.Eligibility;

namespace TiersPayant.Data.Eligibility;

/// <summary>Rights checks, by reference.</summary>
public sealed class EligibilityCheckConfiguration : IEntityTypeConfiguration<EligibilityCheckRecord>
{
    public void Configure(EntityTypeBuilder<EligibilityCheckRecord> builder)
    {
        builder.ToTable("eligibility_checks");
        builder.Property(c => c.Reference).HasMaxLength(40);
        builder.Property(c => c.Channel).HasMaxLength(10);
        builder.Property(c => c.Status).HasConversion(s => s.Code(), code => EligibilityStatuses.Parse(code)).HasMaxLength(20);
        builder.Property(c => c.Domains).HasMaxLength(200);
        builder.HasIndex(c => c.Reference).IsUnique();
        builder.HasIndex(c => new { c.PracticeId, c.OccurredAt });
    }
}
