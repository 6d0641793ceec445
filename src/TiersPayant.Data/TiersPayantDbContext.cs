using EFCore.NamingConventions.Internal;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Data.Accounts;
using TiersPayant.Data.Agreements;
using TiersPayant.Data.Audit;
using TiersPayant.Data.Claims;
using TiersPayant.Data.Configuration;
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

    /// <summary>Failed password steps by login tag and network, for the credential-stuffing watch.</summary>
    internal DbSet<LoginFailureRecord> LoginFailures => Set<LoginFailureRecord>();

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

    /// <summary>The disclosure log's Merkle head (one row).</summary>
    internal DbSet<AuditHeadRecord> AuditHeads => Set<AuditHeadRecord>();

    /// <summary>Hashes of the disclosure log's full subtrees above the leaves.</summary>
    internal DbSet<AuditSubtreeRecord> AuditSubtrees => Set<AuditSubtreeRecord>();

    /// <summary>The disclosure log's signed checkpoints.</summary>
    internal DbSet<AuditCheckpointRecord> AuditCheckpoints => Set<AuditCheckpointRecord>();

    /// <summary>Personal-data breaches the DPO recorded.</summary>
    internal DbSet<BreachRecord> Breaches => Set<BreachRecord>();

    /// <summary>Presented cards that matched nobody, per caller.</summary>
    internal DbSet<MatchFailureRecord> MatchFailures => Set<MatchFailureRecord>();

    /// <summary>The guard's reserved counts of distinct people per scope; only the guard reads or writes them.</summary>
    internal DbSet<GuardReachRecord> GuardReach => Set<GuardReachRecord>();

    /// <summary>What is usual for each scope and profession, learned by the guard.</summary>
    public DbSet<GuardBaselineRecord> GuardBaselines => Set<GuardBaselineRecord>();

    /// <summary>The guard's lock rows.</summary>
    internal DbSet<GuardScopeRecord> GuardScopes => Set<GuardScopeRecord>();

    /// <summary>The guard's throttles (and, next, step-ups and containments), for the security console.</summary>
    public DbSet<GuardEventRecord> GuardEvents => Set<GuardEventRecord>();

    /// <summary>The thrown switches (closed surfaces).</summary>
    public DbSet<SwitchRecord> Switches => Set<SwitchRecord>();

    /// <summary>Accounts and clients whose data access the guard suspended.</summary>
    public DbSet<ContainmentRecord> Containments => Set<ContainmentRecord>();

    /// <summary>Prior agreements.</summary>
    public DbSet<AgreementRecord> Agreements => Set<AgreementRecord>();

    /// <summary>Invoices.</summary>
    public DbSet<ClaimRecord> Claims => Set<ClaimRecord>();

    /// <summary>Invoice files sent through the API and their progress.</summary>
    public DbSet<ClaimBatchJobRecord> ClaimBatchJobs => Set<ClaimBatchJobRecord>();

    /// <summary>The encrypted chunks of those files, until their job is over (see <see cref="ClaimBatchUploads"/>).</summary>
    internal DbSet<ClaimBatchUploadChunkRecord> ClaimBatchUploadChunks => Set<ClaimBatchUploadChunkRecord>();

    /// <summary>What beneficiaries received (renewal periods count from it).</summary>
    public DbSet<EquipmentRecord> Equipment => Set<EquipmentRecord>();

    /// <summary>Documents attached to agreements, encrypted; sealed like beneficiaries (see <see cref="Agreements.AgreementDocuments"/>).</summary>
    internal DbSet<AgreementDocumentRecord> AgreementDocuments => Set<AgreementDocumentRecord>();

    /// <summary>Re-encryptions under a new data key, with their progress.</summary>
    internal DbSet<Protection.KeyRotationRecord> KeyRotations => Set<Protection.KeyRotationRecord>();

    /// <summary>The ledger's journal entries and their lines.</summary>
    public DbSet<Payments.JournalEntryRecord> JournalEntries => Set<Payments.JournalEntryRecord>();

    public DbSet<Payments.JournalLineRecord> JournalLines => Set<Payments.JournalLineRecord>();

    /// <summary>Payment runs, payments to practices and their lines.</summary>
    public DbSet<Payments.PaymentRunRecord> PaymentRuns => Set<Payments.PaymentRunRecord>();

    public DbSet<Payments.PaymentRecord> Payments => Set<Payments.PaymentRecord>();

    public DbSet<Payments.PaymentLineRecord> PaymentLines => Set<Payments.PaymentLineRecord>();

    /// <summary>Insurers' statements and their lines.</summary>
    public DbSet<Payments.InsurerStatementRecord> InsurerStatements => Set<Payments.InsurerStatementRecord>();

    public DbSet<Payments.InsurerStatementLineRecord> InsurerStatementLines => Set<Payments.InsurerStatementLineRecord>();

    /// <summary>Leases on jobs that run once at a time across nodes.</summary>
    public DbSet<Payments.LeaseRecord> Leases => Set<Payments.LeaseRecord>();

    /// <summary>Rights checks and their answers.</summary>
    public DbSet<EligibilityCheckRecord> EligibilityChecks => Set<EligibilityCheckRecord>();

    /// <summary>Patients just checked on the portal, for the next steps of the same visit; only their named door reads them.</summary>
    internal DbSet<CheckedPatientRecord> CheckedPatients => Set<CheckedPatientRecord>();

    /// <summary>
    /// Names in the database: snake_case tables and columns from EFCore.NamingConventions (switched
    /// on by <see cref="DatabaseProviders.Use"/>), with the two differences that keep the schema
    /// the migrations made: a JSON document's column keeps the name given
    /// (<see cref="SnakeCaseNamesConvention"/>, put in place of the package's convention, or added
    /// if the options lack it, so the model never depends on how the options were built), and keys,
    /// foreign keys and indexes keep EF Core's default names (<see cref="ConstraintNamesConvention"/>).
    /// Table names that Identity and OpenIddict set explicitly are given in snake_case by
    /// <see cref="AccountConfiguration"/>, <see cref="IdentityTablesConfiguration"/> and
    /// <see cref="OpenIddictTablesConfiguration"/>.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Conventions.Replace<NameRewritingConvention>(services =>
            new SnakeCaseNamesConvention(services.GetRequiredService<ProviderConventionSetBuilderDependencies>()));
        configurationBuilder.Conventions.Add(_ => new ConstraintNamesConvention());
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Identity's schema version (3: with passkeys) comes from IdentityOptions in the
        // application services: see DatabaseProviders.IdentitySchema.
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict<Guid>();

        // One IEntityTypeConfiguration per record, beside it in its module's folder.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TiersPayantDbContext).Assembly);
    }
}
