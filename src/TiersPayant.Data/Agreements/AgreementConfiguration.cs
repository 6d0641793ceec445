using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersPayant.Data.Accounts;
using TiersPayant.Data.Members;
using TiersPayant.Domain.Agreements;

namespace TiersPayant.Data.Agreements;

/// <summary>Prior agreements.</summary>
public sealed class AgreementConfiguration : IEntityTypeConfiguration<AgreementRecord>
{
    public void Configure(EntityTypeBuilder<AgreementRecord> builder)
    {
        builder.ToTable("agreements");
        builder.Property(a => a.Number).HasMaxLength(20);
        builder.Property(a => a.Domain).HasMaxLength(30);
        builder.Property(a => a.Status).HasConversion(s => s.Code(), code => AgreementStatuses.Parse(code)).HasMaxLength(20);
        builder.Property(a => a.Reasons).HasMaxLength(1000);
        builder.Property(a => a.MissingDocuments).HasMaxLength(200);
        builder.Property(a => a.RulesEdition).HasMaxLength(50);
        builder.Property(a => a.Channel).HasMaxLength(10);
        builder.HasIndex(a => a.Number).IsUnique();
        builder.HasIndex(a => new { a.PracticeId, a.CreatedAt });
        builder.HasIndex(a => a.BeneficiaryId);
        builder.Property(a => a.InsurerAmc).HasMaxLength(10);
        builder.HasIndex(a => new { a.InsurerAmc, a.Status });
        builder.HasOne<BeneficiaryRecord>().WithMany().HasForeignKey(a => a.BeneficiaryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PracticeRecord>().WithMany().HasForeignKey(a => a.PracticeId).OnDelete(DeleteBehavior.Restrict);
    }
}
