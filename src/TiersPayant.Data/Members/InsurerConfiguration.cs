using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiersPayant.Data.Members;

/// <summary>The insurers (AMC) and their contracts.</summary>
public sealed class InsurerConfiguration : IEntityTypeConfiguration<InsurerRecord>
{
    public void Configure(EntityTypeBuilder<InsurerRecord> builder)
    {
        builder.ToTable("insurers");
        builder.HasKey(i => i.Amc);
        builder.Property(i => i.Amc).HasMaxLength(10);
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.Property(i => i.ConventionType).HasMaxLength(50);
        builder.Property(i => i.RoutingCriterion).HasMaxLength(50);
        builder.Property(i => i.Iban).HasMaxLength(34);
        builder.Property(i => i.Bic).HasMaxLength(11);
        builder.Property(i => i.MandateId).HasMaxLength(35);
        builder.HasMany(i => i.Contracts).WithOne().HasForeignKey(c => c.InsurerAmc);
    }
}
