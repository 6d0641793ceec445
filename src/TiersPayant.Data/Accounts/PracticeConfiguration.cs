using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiersPayant.Data.Accounts;

/// <summary>Practices, one billing number each.</summary>
public sealed class PracticeConfiguration : IEntityTypeConfiguration<PracticeRecord>
{
    public void Configure(EntityTypeBuilder<PracticeRecord> builder)
    {
        builder.ToTable("practices");
        builder.Property(p => p.Profession).HasMaxLength(30);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.City).HasMaxLength(100);
        builder.Property(p => p.BillingNumber).HasMaxLength(9);
        builder.Property(p => p.Finess).HasMaxLength(9);
        builder.Property(p => p.Iban).HasMaxLength(34);
        builder.Property(p => p.Bic).HasMaxLength(11);
        builder.HasIndex(p => p.BillingNumber).IsUnique();
    }
}
