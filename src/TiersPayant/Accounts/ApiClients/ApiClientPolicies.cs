using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using TiersPayant.Security.Accounts.ApiClients;

namespace TiersPayant.Accounts.ApiClients;

/// <summary>
/// Authorisation policies of the API: a bearer token issued to a practice's software, and for each
/// module the scope it needs. The practice boundary itself is checked by each endpoint against
/// the token's <see cref="ApiClientClaims.PracticeId"/>.
/// </summary>
internal static class ApiClientPolicies
{
    public const string PracticeSoftware = "practice-software";

    /// <summary>A bearer token of an auditor's client, with the <c>audit</c> scope.</summary>
    public const string Auditor = "auditor";

    /// <summary>The policy name requiring a scope, e.g. <c>practice-software:eligibility</c>.</summary>
    public static string Scope(string scope) => PracticeSoftware + ":" + scope;

    public static IServiceCollection AddApiClientPolicies(this IServiceCollection services)
    {
        var builder = services.AddAuthorizationBuilder()
            .AddPolicy(PracticeSoftware, policy => policy
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(ApiClientClaims.PracticeId));
        builder.AddPolicy(Auditor, policy => policy
            .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(ApiClientClaims.Auditor)
            .RequireAssertion(context => context.User.HasScope(ApiClientScopes.Audit)));
        foreach (var scope in ApiClientScopes.All)
        {
            builder.AddPolicy(Scope(scope), policy => policy
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(ApiClientClaims.PracticeId)
                .RequireAssertion(context => context.User.HasScope(scope)));
        }

        return services;
    }
}
