using System.Globalization;

namespace TiersPayant.Accounts.ProSanteConnect;

/// <summary>Why a Pro Santé Connect login was refused: a metric tag and the page shown, never who it was.</summary>
public enum FederationRefusal
{
    /// <summary>No <c>acr</c>, one the configuration does not know, or one below the required level.</summary>
    AcrInsufficient,

    /// <summary>No usable <c>auth_time</c>, or one in the future.</summary>
    AuthTimeInvalid,

    /// <summary>The professional authenticated longer ago than the configuration allows.</summary>
    AuthTimeTooOld,

    /// <summary>The identity carries no RPPS number (an ADELI-only professional, a test identity…).</summary>
    IdentifierMissing,

    /// <summary>No professional account holds this RPPS number: federation never creates accounts.</summary>
    UnknownProfessional,

    /// <summary>The professional cancelled, or the provider refused them (<c>access_denied</c>).</summary>
    ProviderDenied,

    /// <summary>The provider answered with an error.</summary>
    ProviderError,

    /// <summary>The provider could not be reached to start the login.</summary>
    ProviderUnavailable,

    /// <summary>The answer failed the protocol's checks: state, correlation, token, signature, nonce.</summary>
    InvalidResponse,
}

/// <summary>
/// What a Pro Santé Connect identity must show before it opens a portal session. Pure: the
/// handler's events read the claims, this decides.
/// </summary>
public static class FederationPolicy
{
    /// <summary>Clocks of the provider and the platform may differ by this much.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>The refusal for this authentication level and time, or null when both are good enough.</summary>
    public static FederationRefusal? CheckAuthentication(string? acr, string? authTime, DateTimeOffset now, ProSanteConnectOptions options)
    {
        if (!AcrSatisfies(acr, options.AcrLevelList, options.RequiredAcr))
        {
            return FederationRefusal.AcrInsufficient;
        }

        if (!TryReadNumericDate(authTime, out var authenticatedAt) || authenticatedAt > now + ClockSkew)
        {
            return FederationRefusal.AuthTimeInvalid;
        }

        return now - authenticatedAt > options.MaxAuthenticationAge ? FederationRefusal.AuthTimeTooOld : null;
    }

    /// <summary>True when <paramref name="acr"/> is a known level at or above <paramref name="required"/>.</summary>
    public static bool AcrSatisfies(string? acr, IReadOnlyList<string> levels, string required)
    {
        var rank = IndexOf(levels, acr);
        var needed = IndexOf(levels, required);
        return rank >= 0 && needed >= 0 && rank >= needed;
    }

    /// <summary>
    /// The RPPS number in a national identifier of a health professional: Pro Santé Connect sends
    /// <c>8</c> followed by the 11-digit RPPS (an ADELI number starts with <c>0</c> and is not an
    /// RPPS); a bare 11-digit RPPS is taken as is. Null for anything else.
    /// </summary>
    public static string? Rpps(string? identifier) => identifier switch
    {
        { Length: 12 } when identifier[0] == '8' && AllDigits(identifier) => identifier[1..],
        { Length: 11 } when AllDigits(identifier) => identifier,
        _ => null,
    };

    private static int IndexOf(IReadOnlyList<string> levels, string? value)
    {
        for (var i = 0; i < levels.Count; i++)
        {
            if (string.Equals(levels[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    // A JSON numeric date (RFC 7519): seconds since 1970, possibly with a fraction.
    private static bool TryReadNumericDate(string? value, out DateTimeOffset instant)
    {
        instant = default;
        if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || seconds < 0 || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        instant = DateTimeOffset.FromUnixTimeSeconds((long)seconds);
        return true;
    }

    private static bool AllDigits(string value) => value.All(char.IsAsciiDigit);
}
