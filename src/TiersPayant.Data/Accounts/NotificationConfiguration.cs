using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiersPayant.Data.Accounts;

/// <summary>Messages for account holders.</summary>
public sealed class NotificationConfiguration : IEntityTypeConfiguration<NotificationRecord>
{
    public void Configure(EntityTypeBuilder<NotificationRecord> builder)
    {
        builder.ToTable("notifications");
        builder.Property(n => n.Kind).HasMaxLength(40);
        builder.Property(n => n.Detail).HasMaxLength(500);
        builder.HasIndex(n => new { n.AccountId, n.ShownAt });
        builder.HasOne<AccountRecord>().WithMany().HasForeignKey(n => n.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
