using TiersPayant.Data.Accounts;


namespace TiersPayant.Security.Accounts;

/// <summary>Values of <see cref="AccountRecord.Kind"/>.</summary>
public static class AccountKinds
{
    /// <summary>A health professional of one practice.</summary>
    public const string Professional = "professional";

    /// <summary>Platform or insurer staff.</summary>
    public const string Staff = "staff";
}

/// <summary>Staff roles.</summary>
public static class StaffRoles
{
    /// <summary>Security operations: alerts, containment, switches.</summary>
    public const string Security = "security";

    /// <summary>Support: helps professionals, sees no beneficiary data.</summary>
    public const string Support = "support";

    /// <summary>An insurer's manager, for one insurer.</summary>
    public const string InsurerManager = "insurer-manager";

    /// <summary>The data-protection officer: breach scope and notifications.</summary>
    public const string DataProtectionOfficer = "dpo";

    /// <summary>Platform administrator: accounts, sessions.</summary>
    public const string Administrator = "admin";

    /// <summary>Every role.</summary>
    public static IReadOnlyList<string> All { get; } = [Security, Support, InsurerManager, DataProtectionOfficer, Administrator];
}
