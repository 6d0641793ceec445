namespace TiersPayant.Domain.Eligibility;

/// <summary>The answer to a rights check.</summary>
public enum EligibilityStatus
{
    /// <summary><c>covered</c>: at least one domain asked about is covered on the care date.</summary>
    Covered,

    /// <summary><c>not-covered</c>: the person was found; no domain asked about is covered that day.</summary>
    NotCovered,

    /// <summary><c>no-match</c>: the single answer for every mismatch, which never says which field was wrong.</summary>
    NoMatch,
}

/// <summary>Wire codes of <see cref="EligibilityStatus"/>.</summary>
public static class EligibilityStatuses
{
    /// <summary>The wire code: <c>covered</c>, <c>not-covered</c> or <c>no-match</c>.</summary>
    public static string Code(this EligibilityStatus status) => status switch
    {
        EligibilityStatus.Covered => "covered",
        EligibilityStatus.NotCovered => "not-covered",
        EligibilityStatus.NoMatch => "no-match",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>Reads a wire code.</summary>
    public static bool TryParse(string? code, out EligibilityStatus status) =>
        WireCodes.TryParse(code, Enum.GetValues<EligibilityStatus>(), Code, out status);

    /// <summary>Reads a stored wire code; an unknown one is a corrupt row.</summary>
    public static EligibilityStatus Parse(string code) =>
        TryParse(code, out var status) ? status : throw WireCodes.Unknown(nameof(EligibilityStatus));
}
