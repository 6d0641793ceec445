using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersPayant.Data.Accounts;
using TiersPayant.Data.Members;
using TiersPayant.Domain.Claims;

namespace TiersPayant.Data.Claims;

/// <summary>Invoices, unique per practice and idempotency key.</summary>
public sealed class ClaimConfiguration : IEntityTypeConfiguration<ClaimRecord>
{
    public void Configure(EntityTypeBuilder<ClaimRecord> builder)
    {
        builder.ToTable("claims");
        builder.Property(c => c.Number).HasMaxLength(20);
        builder.Property(c => c.IdempotencyKey).HasMaxLength(100);
        builder.Property(c => c.RequestHash).HasMaxLength(32);
        builder.Property(c => c.AgreementNumber).HasMaxLength(20);
        builder.Property(c => c.Domain).HasMaxLength(30);
        builder.Property(c => c.Status).HasConversion(s => s.Code(), code => ClaimStatuses.Parse(code)).HasMaxLength(20);
        builder.Property(c => c.Reasons).HasMaxLength(1000);
        builder.Property(c => c.Channel).HasMaxLength(10);
        builder.Property(c => c.InsurerAmc).HasMaxLength(10);
        builder.HasIndex(c => new { c.Status, c.PaidAt });
        builder.HasIndex(c => c.Number).IsUnique();
        builder.HasIndex(c => new { c.PracticeId, c.IdempotencyKey }).IsUnique();
        builder.HasIndex(c => new { c.PracticeId, c.CreatedAt });
        builder.HasIndex(c => new { c.BeneficiaryId, c.CareDate });
        builder.HasIndex(c => c.AgreementNumber);
        builder.HasOne<BeneficiaryRecord>().WithMany().HasForeignKey(c => c.BeneficiaryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PracticeRecord>().WithMany().HasForeignKey(c => c.PracticeId).OnDelete(DeleteBehavior.Restrict);
    }
}
