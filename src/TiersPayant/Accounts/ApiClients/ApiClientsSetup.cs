using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using TiersPayant.Data;
using TiersPayant.Data.Configuration;
using TiersPayant.Demo;
using TiersPayant.Security.Accounts.ApiClients;

namespace TiersPayant.Accounts.ApiClients;

/// <summary>
/// Practice software as OAuth 2.0 clients: the client store for every verb, and for the server
/// the token endpoint (client credentials only), the validation of the API's bearer tokens, and
/// the practice-boundary resource.
/// </summary>
internal static class ApiClientsSetup
{
    /// <summary>The clients' store (OpenIddict's entities in the platform's database) and the registry; `serve` and the verbs.</summary>
    public static IServiceCollection AddApiClientStore(this IServiceCollection services)
    {
        services.AddOpenIddict().AddCore(core => core.UseEntityFrameworkCore().UseDbContext<TiersPayantDbContext>().ReplaceDefaultEntities<Guid>());
        services.TryAddScoped<ApiClientRegistry>();
        return services;
    }

    /// <summary>The token issuer and the bearer-token validation of the API; `serve` only.</summary>
    public static WebApplicationBuilder AddApiClients(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddApiClientStore();
        services.AddOptions<ApiClientOptions>().BindConfiguration(ApiClientOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ApiClientOptions>().PostConfigure<IOptions<DatabaseOptions>, IOptions<DemoOptions>>((options, database, demo) =>
            options.AllowDemoSecrets ??= database.Value.Provider == DatabaseProvider.Sqlite && demo.Value.ShouldSeedOnFirstStart(database.Value.Provider));
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var embedded = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.Sqlite;
            return TokenKeys.Load(configuration, mayGenerate: embedded, configuration.DataDirectory());
        });
        services.AddSingleton<TokenFailureMetrics>();
        services.AddSingleton<ClientAssertionReplay>();
        services.AddHostedService<TokenPruning>();

        services.AddOpenIddict()
            .AddServer(server =>
            {
                server.SetTokenEndpointUris(TokenEndpoint.Path);
                server.AllowClientCredentialsFlow();
                server.RegisterScopes([.. ApiClientScopes.All, ApiClientScopes.Audit]);
                // Mutual TLS with the client's own self-signed certificate, registered like a key.
                server.EnableSelfSignedTlsClientAuthentication();
                // Transport is the host's business: HTTPS at the node (redirected to when it has an
                // HTTPS endpoint) or at the TLS-terminating proxy in front of it.
                server.UseAspNetCore().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
                server.AddEventHandler(ClientAuthenticationGuards.DemoSecretGate.Descriptor);
                server.AddEventHandler(ClientAuthenticationGuards.AssertionReplayGuard.Descriptor);
                server.AddEventHandler(TokenFailureReporter.Descriptor);
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.AddAudiences(ApiClientClaims.Audience);
                // A token whose client is deleted or whose entry is revoked stops working at once,
                // on every node: the entry lives in the shared database.
                validation.EnableTokenEntryValidation();
                // Tokens only in the Authorization header: query strings and forms end up in logs and caches.
                validation.UseAspNetCore().DisableAccessTokenExtractionFromQueryString().DisableAccessTokenExtractionFromBodyForm();
            });
        services.AddOptions<OpenIddictServerOptions>()
            .Configure<TokenKeys, IOptions<ApiClientOptions>>((server, keys, options) =>
            {
                server.SigningCredentials.Add(keys.Signing);
                server.EncryptionCredentials.Add(new EncryptingCredentials(keys.EncryptionKey, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
                server.AccessTokenLifetime = options.Value.AccessTokenLifetime;
                server.ClientAuthenticationMethods.Add(OpenIddict.Abstractions.OpenIddictConstants.ClientAuthenticationMethods.ClientSecretBasic);
                if (options.Value.Issuer is { Length: > 0 } issuer)
                {
                    server.Issuer = new Uri(issuer, UriKind.Absolute);
                }
            })
            .ValidateOnStart();

        // Kestrel refuses a client certificate that no authority it trusts issued, which is every
        // practice's self-signed one: accept it at the handshake, where it only proves possession of
        // its key, and let OpenIddict compare it with the certificate registered for the client.
        // Endpoints ask for certificates only where the operator sets ClientCertificateMode.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ClientCertificateValidation = (_, _, _) => true));

        // OpenIddict narrates every request at Information and echoes caller-supplied identifiers;
        // TokenFailureReporter logs each refusal by reason instead. Logging__LogLevel__OpenIddict brings them back.
        if (builder.Configuration["Logging:LogLevel:OpenIddict"] is null)
        {
            builder.Logging.AddFilter("OpenIddict", LogLevel.Warning);
        }

        services.AddAuthentication();
        services.AddApiClientPolicies();
        services.AddApiClientsOpenApi();
        return builder;
    }

    public static WebApplication MapApiClients(this WebApplication app)
    {
        app.MapTokenEndpoint();

        // Resolved here so that missing or malformed keys stop the start, not the first token request.
        var keys = app.Services.GetRequiredService<TokenKeys>();
        if (keys.Generated)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiClientsSetup).FullName!);
            ApiClientsLog.GeneratedKeys(logger, Path.Combine(app.Configuration.DataDirectory(), TokenKeys.FileName));
        }

        return app;
    }
}

internal static partial class ApiClientsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Token signing and encryption keys were generated into {Path} for the embedded default. Production must supply its own (Accounts:ApiClients:SigningKey, Accounts:ApiClients:EncryptionKey).")]
    public static partial void GeneratedKeys(ILogger logger, string path);
}
