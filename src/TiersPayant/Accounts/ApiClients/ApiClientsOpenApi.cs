using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using TiersPayant.Security.Accounts.ApiClients;

namespace TiersPayant.Accounts.ApiClients;

/// <summary>The OpenAPI description of how practice software authenticates: an OAuth 2.0 client-credentials scheme.</summary>
internal static class ApiClientsOpenApi
{
    public const string SchemeName = "practiceSoftware";

    private const string SchemeDescription =
        "OAuth 2.0 client credentials at /connect/token. The client authenticates with a signed client assertion "
        + "(private_key_jwt) or a registered TLS client certificate (self_signed_tls_client_auth); a token lasts 5 minutes "
        + "and acts for exactly one practice. Send it as 'Authorization: Bearer <token>'.";

    public static IServiceCollection AddApiClientsOpenApi(this IServiceCollection services) =>
        services.Configure<OpenApiOptions>(Web.OpenApi.OpenApiSetup.DocumentName, options => options.AddOperationTransformer(AuditorSecurity).AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = SchemeDescription,
                Flows = new OpenApiOAuthFlows
                {
                    ClientCredentials = new OpenApiOAuthFlow
                    {
                        TokenUrl = new Uri(TokenEndpoint.Path, UriKind.Relative),
                        Scopes = new Dictionary<string, string>
                        {
                            [ApiClientScopes.Eligibility] = "Rights checks",
                            [ApiClientScopes.Agreements] = "Prior agreements",
                            [ApiClientScopes.Claims] = "Invoices",
                        },
                    },
                },
            };
            document.Components.SecuritySchemes[AuditorSchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "OAuth 2.0 client credentials at /connect/token for an auditor's client (registered with 'tiers clients add --auditor'): "
                    + "its token has the 'audit' scope and reads the disclosure log's checkpoints, tiles and proofs, nothing else.",
                Flows = new OpenApiOAuthFlows
                {
                    ClientCredentials = new OpenApiOAuthFlow
                    {
                        TokenUrl = new Uri(TokenEndpoint.Path, UriKind.Relative),
                        Scopes = new Dictionary<string, string> { [ApiClientScopes.Audit] = "The disclosure log's tree" },
                    },
                },
            };
            return Task.CompletedTask;
        }));

    public const string AuditorSchemeName = "auditor";

    // The disclosure log's endpoints take the auditor's policy on their group: their requirement is read from it.
    private static Task AuditorSecurity(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellation)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any(a => a.Policy == ApiClientPolicies.Auditor))
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(AuditorSchemeName, context.Document)] = [ApiClientScopes.Audit],
            });
        }

        return Task.CompletedTask;
    }

    /// <summary>Declares on the operation that it needs a practice-software token (with <paramref name="scopes"/>, if any).</summary>
    public static RouteHandlerBuilder RequiresPracticeSoftwareToken(this RouteHandlerBuilder builder, params string[] scopes) =>
        builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [.. scopes],
            });
            return Task.CompletedTask;
        });
}
