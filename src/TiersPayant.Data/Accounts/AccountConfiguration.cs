using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiersPayant.Data.Accounts;

/// <summary>Identity's users with the platform's columns.</summary>
public sealed class AccountConfiguration : IEntityTypeConfiguration<AccountRecord>
{
    public void Configure(EntityTypeBuilder<AccountRecord> builder)
    {
        // Identity names it AspNetUsers explicitly: the naming convention leaves explicit names alone.
        builder.ToTable("asp_net_users");
        builder.Property(a => a.Kind).HasMaxLength(20);
        builder.Property(a => a.DisplayName).HasMaxLength(200);
        builder.Property(a => a.Rpps).HasMaxLength(11);
        builder.Property(a => a.InsurerAmc).HasMaxLength(10);
        builder.HasIndex(a => a.Rpps).IsUnique();
        builder.HasIndex(a => a.PracticeId);
        builder.HasOne<PracticeRecord>().WithMany().HasForeignKey(a => a.PracticeId).OnDelete(DeleteBehavior.Restrict);
    }
}
