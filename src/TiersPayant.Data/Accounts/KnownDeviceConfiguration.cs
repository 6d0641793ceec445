using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiersPayant.Data.Accounts;

/// <summary>Browsers known to an account.</summary>
public sealed class KnownDeviceConfiguration : IEntityTypeConfiguration<KnownDeviceRecord>
{
    public void Configure(EntityTypeBuilder<KnownDeviceRecord> builder)
    {
        builder.ToTable("known_devices");
        builder.Property(d => d.DeviceHash).HasMaxLength(32);
        builder.HasIndex(d => new { d.AccountId, d.DeviceHash }).IsUnique();
        builder.HasOne<AccountRecord>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
