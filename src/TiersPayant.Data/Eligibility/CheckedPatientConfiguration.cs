using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiersPayant.Data.Eligibility;

/// <summary>Checked patients, found by handle within their session.</summary>
internal sealed class CheckedPatientConfiguration : IEntityTypeConfiguration<CheckedPatientRecord>
{
    public void Configure(EntityTypeBuilder<CheckedPatientRecord> builder)
    {
        builder.ToTable("checked_patients");
        builder.Property(c => c.CheckReference).HasMaxLength(40);
        builder.Property(c => c.Domains).HasMaxLength(200);
        builder.HasIndex(c => c.SessionId);
        builder.HasIndex(c => c.ExpiresAt);
    }
}
