using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using TiersPayant.Guard;
using TiersPayant.Security.Accounts.ApiClients;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TiersPayant.Accounts.ApiClients;

/// <summary>
/// <c>POST /connect/token</c>, OAuth 2.0 client credentials. OpenIddict has already parsed the
/// request and authenticated the client (assertion, certificate or demo secret) and checked its
/// grant and scopes when this runs; what remains is to say what the token carries.
/// </summary>
internal static class TokenEndpoint
{
    public const string Path = "/connect/token";

    private const string FormContentType = "application/x-www-form-urlencoded";

    public static RouteHandlerBuilder MapTokenEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, IssueAsync)
            .AllowAnonymous()
            .NoPersonalData()
            .WithName("IssueToken")
            .WithTags("Authentication")
            .WithSummary("A bearer token for a practice's software (OAuth 2.0 client credentials)")
            .WithDescription(
                "grant_type=client_credentials, client_id, and either client_assertion_type="
                + "urn:ietf:params:oauth:client-assertion-type:jwt-bearer with client_assertion (a JWT of type "
                + "client-authentication+jwt signed with a registered key: iss and sub the client id, aud the issuer, "
                + "exp at most 5 minutes ahead, a unique jti), or a TLS client certificate registered for the client, "
                + "or (demo only) client_secret. Optional scope: eligibility, agreements, claims (all granted when absent); an auditor's client gets audit. "
                + "Errors are OAuth 2.0 error responses (RFC 6749 5.2: error, error_description) that are also RFC 9457 problem documents "
                + "(type, title, status, detail, traceId). Their media type is application/json as RFC 6749 requires, or application/problem+json "
                + "when the Accept header lists it.")
            .Accepts<TokenRequestForm>(FormContentType)
            .Produces<TokenResponseBody>(StatusCodes.Status200OK)
            .Produces<OAuthErrorBody>(StatusCodes.Status400BadRequest, "application/json", "application/problem+json")
            .Produces<OAuthErrorBody>(StatusCodes.Status401Unauthorized, "application/json", "application/problem+json");

    private static async Task<IResult> IssueAsync(HttpContext context, IOpenIddictApplicationManager applications, CancellationToken cancellation)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The token request did not pass through the OpenIddict server.");
        // Only client credentials are enabled, and only an authenticated client gets this far.
        var application = await applications.FindByClientIdAsync(request.ClientId!, cancellation)
            ?? throw new InvalidOperationException("An authenticated client has no application.");
        var properties = await applications.GetPropertiesAsync(application, cancellation);
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, OpenIddictConstants.Claims.Name, OpenIddictConstants.Claims.Role);
        identity.SetClaim(OpenIddictConstants.Claims.Subject, request.ClientId);
        identity.SetAudiences(ApiClientClaims.Audience);
        if (ApiClientRegistry.AuditorOf(properties) is { } auditor)
        {
            // An auditor's token reads the disclosure log's tree and nothing else.
            identity.SetClaim(ApiClientClaims.Auditor, auditor);
            identity.SetScopes(ApiClientScopes.Audit);
            // Every claim set so far goes into the access token (set last: it marks the claims present).
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        var practice = ApiClientRegistry.PracticeOf(properties)
            ?? throw new InvalidOperationException("An application without a practice passed client authentication.");

        var scopes = request.GetScopes();
        if (scopes.IsEmpty)
        {
            var granted = new List<string>();
            foreach (var scope in ApiClientScopes.All)
            {
                if (await applications.HasPermissionAsync(application, Permissions.Prefixes.Scope + scope, cancellation))
                {
                    granted.Add(scope);
                }
            }

            scopes = [.. granted];
        }

        identity.SetClaim(ApiClientClaims.PracticeId, practice.ToString());
        identity.SetScopes(scopes);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}

/// <summary>The form of a token request, for the OpenAPI document (OpenIddict reads the real one).</summary>
internal sealed record TokenRequestForm(
    [property: JsonPropertyName("grant_type")] string GrantType,
    [property: JsonPropertyName("client_id")] string? ClientId,
    [property: JsonPropertyName("client_assertion_type")] string? ClientAssertionType,
    [property: JsonPropertyName("client_assertion")] string? ClientAssertion,
    [property: JsonPropertyName("client_secret")] string? ClientSecret,
    [property: JsonPropertyName("scope")] string? Scope);

/// <summary>A successful token response (RFC 6749 section 5.1).</summary>
internal sealed record TokenResponseBody(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("scope")] string Scope);

/// <summary>A refused token request (RFC 6749 section 5.2) that is also a problem document (RFC 9457) with the stable problem type of the platform.</summary>
internal sealed record OAuthErrorBody(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("traceId")] string TraceId);
