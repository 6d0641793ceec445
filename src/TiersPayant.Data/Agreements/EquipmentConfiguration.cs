using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersPayant.Data.Members;

namespace TiersPayant.Data.Agreements;

/// <summary>Equipment history per beneficiary and domain.</summary>
public sealed class EquipmentConfiguration : IEntityTypeConfiguration<EquipmentRecord>
{
    public void Configure(EntityTypeBuilder<EquipmentRecord> builder)
    {
        builder.ToTable("equipment");
        builder.Property(q => q.Domain).HasMaxLength(30);
        builder.Property(q => q.Kind).HasMaxLength(30);
        builder.Property(q => q.Side).HasMaxLength(10);
        builder.HasIndex(q => new { q.BeneficiaryId, q.Domain });
        builder.HasOne<BeneficiaryRecord>().WithMany().HasForeignKey(q => q.BeneficiaryId).OnDelete(DeleteBehavior.Cascade);
    }
}
