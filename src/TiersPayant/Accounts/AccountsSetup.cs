using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Logging.Abstractions;
using TiersPayant.Data.Configuration;
using TiersPayant.Accounts.Notifications;
using TiersPayant.Accounts.ProSanteConnect;
using TiersPayant.Hosting.SeveralNodes;

namespace TiersPayant.Accounts;

/// <summary>The portal side of accounts: login steps, the session scheme, the keys of short-lived cookies.</summary>
internal static class AccountsSetup
{
    public static IServiceCollection AddPortalAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLoginRateLimits(configuration);
        // The pending-login cookie and antiforgery tokens are protected with keys kept in the
        // data folder, so they survive a restart; with several nodes, in the Redis they share, so
        // a login begun on one node ends on another.
        services.AddDataProtection().SetApplicationName("TiersPayant");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((options, provider) =>
            options.XmlRepository = provider.GetService<SharedRedis>() is { } redis
                ? new RedisXmlRepository(() => redis.Database, redis.Prefix + ":data-protection-keys")
                : new FileSystemXmlRepository(
                    new DirectoryInfo(Path.Combine(provider.GetRequiredService<IConfiguration>().DataDirectory(), "data-protection-keys")), NullLoggerFactory.Instance));
        services.AddScoped<PendingLogin>();
        services.AddScoped<PasskeyState>();
        services.AddScoped<DeviceRecognition>();
        services.AddScoped<PortalLogin>();
        services.AddScoped<SecondFactorCheck>();
        services.AddScoped<Guard.ContainmentReview>();
        services.AddOptions<Security.Accounts.SessionBindingOptions>().Bind(configuration.GetSection(Security.Accounts.SessionBindingOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddAuthentication(PortalSessionAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, PortalSessionAuthentication>(PortalSessionAuthentication.SchemeName, null);
        services.AddAuthorization();
        services.AddPortalPolicies();
        services.AddProSanteConnect(configuration);
        services.AddNotificationMailer(configuration);
        return services;
    }

    public static WebApplication UsePortalAccounts(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseAuthentication();
        app.Use((context, next) =>
        {
            // An account given back after a containment opens nothing but the password change.
            if (context.User.HasClaim(PortalSessionAuthentication.PasswordChangeClaim, "required") && !OpenBeforePasswordChange(context.Request.Path))
            {
                context.Response.Redirect(PasswordChangePath + "?raison=restauration");
                return Task.CompletedTask;
            }

            return next(context);
        });
        app.UseAuthorization();
        return app;
    }

    private const string PasswordChangePath = "/compte/mot-de-passe";

    private static bool OpenBeforePasswordChange(PathString path) =>
        path.StartsWithSegments(PasswordChangePath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/deconnexion", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/connexion", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/erreur", StringComparison.OrdinalIgnoreCase);
}
