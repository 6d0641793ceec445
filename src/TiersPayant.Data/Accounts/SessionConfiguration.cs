using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiersPayant.Data.Accounts;

/// <summary>Portal sessions, found by token hash.</summary>
public sealed class SessionConfiguration : IEntityTypeConfiguration<SessionRecord>
{
    public void Configure(EntityTypeBuilder<SessionRecord> builder)
    {
        builder.ToTable("sessions");
        builder.Property(s => s.TokenHash).HasMaxLength(32);
        builder.Property(s => s.Method).HasMaxLength(30);
        builder.Property(s => s.EndedReason).HasMaxLength(30);
        builder.Property(s => s.Device).HasMaxLength(100);
        builder.Property(s => s.SourceAddress).HasMaxLength(45);
        builder.Property(s => s.Network).HasMaxLength(50);
        builder.HasIndex(s => s.TokenHash).IsUnique();
        builder.HasIndex(s => new { s.AccountId, s.EndedAt });
        builder.HasOne<AccountRecord>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
