using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Accounts;
using TiersPayant.Data.Agreements;
using TiersPayant.Data.Audit;
using TiersPayant.Data.Claims;
using TiersPayant.Data.Eligibility;
using TiersPayant.Data.Guard;
using TiersPayant.Data.Members;

namespace TiersPayant.Data.Configuration;

/// <summary>Tables of the guarded data path: disclosures, failed matches, rights checks.</summary>
internal static class GuardedPathModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DisclosureRecord>(e =>
        {
            e.ToTable("disclosures");
            e.Property(d => d.ActorKind).HasMaxLength(10);
            e.Property(d => d.ClientId).HasMaxLength(100);
            e.Property(d => d.SourceAddress).HasMaxLength(45);
            e.Property(d => d.InsurerAmc).HasMaxLength(10);
            e.Property(d => d.Fields).HasMaxLength(300);
            e.Property(d => d.Purpose).HasMaxLength(20);
            e.Property(d => d.Role).HasMaxLength(30);
            e.Property(d => d.Channel).HasMaxLength(10);
            e.Property(d => d.Reference).HasMaxLength(40);
            e.HasIndex(d => new { d.AccountId, d.OccurredAt });
            e.HasIndex(d => new { d.ClientId, d.OccurredAt });
            e.HasIndex(d => new { d.PracticeId, d.OccurredAt });
            e.HasIndex(d => new { d.BeneficiaryId, d.OccurredAt });
            e.HasIndex(d => d.OccurredAt);
            e.HasOne<BeneficiaryRecord>().WithMany().HasForeignKey(d => d.BeneficiaryId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<MatchFailureRecord>(e =>
        {
            e.ToTable("match_failures");
            e.Property(m => m.ActorKey).HasMaxLength(110);
            e.HasIndex(m => new { m.ActorKey, m.OccurredAt });
        });
        modelBuilder.Entity<AgreementRecord>(e =>
        {
            e.ToTable("agreements");
            e.Property(a => a.Number).HasMaxLength(20);
            e.Property(a => a.Domain).HasMaxLength(30);
            e.Property(a => a.Status).HasMaxLength(20);
            e.Property(a => a.Reasons).HasMaxLength(1000);
            e.Property(a => a.MissingDocuments).HasMaxLength(200);
            e.Property(a => a.RulesEdition).HasMaxLength(50);
            e.Property(a => a.Channel).HasMaxLength(10);
            e.HasIndex(a => a.Number).IsUnique();
            e.HasIndex(a => new { a.PracticeId, a.CreatedAt });
            e.HasIndex(a => a.BeneficiaryId);
            e.Property(a => a.InsurerAmc).HasMaxLength(10);
            e.HasIndex(a => new { a.InsurerAmc, a.Status });
            e.HasOne<BeneficiaryRecord>().WithMany().HasForeignKey(a => a.BeneficiaryId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<PracticeRecord>().WithMany().HasForeignKey(a => a.PracticeId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<EquipmentRecord>(e =>
        {
            e.ToTable("equipment");
            e.Property(q => q.Domain).HasMaxLength(30);
            e.Property(q => q.Kind).HasMaxLength(30);
            e.Property(q => q.Side).HasMaxLength(10);
            e.HasIndex(q => new { q.BeneficiaryId, q.Domain });
            e.HasOne<BeneficiaryRecord>().WithMany().HasForeignKey(q => q.BeneficiaryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ClaimRecord>(e =>
        {
            e.ToTable("claims");
            e.Property(c => c.Number).HasMaxLength(20);
            e.Property(c => c.IdempotencyKey).HasMaxLength(100);
            e.Property(c => c.RequestHash).HasMaxLength(32);
            e.Property(c => c.AgreementNumber).HasMaxLength(20);
            e.Property(c => c.Domain).HasMaxLength(30);
            e.Property(c => c.Status).HasMaxLength(20);
            e.Property(c => c.Reasons).HasMaxLength(1000);
            e.Property(c => c.Channel).HasMaxLength(10);
            e.HasIndex(c => c.Number).IsUnique();
            e.HasIndex(c => new { c.PracticeId, c.IdempotencyKey }).IsUnique();
            e.HasIndex(c => new { c.PracticeId, c.CreatedAt });
            e.HasIndex(c => new { c.BeneficiaryId, c.CareDate });
            e.HasIndex(c => c.AgreementNumber);
            e.HasOne<BeneficiaryRecord>().WithMany().HasForeignKey(c => c.BeneficiaryId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<PracticeRecord>().WithMany().HasForeignKey(c => c.PracticeId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<EligibilityCheckRecord>(e =>
        {
            e.ToTable("eligibility_checks");
            e.Property(c => c.Reference).HasMaxLength(40);
            e.Property(c => c.Channel).HasMaxLength(10);
            e.Property(c => c.Status).HasMaxLength(20);
            e.Property(c => c.Domains).HasMaxLength(200);
            e.HasIndex(c => c.Reference).IsUnique();
            e.HasIndex(c => new { c.PracticeId, c.OccurredAt });
        });
    }
}
