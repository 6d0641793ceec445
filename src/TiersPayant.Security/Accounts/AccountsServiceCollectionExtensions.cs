using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TiersPayant.Data.Protection;
using TiersPayant.Data;
using TiersPayant.Data.Accounts;

namespace TiersPayant.Security.Accounts;

/// <summary>Registers accounts: Identity on the platform's database, factors, sessions, throttling.</summary>
public static class AccountsServiceCollectionExtensions
{
    /// <summary>Adds the account services.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentityCore<AccountRecord>(options =>
            {
                // Length and blocklist are PasswordPolicy's; no composition rules.
                options.Password.RequiredLength = PasswordPolicy.MinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.User.RequireUniqueEmail = false;
                // LoginThrottle handles failures (a growing delay, never a long lock).
                options.Lockout.AllowedForNewUsers = false;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<TiersPayantDbContext>()
            .AddPasswordValidator<PasswordPolicy>();

        // Identity's PBKDF2 (HMAC-SHA512) at 100,000 iterations, written out so a change is deliberate.
        services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            o.IterationCount = 100_000;
        });
        // WebAuthn ceremonies; the relying party is the portal's own host name, and an answer
        // counts only if the browser says it came from the page that asked (no cross-origin frame).
        services.TryAddScoped<IPasskeyHandler<AccountRecord>, PasskeyHandler<AccountRecord>>();
        services.Configure<IdentityPasskeyOptions>(o => o.ValidateOrigin = context => ValueTask.FromResult(
            !context.CrossOrigin
            && string.Equals(context.Origin, $"{context.HttpContext.Request.Scheme}://{context.HttpContext.Request.Host}", StringComparison.OrdinalIgnoreCase)));
        services.AddSingleton(new PasswordHashingGate(Math.Max(1, Environment.ProcessorCount - 1), maxWaiting: 64));
        services.AddMetrics();
        services.AddSingleton<AccountsMetrics>();
        services.AddScoped<PasswordLogin>();
        services.AddScoped(sp => new Guard.CredentialStuffingWatch(
            sp.GetRequiredService<TiersPayantDbContext>(), sp.GetRequiredService<BlindIndex>(), sp.GetRequiredService<IOptions<Guard.GuardOptions>>(),
            sp.GetRequiredService<IOptions<SessionBindingOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<Guard.CredentialStuffingWatch>>()));
        // Constructors that take the sealed keyed hash or cipher are internal: registered here.
        services.AddScoped(sp => new LoginThrottle(sp.GetRequiredService<TiersPayantDbContext>(), sp.GetRequiredService<DbContextOptions<TiersPayantDbContext>>(), sp.GetRequiredService<BlindIndex>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<LoginThrottleOptions>>()));
        services.AddScoped(sp => new KnownDevices(sp.GetRequiredService<TiersPayantDbContext>(), sp.GetRequiredService<BlindIndex>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped(sp => new TotpAuthenticator(sp.GetRequiredService<TiersPayantDbContext>(), sp.GetRequiredService<FieldCipher>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<SecondFactorLimit>();
        services.AddScoped<SecurityEvents>();
        services.AddScoped(sp => new RecoveryCodes(sp.GetRequiredService<TiersPayantDbContext>(), sp.GetRequiredService<BlindIndex>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<PortalSessions>();
        services.AddScoped<AccountNotifications>();
        return services;
    }

    /// <summary>Adds the guarded data path: the access guard, the disclosure log, the only way to a beneficiary.</summary>
    public static IServiceCollection AddGuardedPath(this IServiceCollection services)
    {
        services.AddOptions<Guard.GuardOptions>();
        services.AddOptions<Audit.AuditOptions>().BindConfiguration(Audit.AuditOptions.Section);
        services.AddMetrics();
        services.AddSingleton<Audit.AuditMetrics>();
        services.AddSingleton(sp => new Audit.DisclosureAppender(
            sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<BeneficiaryProtector>(), sp.GetRequiredService<Audit.AuditMetrics>()));
        services.AddSingleton(sp => new Audit.CheckpointSigner(sp.GetRequiredService<IOptions<Audit.AuditOptions>>(), sp.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()));
        services.AddSingleton(sp => new Audit.MerkleLog(
            sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<BeneficiaryProtector>(), sp.GetRequiredService<Audit.CheckpointSigner>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Audit.AuditMetrics>()));
        services.AddSingleton(sp => new Audit.AuditVerifier(
            sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<BeneficiaryProtector>(), sp.GetRequiredService<Audit.CheckpointSigner>(), sp.GetRequiredService<Audit.MerkleLog>()));
        services.AddScoped(sp => new Audit.BreachScope(sp.GetRequiredService<TiersPayantDbContext>()));
        services.AddSingleton(sp => new Audit.InsurerPseudonyms(sp.GetRequiredService<BeneficiaryProtector>()));
        services.AddScoped(sp => new Audit.BreachRegister(
            sp.GetRequiredService<TiersPayantDbContext>(), sp.GetRequiredService<Audit.BreachScope>(), sp.GetRequiredService<BeneficiaryProtector>(),
            sp.GetRequiredService<Audit.DisclosureLog>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped(sp => new Audit.DisclosureLog(
            sp.GetRequiredService<DbContextOptions<TiersPayantDbContext>>(), sp.GetRequiredService<Audit.DisclosureAppender>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new Guard.SwitchBoard(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Guard.Containments>();
        services.AddSingleton(_ => new Guard.GuardScopes.Known());
        services.AddScoped(sp => new Guard.GuardScopes(sp.GetRequiredService<DbContextOptions<TiersPayantDbContext>>(), sp.GetRequiredService<Guard.GuardScopes.Known>()));
        services.AddSingleton<Guard.GuardBaselines>();
        services.AddScoped<Guard.GuardStatistics>();
        services.AddSingleton(sp => new Guard.Detector(sp.GetRequiredService<Guard.GuardBaselines>(), sp.GetRequiredService<IOptions<Guard.GuardOptions>>()));
        services.AddScoped(sp => new Guard.AccessGuard(
            sp.GetRequiredService<TiersPayantDbContext>(), sp.GetRequiredService<DbContextOptions<TiersPayantDbContext>>(),
            sp.GetRequiredService<Audit.DisclosureLog>(), sp.GetRequiredService<Guard.GuardScopes>(), sp.GetRequiredService<Guard.Containments>(),
            sp.GetRequiredService<Guard.Detector>(), sp.GetRequiredService<IOptions<Guard.GuardOptions>>(), sp.GetRequiredService<IOptions<SessionBindingOptions>>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<Guard.AccessGuard>>()));
        services.AddSingleton(sp => new Guard.DecoyBeneficiary(sp.GetRequiredService<BeneficiaryProtector>()));
        services.AddSingleton<Guard.GuardMetrics>();
        services.AddScoped(sp => new Guard.GuardedBeneficiaries(
            sp.GetRequiredService<TiersPayantDbContext>(), sp.GetRequiredService<BeneficiaryProtector>(), sp.GetRequiredService<Guard.DecoyBeneficiary>(),
            sp.GetRequiredService<Guard.AccessGuard>(), sp.GetRequiredService<Audit.DisclosureLog>(), sp.GetRequiredService<Guard.GuardMetrics>(),
            sp.GetRequiredService<Guard.SwitchBoard>()));
        services.AddScoped(sp => new Guard.GuardedDocuments(
            sp.GetRequiredService<TiersPayantDbContext>(), sp.GetRequiredService<Guard.GuardedBeneficiaries>(), sp.GetRequiredService<FieldCipher>()));

        // The named door that carries a checked patient (what the professional typed) to the next step of a visit.
        services.AddScoped(sp => new Guard.CheckedPatients(sp.GetRequiredService<TiersPayantDbContext>(), sp.GetRequiredService<FieldCipher>(), sp.GetRequiredService<TimeProvider>()));

        // The named doors of features that write people without reading them out.
        services.AddScoped(sp => new Members.MemberRegister(
            sp.GetRequiredService<TiersPayantDbContext>(), sp.GetRequiredService<BeneficiaryProtector>(), sp.GetRequiredService<Audit.DisclosureLog>()));
        services.AddScoped(sp => new Members.SyntheticMembers(sp.GetRequiredService<TiersPayantDbContext>(), sp.GetRequiredService<BeneficiaryProtector>()));
        return services;
    }
}
