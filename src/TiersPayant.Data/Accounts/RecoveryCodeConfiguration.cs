using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiersPayant.Data.Accounts;

/// <summary>Recovery codes, by keyed hash, per account.</summary>
public sealed class RecoveryCodeConfiguration : IEntityTypeConfiguration<RecoveryCodeRecord>
{
    public void Configure(EntityTypeBuilder<RecoveryCodeRecord> builder)
    {
        builder.ToTable("recovery_codes");
        builder.Property(r => r.CodeHash).HasMaxLength(32);
        builder.HasIndex(r => new { r.AccountId, r.CodeHash }).IsUnique();
        builder.HasOne<AccountRecord>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
