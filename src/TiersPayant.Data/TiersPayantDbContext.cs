using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Accounts;
using TiersPayant.Data.Agreements;
using TiersPayant.Data.Audit;
using TiersPayant.Data.Claims;
using TiersPayant.Data.Eligibility;
using TiersPayant.Data.Guard;
using TiersPayant.Data.Members;
using TiersPayant.Data.Platform;

namespace TiersPayant.Data;

/// <summary>
/// The platform's database: the unit of work of every module, ASP.NET Core Identity's accounts
/// (with passkeys) and OpenIddict's clients and tokens included.
/// </summary>
public sealed class TiersPayantDbContext(DbContextOptions<TiersPayantDbContext> options)
    : IdentityDbContext<AccountRecord, IdentityRole<Guid>, Guid, IdentityUserClaim<Guid>, IdentityUserRole<Guid>,
        IdentityUserLogin<Guid>, IdentityRoleClaim<Guid>, IdentityUserToken<Guid>, IdentityUserPasskey<Guid>>(options)
{
    public DbSet<RecoveryCodeRecord> RecoveryCodes => Set<RecoveryCodeRecord>();

    public DbSet<SessionRecord> Sessions => Set<SessionRecord>();

    public DbSet<KnownDeviceRecord> KnownDevices => Set<KnownDeviceRecord>();

    public DbSet<NotificationRecord> Notifications => Set<NotificationRecord>();

    public DbSet<AddressFailureRecord> AddressFailures => Set<AddressFailureRecord>();

    public DbSet<SecurityEventRecord> SecurityEvents => Set<SecurityEventRecord>();

    public DbSet<InsurerRecord> Insurers => Set<InsurerRecord>();

    public DbSet<ContractPlanRecord> ContractPlans => Set<ContractPlanRecord>();

    public DbSet<GuaranteeRecord> Guarantees => Set<GuaranteeRecord>();

    /// <summary>Beneficiaries, sealed: only the guarded path's assemblies reach them.</summary>
    internal DbSet<BeneficiaryRecord> Beneficiaries => Set<BeneficiaryRecord>();

    public DbSet<PracticeRecord> Practices => Set<PracticeRecord>();

    public DbSet<PlatformSetting> Settings => Set<PlatformSetting>();

    /// <summary>The disclosure log: every time a beneficiary's data left the platform.</summary>
    internal DbSet<DisclosureRecord> Disclosures => Set<DisclosureRecord>();

    /// <summary>Presented cards that matched nobody, per caller.</summary>
    internal DbSet<MatchFailureRecord> MatchFailures => Set<MatchFailureRecord>();

    /// <summary>Prior agreements.</summary>
    public DbSet<AgreementRecord> Agreements => Set<AgreementRecord>();

    /// <summary>Invoices.</summary>
    public DbSet<ClaimRecord> Claims => Set<ClaimRecord>();

    /// <summary>What beneficiaries received (renewal periods count from it).</summary>
    public DbSet<EquipmentRecord> Equipment => Set<EquipmentRecord>();

    /// <summary>Rights checks and their answers.</summary>
    public DbSet<EligibilityCheckRecord> EligibilityChecks => Set<EligibilityCheckRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Identity's schema version (3: with passkeys) comes from IdentityOptions in the
        // application services: see DatabaseProviders.IdentitySchema.
        base.OnModelCreating(modelBuilder);
        ConfigureAccounts(modelBuilder);
        modelBuilder.UseOpenIddict<Guid>();

        modelBuilder.Entity<InsurerRecord>(e =>
        {
            e.ToTable("insurers");
            e.HasKey(i => i.Amc);
            e.Property(i => i.Amc).HasMaxLength(10);
            e.Property(i => i.Name).HasMaxLength(200);
            e.Property(i => i.ConventionType).HasMaxLength(50);
            e.Property(i => i.RoutingCriterion).HasMaxLength(50);
            e.HasMany(i => i.Contracts).WithOne().HasForeignKey(c => c.InsurerAmc);
        });
        modelBuilder.Entity<ContractPlanRecord>(e =>
        {
            e.ToTable("contract_plans");
            e.Property(c => c.Code).HasMaxLength(30);
            e.Property(c => c.Name).HasMaxLength(200);
            e.HasIndex(c => new { c.InsurerAmc, c.Code }).IsUnique();
            e.HasMany(c => c.Guarantees).WithOne().HasForeignKey(g => g.ContractPlanId);
        });
        modelBuilder.Entity<GuaranteeRecord>(e =>
        {
            e.ToTable("guarantees");
            e.Property(g => g.Domain).HasMaxLength(30);
            e.HasIndex(g => new { g.ContractPlanId, g.Domain }).IsUnique();
        });
        modelBuilder.Entity<BeneficiaryRecord>(e =>
        {
            e.ToTable("beneficiaries");
            e.HasOne<InsurerRecord>().WithMany().HasForeignKey(b => b.InsurerAmc).OnDelete(DeleteBehavior.Restrict);
            e.Property(b => b.MemberIndex).HasMaxLength(32);
            e.Property(b => b.IdentityIndex).HasMaxLength(32);
            e.Property(b => b.NirIndex).HasMaxLength(32);
            e.Property(b => b.Relationship).HasMaxLength(10);
            e.Property(b => b.ContractCode).HasMaxLength(30);
            e.HasIndex(b => b.IdentityIndex).IsUnique();
            e.HasIndex(b => b.MemberIndex);
            e.HasIndex(b => b.NirIndex);
        });
        modelBuilder.Entity<PracticeRecord>(e =>
        {
            e.ToTable("practices");
            e.Property(p => p.Profession).HasMaxLength(30);
            e.Property(p => p.Name).HasMaxLength(200);
            e.Property(p => p.City).HasMaxLength(100);
            e.Property(p => p.BillingNumber).HasMaxLength(9);
            e.Property(p => p.Finess).HasMaxLength(9);
            e.HasIndex(p => p.BillingNumber).IsUnique();
        });
        modelBuilder.Entity<PlatformSetting>(e =>
        {
            e.ToTable("platform_settings");
            e.HasKey(s => s.Key);
            e.Property(s => s.Key).HasMaxLength(100);
            e.Property(s => s.Value).HasMaxLength(1000);
        });

        Configuration.GuardedPathModel.Configure(modelBuilder);
        UseSnakeCaseNames(modelBuilder);
    }

    private static void ConfigureAccounts(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AccountRecord>(e =>
        {
            e.Property(a => a.Kind).HasMaxLength(20);
            e.Property(a => a.DisplayName).HasMaxLength(200);
            e.Property(a => a.Rpps).HasMaxLength(11);
            e.Property(a => a.InsurerAmc).HasMaxLength(10);
            e.HasIndex(a => a.Rpps).IsUnique();
            e.HasIndex(a => a.PracticeId);
            e.HasOne<PracticeRecord>().WithMany().HasForeignKey(a => a.PracticeId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<RecoveryCodeRecord>(e =>
        {
            e.ToTable("recovery_codes");
            e.Property(r => r.CodeHash).HasMaxLength(32);
            e.HasIndex(r => new { r.AccountId, r.CodeHash }).IsUnique();
            e.HasOne<AccountRecord>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<SessionRecord>(e =>
        {
            e.ToTable("sessions");
            e.Property(s => s.TokenHash).HasMaxLength(32);
            e.Property(s => s.Method).HasMaxLength(30);
            e.Property(s => s.EndedReason).HasMaxLength(30);
            e.Property(s => s.Device).HasMaxLength(100);
            e.Property(s => s.SourceAddress).HasMaxLength(45);
            e.Property(s => s.Network).HasMaxLength(50);
            e.HasIndex(s => s.TokenHash).IsUnique();
            e.HasIndex(s => new { s.AccountId, s.EndedAt });
            e.HasOne<AccountRecord>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<KnownDeviceRecord>(e =>
        {
            e.ToTable("known_devices");
            e.Property(d => d.DeviceHash).HasMaxLength(32);
            e.HasIndex(d => new { d.AccountId, d.DeviceHash }).IsUnique();
            e.HasOne<AccountRecord>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<NotificationRecord>(e =>
        {
            e.ToTable("notifications");
            e.Property(n => n.Kind).HasMaxLength(40);
            e.Property(n => n.Detail).HasMaxLength(500);
            e.HasIndex(n => new { n.AccountId, n.ShownAt });
            e.HasOne<AccountRecord>().WithMany().HasForeignKey(n => n.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<SecurityEventRecord>(e =>
        {
            e.ToTable("security_events");
            e.Property(v => v.Kind).HasMaxLength(40);
            e.Property(v => v.Detail).HasMaxLength(300);
            e.HasIndex(v => v.AccountId);
            e.HasOne<AccountRecord>().WithMany().HasForeignKey(v => v.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<AddressFailureRecord>(e =>
        {
            e.ToTable("address_failures");
            e.HasKey(a => new { a.AddressHash, a.WindowStart });
            e.Property(a => a.AddressHash).HasMaxLength(32);
        });
    }

    // Operators read PostgreSQL with psql: unquoted snake_case names are what they type.
    // Identity's and OpenIddict's tables follow: AspNetUsers becomes asp_net_users.
    private static void UseSnakeCaseNames(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (entity.IsMappedToJson())
            {
                continue; // a JSON document inside a column (Identity's passkey data) keeps its property names
            }

            if (entity.GetTableName() is { } table && table.Any(char.IsUpper))
            {
                entity.SetTableName(ToSnakeCase(table));
            }

            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
        }
    }

    private static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && !char.IsUpper(name[i - 1]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
