using TiersPayant.Security.Accounts;

namespace TiersPayant.Accounts;

/// <summary>
/// Authorisation policies of the portal's staff pages. Every one requires a staff account whose
/// session was opened with a passkey: a phished password and code cannot reach them.
/// </summary>
internal static class PortalPolicies
{
    /// <summary>The security console: security analysts and administrators.</summary>
    public const string SecurityConsole = "portal:security-console";

    /// <summary>The insurer back-office: an insurer's managers, for their own insurer.</summary>
    public const string InsurerBackOffice = "portal:insurer-back-office";

    /// <summary>The data-protection officer's page: breach scope and notifications.</summary>
    public const string DataProtection = "portal:data-protection";

    /// <summary>The treasury console: payment runs, late invoices (administrators with a passkey).</summary>
    public const string Treasury = "portal:treasury";

    /// <summary>A health professional's own pages: rights checks, agreements, invoices.</summary>
    public const string Professional = "portal:professional";

    public static IServiceCollection AddPortalPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(SecurityConsole, policy => policy
                .AddAuthenticationSchemes(PortalSessionAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(PortalSessionAuthentication.KindClaim, AccountKinds.Staff)
                .RequireClaim(PortalSessionAuthentication.MethodClaim, "passkey")
                .RequireRole(StaffRoles.Security, StaffRoles.Administrator))
            .AddPolicy(InsurerBackOffice, policy => policy
                .AddAuthenticationSchemes(PortalSessionAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(PortalSessionAuthentication.KindClaim, AccountKinds.Staff)
                .RequireClaim(PortalSessionAuthentication.MethodClaim, "passkey")
                .RequireRole(StaffRoles.InsurerManager))
            .AddPolicy(DataProtection, policy => policy
                .AddAuthenticationSchemes(PortalSessionAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(PortalSessionAuthentication.KindClaim, AccountKinds.Staff)
                .RequireClaim(PortalSessionAuthentication.MethodClaim, "passkey")
                .RequireRole(StaffRoles.DataProtectionOfficer))
            .AddPolicy(Treasury, policy => policy
                .AddAuthenticationSchemes(PortalSessionAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(PortalSessionAuthentication.KindClaim, AccountKinds.Staff)
                .RequireClaim(PortalSessionAuthentication.MethodClaim, "passkey")
                .RequireRole(StaffRoles.Administrator))
            .AddPolicy(Professional, policy => policy
                .AddAuthenticationSchemes(PortalSessionAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(PortalSessionAuthentication.KindClaim, AccountKinds.Professional)
                .RequireClaim(PortalSessionAuthentication.PracticeClaim));
        return services;
    }
}
