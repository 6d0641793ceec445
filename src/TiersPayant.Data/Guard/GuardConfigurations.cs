using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiersPayant.Data.Guard;

/// <summary>The guard's reserved counts: looked up by scope and person, counted by scope and time.</summary>
internal sealed class GuardReachConfiguration : IEntityTypeConfiguration<GuardReachRecord>
{
    public void Configure(EntityTypeBuilder<GuardReachRecord> builder)
    {
        builder.ToTable("guard_reach");
        builder.Property(r => r.Scope).HasMaxLength(110);
        builder.Property(r => r.Network).HasMaxLength(50);
        builder.Property(r => r.MemberTag).HasMaxLength(16);
        builder.Property(r => r.BlockTag).HasMaxLength(16);
        builder.HasIndex(r => new { r.Scope, r.BeneficiaryId, r.FirstAt });
        builder.HasIndex(r => new { r.Scope, r.FirstAt });
    }
}

/// <summary>The guard's lock rows, one per practice or member of staff.</summary>
internal sealed class GuardScopeConfiguration : IEntityTypeConfiguration<GuardScopeRecord>
{
    public void Configure(EntityTypeBuilder<GuardScopeRecord> builder)
    {
        builder.ToTable("guard_scopes");
        builder.HasKey(s => s.Scope);
        builder.Property(s => s.Scope).HasMaxLength(110);
    }
}

/// <summary>The guard's decisions other than "allow", newest first for the console.</summary>
internal sealed class GuardEventConfiguration : IEntityTypeConfiguration<GuardEventRecord>
{
    public void Configure(EntityTypeBuilder<GuardEventRecord> builder)
    {
        builder.ToTable("guard_events");
        builder.Property(e => e.Decision).HasMaxLength(20);
        builder.Property(e => e.Reason).HasMaxLength(40);
        builder.Property(e => e.ActorKind).HasMaxLength(20);
        builder.Property(e => e.ClientId).HasMaxLength(100);
        builder.Property(e => e.Role).HasMaxLength(40);
        builder.Property(e => e.Channel).HasMaxLength(10);
        builder.Property(e => e.SourceAddress).HasMaxLength(45);
        builder.Property(e => e.Detail).HasMaxLength(400);
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.AccountId, e.OccurredAt });
        builder.HasIndex(e => new { e.PracticeId, e.OccurredAt });
    }
}

/// <summary>The thrown switches, one per surface, level and target.</summary>
internal sealed class SwitchConfiguration : IEntityTypeConfiguration<SwitchRecord>
{
    public void Configure(EntityTypeBuilder<SwitchRecord> builder)
    {
        builder.ToTable("switches");
        builder.Property(s => s.Surface).HasMaxLength(10);
        builder.Property(s => s.Level).HasMaxLength(12);
        builder.Property(s => s.Target).HasMaxLength(100);
        builder.Property(s => s.ClosedBy).HasMaxLength(256);
        builder.Property(s => s.Reason).HasMaxLength(300);
        builder.HasIndex(s => new { s.Surface, s.Level, s.Target }).IsUnique();
    }
}

/// <summary>Containments, looked up by scope and status on every decision's refresh.</summary>
internal sealed class ContainmentConfiguration : IEntityTypeConfiguration<ContainmentRecord>
{
    public void Configure(EntityTypeBuilder<ContainmentRecord> builder)
    {
        builder.ToTable("containments");
        builder.Property(c => c.Scope).HasMaxLength(110);
        builder.Property(c => c.ClientId).HasMaxLength(100);
        builder.Property(c => c.Reason).HasMaxLength(40);
        builder.Property(c => c.Evidence).HasMaxLength(1000);
        builder.Property(c => c.Status).HasMaxLength(20);
        builder.Property(c => c.ReviewNote).HasMaxLength(500);
        builder.HasIndex(c => new { c.Status, c.Scope });
    }
}

/// <summary>The learned baselines, one row per scope or profession.</summary>
internal sealed class GuardBaselineConfiguration : IEntityTypeConfiguration<GuardBaselineRecord>
{
    public void Configure(EntityTypeBuilder<GuardBaselineRecord> builder)
    {
        builder.ToTable("guard_baselines");
        builder.HasKey(b => b.Scope);
        builder.Property(b => b.Scope).HasMaxLength(110);
        builder.Property(b => b.Profession).HasMaxLength(40);
        builder.Property(b => b.Hours).HasMaxLength(168);
        builder.Property(b => b.Networks).HasMaxLength(1100);
    }
}
