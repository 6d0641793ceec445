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

/// <summary>Failed password steps, counted by time, network and login tag.</summary>
internal sealed class LoginFailureConfiguration : IEntityTypeConfiguration<LoginFailureRecord>
{
    public void Configure(EntityTypeBuilder<LoginFailureRecord> builder)
    {
        builder.ToTable("login_failures");
        builder.Property(f => f.LoginTag).HasMaxLength(16);
        builder.Property(f => f.Network).HasMaxLength(50);
        builder.HasIndex(f => f.OccurredAt);
        builder.HasIndex(f => new { f.Network, f.OccurredAt });
        builder.HasIndex(f => new { f.LoginTag, f.OccurredAt });
    }
}
