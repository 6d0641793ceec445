using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiersPayant.Data.Accounts;

/// <summary>Security events about accounts.</summary>
public sealed class SecurityEventConfiguration : IEntityTypeConfiguration<SecurityEventRecord>
{
    public void Configure(EntityTypeBuilder<SecurityEventRecord> builder)
    {
        builder.ToTable("security_events");
        builder.Property(v => v.Kind).HasMaxLength(40);
        builder.Property(v => v.Detail).HasMaxLength(300);
        builder.HasIndex(v => v.AccountId);
        builder.HasOne<AccountRecord>().WithMany().HasForeignKey(v => v.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
