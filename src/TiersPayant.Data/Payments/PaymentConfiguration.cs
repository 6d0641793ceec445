using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersPayant.Data.Accounts;
using TiersPayant.Data.Claims;

namespace TiersPayant.Data.Payments;

public sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntryRecord>
{
    public void Configure(EntityTypeBuilder<JournalEntryRecord> builder)
    {
        builder.ToTable("journal_entries");
        builder.Property(e => e.Kind).HasMaxLength(30);
        builder.Property(e => e.Reference).HasMaxLength(40);
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.ClaimId, e.Kind });
        builder.HasIndex(e => e.PaymentId);
        builder.HasIndex(e => e.RunId);
        builder.HasMany(e => e.Lines).WithOne().HasForeignKey(l => l.EntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class JournalLineConfiguration : IEntityTypeConfiguration<JournalLineRecord>
{
    public void Configure(EntityTypeBuilder<JournalLineRecord> builder)
    {
        builder.ToTable("journal_lines");
        builder.Property(l => l.Account).HasMaxLength(50);
        builder.HasIndex(l => l.Account);
    }
}

public sealed class PaymentRunConfiguration : IEntityTypeConfiguration<PaymentRunRecord>
{
    public void Configure(EntityTypeBuilder<PaymentRunRecord> builder)
    {
        builder.ToTable("payment_runs");
        builder.Property(r => r.Number).HasMaxLength(40);
        builder.Property(r => r.Status).HasMaxLength(20);
        builder.Property(r => r.StartedBy).HasMaxLength(256);
        builder.Property(r => r.FileName).HasMaxLength(100);
        builder.Property(r => r.FileSha256).HasMaxLength(32);
        builder.Property(r => r.Skipped).HasMaxLength(100_000);
        builder.HasIndex(r => r.Number).IsUnique();
        builder.HasIndex(r => r.StartedAt);
    }
}

public sealed class PaymentConfiguration : IEntityTypeConfiguration<PaymentRecord>
{
    public void Configure(EntityTypeBuilder<PaymentRecord> builder)
    {
        builder.ToTable("payments");
        builder.Property(p => p.Reference).HasMaxLength(35);
        builder.Property(p => p.Iban).HasMaxLength(34);
        builder.Property(p => p.Bic).HasMaxLength(11);
        builder.Property(p => p.Creditor).HasMaxLength(200);
        builder.HasIndex(p => p.Reference).IsUnique();
        builder.HasIndex(p => new { p.RunId, p.PracticeId }).IsUnique();
        builder.HasIndex(p => new { p.PracticeId, p.CreatedAt });
        builder.HasOne<PaymentRunRecord>().WithMany().HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PracticeRecord>().WithMany().HasForeignKey(p => p.PracticeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Lines).WithOne().HasForeignKey(l => l.PaymentId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PaymentLineConfiguration : IEntityTypeConfiguration<PaymentLineRecord>
{
    public void Configure(EntityTypeBuilder<PaymentLineRecord> builder)
    {
        builder.ToTable("payment_lines");
        builder.Property(l => l.Kind).HasMaxLength(20);
        // Paid once, recovered once, reported rejected once: the database refuses a second.
        builder.HasIndex(l => new { l.ClaimId, l.Kind }).IsUnique();
        builder.HasOne<ClaimRecord>().WithMany().HasForeignKey(l => l.ClaimId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class LeaseConfiguration : IEntityTypeConfiguration<LeaseRecord>
{
    public void Configure(EntityTypeBuilder<LeaseRecord> builder)
    {
        builder.ToTable("leases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(50);
        builder.Property(l => l.Holder).HasMaxLength(200);
    }
}

public sealed class InsurerStatementConfiguration : IEntityTypeConfiguration<InsurerStatementRecord>
{
    public void Configure(EntityTypeBuilder<InsurerStatementRecord> builder)
    {
        builder.ToTable("insurer_statements");
        builder.Property(s => s.Number).HasMaxLength(35);
        builder.Property(s => s.Run).HasMaxLength(35);
        builder.Property(s => s.InsurerAmc).HasMaxLength(10);
        builder.Property(s => s.Settlement).HasMaxLength(20);
        builder.Property(s => s.FileName).HasMaxLength(100);
        builder.HasIndex(s => s.Number).IsUnique();
        builder.HasIndex(s => new { s.InsurerAmc, s.CreatedAt });
        builder.HasIndex(s => s.Run);
        builder.HasOne<Members.InsurerRecord>().WithMany().HasForeignKey(s => s.InsurerAmc).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.StatementId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class InsurerStatementLineConfiguration : IEntityTypeConfiguration<InsurerStatementLineRecord>
{
    public void Configure(EntityTypeBuilder<InsurerStatementLineRecord> builder)
    {
        builder.ToTable("insurer_statement_lines");
        builder.Property(l => l.Kind).HasMaxLength(20);
        // Billed once as paid, once as recovered: the database refuses a second.
        builder.HasIndex(l => new { l.ClaimId, l.Kind }).IsUnique();
        builder.HasOne<ClaimRecord>().WithMany().HasForeignKey(l => l.ClaimId).OnDelete(DeleteBehavior.Restrict);
    }
}
