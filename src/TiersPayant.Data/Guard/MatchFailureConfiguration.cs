using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiersPayant.Data.Guard;

/// <summary>Failed matches, counted per caller.</summary>
internal sealed class MatchFailureConfiguration : IEntityTypeConfiguration<MatchFailureRecord>
{
    public void Configure(EntityTypeBuilder<MatchFailureRecord> builder)
    {
        builder.ToTable("match_failures");
        builder.Property(m => m.ActorKey).HasMaxLength(110);
        builder.Property(m => m.Network).HasMaxLength(50);
        builder.Property(m => m.MemberTag).HasMaxLength(16);
        builder.Property(m => m.BlockTag).HasMaxLength(16);
        builder.Property(m => m.BirthTag).HasMaxLength(16);
        builder.HasIndex(m => new { m.ActorKey, m.OccurredAt });
    }
}
