using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiersPayant.Data.Accounts;

/// <summary>Failed logins per address hash and window.</summary>
public sealed class AddressFailureConfiguration : IEntityTypeConfiguration<AddressFailureRecord>
{
    public void Configure(EntityTypeBuilder<AddressFailureRecord> builder)
    {
        builder.ToTable("address_failures");
        builder.HasKey(a => new { a.AddressHash, a.WindowStart });
        builder.Property(a => a.AddressHash).HasMaxLength(32);
    }
}
