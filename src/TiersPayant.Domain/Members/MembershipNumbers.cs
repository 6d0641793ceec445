namespace TiersPayant.Domain.Members;

/// <summary>Membership numbers as printed on cards.</summary>
public static class MembershipNumbers
{
    /// <summary>The form numbers compare in: without spaces, in upper case.</summary>
    public static string Normalize(string membershipNumber)
    {
        ArgumentNullException.ThrowIfNull(membershipNumber);
        return membershipNumber.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
    }
}
