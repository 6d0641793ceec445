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
        modelBuilder.UseOpenIddict<Guid>();

        // One IEntityTypeConfiguration per record, beside it in its module's folder.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TiersPayantDbContext).Assembly);
        UseSnakeCaseNames(modelBuilder);
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
