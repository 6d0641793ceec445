using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiersPayant.Data.Members;

/// <summary>Beneficiaries, sealed: found only through their blind indexes.</summary>
internal sealed class BeneficiaryConfiguration : IEntityTypeConfiguration<BeneficiaryRecord>
{
    public void Configure(EntityTypeBuilder<BeneficiaryRecord> builder)
    {
        builder.ToTable("beneficiaries");
        builder.HasOne<InsurerRecord>().WithMany().HasForeignKey(b => b.InsurerAmc).OnDelete(DeleteBehavior.Restrict);
        builder.Property(b => b.MemberIndex).HasMaxLength(32);
        builder.Property(b => b.IdentityIndex).HasMaxLength(32);
        builder.Property(b => b.NirIndex).HasMaxLength(32);
        builder.Property(b => b.Relationship).HasMaxLength(10);
        builder.Property(b => b.ContractCode).HasMaxLength(30);
        builder.HasIndex(b => b.IdentityIndex).IsUnique();
        builder.HasIndex(b => b.MemberIndex);
        builder.HasIndex(b => b.NirIndex);
    }
}
