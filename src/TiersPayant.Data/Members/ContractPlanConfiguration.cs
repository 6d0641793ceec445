using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiersPayant.Data.Members;

/// <summary>An insurer's contracts and their guarantees.</summary>
public sealed class ContractPlanConfiguration : IEntityTypeConfiguration<ContractPlanRecord>
{
    public void Configure(EntityTypeBuilder<ContractPlanRecord> builder)
    {
        builder.ToTable("contract_plans");
        builder.Property(c => c.Code).HasMaxLength(30);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.HasIndex(c => new { c.InsurerAmc, c.Code }).IsUnique();
        builder.HasMany(c => c.Guarantees).WithOne().HasForeignKey(g => g.ContractPlanId);
    }
}
