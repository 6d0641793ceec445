using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace TiersPayant.Accounts.ProSanteConnect;

/// <summary>
/// "Se connecter avec Pro Santé Connect": ASP.NET Core's OpenID Connect handler, authorization
/// code flow with PKCE, configured from <see cref="ProSanteConnectOptions"/>.
/// </summary>
internal static class ProSanteConnectSetup
{
    public const string Scheme = "ProSanteConnect";
    public const string StartPath = "/connexion/pro-sante-connect";
    public const string RefusalPath = "/connexion/pro-sante-connect/refus";

    /// <summary>A login must come back within this time; its state and cookies expire with it.</summary>
    public static readonly TimeSpan FlowLifetime = TimeSpan.FromMinutes(5);

    public static IServiceCollection AddProSanteConnect(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ProSanteConnectOptions.Section);
        services.AddOptions<ProSanteConnectOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProSanteConnectOptions>, ProSanteConnectOptionsValidator>();
        services.AddSingleton<FederationMetrics>();

        // The scheme exists only when enabled: its options are complete only then, and its
        // callback path must not answer at all otherwise.
        if (!section.GetValue<bool>(nameof(ProSanteConnectOptions.Enabled)))
        {
            return services;
        }

        services.AddSingleton<ClientAssertionSigner>();
        services.AddScoped<ProSanteConnectEvents>();
        services.AddAuthentication().AddOpenIdConnect(Scheme, "Pro Santé Connect", _ => { });
        services.AddOptions<OpenIdConnectOptions>(Scheme)
            .Configure<IOptions<ProSanteConnectOptions>>((oidc, settings) => Configure(oidc, settings.Value));
        return services;
    }

    private static void Configure(OpenIdConnectOptions oidc, ProSanteConnectOptions settings)
    {
        oidc.Authority = settings.Authority;
        if (!string.IsNullOrEmpty(settings.MetadataAddress))
        {
            oidc.MetadataAddress = settings.MetadataAddress;
        }

        // The validator allows plain http only for a provider on the loopback.
        oidc.RequireHttpsMetadata = !IsLoopback(settings.MetadataAddress ?? settings.Authority);
        oidc.ClientId = settings.ClientId;
        oidc.ClientSecret = settings.UsesPrivateKeyJwt ? null : settings.ClientSecret;
        oidc.EventsType = typeof(ProSanteConnectEvents);

        oidc.ResponseType = OpenIdConnectResponseType.Code;
        oidc.UsePkce = true;
        oidc.Scope.Clear();
        foreach (var scope in settings.ScopeList)
        {
            oidc.Scope.Add(scope);
        }

        // Ask for the level and freshness the events will then require; a provider that answers
        // with less is refused all the same.
        oidc.AdditionalAuthorizationParameters["acr_values"] = settings.RequiredAcr;
        oidc.MaxAge = settings.MaxAuthenticationAge;

        // The answer comes back as a top-level GET (response_mode=query), so the flow's cookies can
        // be SameSite=Lax: they then work over the embedded http default as well as behind TLS,
        // where SameAsRequest makes them Secure.
        oidc.ResponseMode = OpenIdConnectResponseMode.Query;
        oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
        oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.RemoteAuthenticationTimeout = FlowLifetime;
        oidc.ProtocolValidator.NonceLifetime = FlowLifetime;

        oidc.CallbackPath = settings.CallbackPath;
        // The portal's session is its own (server-side, ended from the account page): the
        // provider's logout paths are not served.
        oidc.SignedOutCallbackPath = PathString.Empty;
        oidc.RemoteSignOutPath = PathString.Empty;

        // Claims keep the provider's names; the identifier may come from the user-info answer.
        oidc.MapInboundClaims = false;
        oidc.GetClaimsFromUserInfoEndpoint = settings.GetClaimsFromUserInfoEndpoint;
        oidc.ClaimActions.MapUniqueJsonKey(settings.IdentifierClaim, settings.IdentifierClaim);

        // Nothing of the provider's is kept once the portal session is open.
        oidc.SaveTokens = false;
        oidc.UseTokenLifetime = false;
        oidc.DisableTelemetry = true;
        oidc.BackchannelTimeout = TimeSpan.FromSeconds(15);
    }

    private static bool IsLoopback(string? address) => Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.IsLoopback;
}
