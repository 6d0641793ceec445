using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TiersPayant.Tests.Federation;

/// <summary>
/// A real OpenID Connect provider standing in for Pro Santé Connect: OpenIddict's server on
/// Kestrel at 127.0.0.1 on a free port, with its own store. Its authorization endpoint approves
/// <see cref="Next"/> without a screen (or refuses when it is null), putting the chosen
/// <c>acr</c> and <c>auth_time</c> in the ID token and the national identifier in the user-info
/// answer, where Pro Santé Connect puts it. The platform reaches it over real HTTP.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "tierspayant-test";
    public const string IdentifierClaim = "SubjectNameID";

    private readonly WebApplication _app;
    private readonly SqliteConnection _store;

    private TestIdentityProvider(WebApplication app, SqliteConnection store, RSA clientKey, string clientSecret)
    {
        _app = app;
        _store = store;
        ClientKey = clientKey;
        ClientSecret = clientSecret;
    }

    /// <summary>Who the next authorization request approves; null: the professional cancels.</summary>
    public Login? Next { get; set; }

    /// <summary>The provider's issuer, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri Issuer => new(_app.Urls.First() + "/");

    /// <summary>The platform's key pair; the provider knows only its public half.</summary>
    public RSA ClientKey { get; }

    public string ClientSecret { get; }

    /// <summary>What Pro Santé Connect would assert about one authentication.</summary>
    public sealed record Login(string NationalIdentifier, string Acr, DateTimeOffset AuthTime);

    /// <summary>Starts a provider that knows one client, the platform, redirecting to <paramref name="redirectUri"/>.</summary>
    public static async Task<TestIdentityProvider> StartAsync(Uri redirectUri, bool pushedAuthorization = false)
    {
        // The provider's own store lives in memory as long as this connection is open.
        var store = new SqliteConnection("Data Source=:memory:");
        await store.OpenAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Test" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<ProviderStore>(options => options.UseSqlite(store).UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<ProviderStore>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetUserInfoEndpointUris("connect/userinfo");
                if (pushedAuthorization)
                {
                    server.SetPushedAuthorizationEndpointUris("connect/par");
                }

                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                server.RegisterScopes(Scopes.OpenId, "scope_all");
                server.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });

        var app = builder.Build();
        var clientKey = RSA.Create(2048);
        var provider = new TestIdentityProvider(app, store, clientKey, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        app.MapMethods("connect/authorize", ["GET", "POST"], provider.Authorize);
        app.MapMethods("connect/userinfo", ["GET", "POST"], (Delegate)UserInfo);
        await provider.RegisterPlatformAsync(redirectUri);
        await app.StartAsync();
        return provider;
    }

    /// <summary>The platform's private key as a PEM file, where its configuration will read it.</summary>
    public string WriteClientKey(string directory)
    {
        var path = Path.Combine(directory, "pro-sante-connect-client.pem");
        File.WriteAllText(path, ClientKey.ExportPkcs8PrivateKeyPem());
        return path;
    }

    private IResult Authorize(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (Next is not { } login)
        {
            return Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, OpenIddictConstants.Claims.Name, OpenIddictConstants.Claims.Role);
        identity.AddClaim(new Claim(OpenIddictConstants.Claims.Subject, "f:test:" + login.NationalIdentifier));
        identity.AddClaim(new Claim(OpenIddictConstants.Claims.AuthenticationContextReference, login.Acr));
        identity.AddClaim(new Claim(OpenIddictConstants.Claims.AuthenticationTime,
            login.AuthTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        identity.AddClaim(new Claim(IdentifierClaim, login.NationalIdentifier));
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(claim => claim.Type switch
        {
            // Like Pro Santé Connect: the professional's identity comes from the user-info endpoint.
            IdentifierClaim => [Destinations.AccessToken],
            OpenIddictConstants.Claims.AuthenticationContextReference or OpenIddictConstants.Claims.AuthenticationTime => [Destinations.IdentityToken],
            _ => [Destinations.AccessToken, Destinations.IdentityToken],
        });
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> UserInfo(HttpContext context)
    {
        var principal = (await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal
            ?? throw new InvalidOperationException("No access token.");
        return Results.Json(new Dictionary<string, string?>
        {
            [OpenIddictConstants.Claims.Subject] = principal.GetClaim(OpenIddictConstants.Claims.Subject),
            [IdentifierClaim] = principal.GetClaim(IdentifierClaim),
            [OpenIddictConstants.Claims.PreferredUsername] = principal.GetClaim(IdentifierClaim),
        });
    }

    private async Task RegisterPlatformAsync(Uri redirectUri)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        // The provider's own schema, not the platform's: nothing here is migrated.
        await scope.ServiceProvider.GetRequiredService<ProviderStore>().Database.EnsureCreatedAsync();
        var key = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(ClientKey.ExportParameters(includePrivateParameters: false)));
        key.Use = JsonWebKeyUseNames.Sig;
        await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            JsonWebKeySet = new JsonWebKeySet { Keys = { key } },
            RedirectUris = { redirectUri },
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.PushedAuthorization,
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
                Permissions.Prefixes.Scope + "scope_all",
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _store.DisposeAsync();
        ClientKey.Dispose();
    }

    private sealed class ProviderStore(DbContextOptions<ProviderStore> options) : DbContext(options);
}
