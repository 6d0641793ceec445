using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiersPayant.Data.Accounts;

/// <summary>The platform's columns of Identity's users.</summary>
public sealed class AccountConfiguration : IEntityTypeConfiguration<AccountRecord>
{
    public void Configure(EntityTypeBuilder<AccountRecord> builder)
    {
        builder.Property(a => a.Kind).HasMaxLength(20);
        builder.Property(a => a.DisplayName).HasMaxLength(200);
        builder.Property(a => a.Rpps).HasMaxLength(11);
        builder.Property(a => a.InsurerAmc).HasMaxLength(10);
        builder.HasIndex(a => a.Rpps).IsUnique();
        builder.HasIndex(a => a.PracticeId);
        builder.HasOne<PracticeRecord>().WithMany().HasForeignKey(a => a.PracticeId).OnDelete(DeleteBehavior.Restrict);
    }
}
