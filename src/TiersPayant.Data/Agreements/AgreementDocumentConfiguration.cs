using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiersPayant.Data.Agreements;

/// <summary>Documents attached to prior agreements, encrypted.</summary>
internal sealed class AgreementDocumentConfiguration : IEntityTypeConfiguration<AgreementDocumentRecord>
{
    public void Configure(EntityTypeBuilder<AgreementDocumentRecord> builder)
    {
        builder.ToTable("agreement_documents");
        builder.Property(d => d.Kind).HasMaxLength(20);
        builder.Property(d => d.MediaType).HasMaxLength(40);
        builder.HasIndex(d => d.AgreementId);
        builder.HasIndex(d => d.KeyId);
        builder.HasOne<AgreementRecord>().WithMany().HasForeignKey(d => d.AgreementId).OnDelete(DeleteBehavior.Restrict);
    }
}
