namespace TiersPayant.Domain.Claims;

/// <summary>Where an invoice stands.</summary>
public enum ClaimStatus
{
    /// <summary><c>accepted</c>: to be paid at the amounts adjudicated.</summary>
    Accepted,

    /// <summary><c>rejected</c>: nothing is paid; the reasons say why.</summary>
    Rejected,

    /// <summary><c>cancelled</c>: an accepted invoice withdrawn by its practice before payment.</summary>
    Cancelled,
}

/// <summary>Wire codes and transitions of <see cref="ClaimStatus"/>.</summary>
public static class ClaimStatuses
{
    /// <summary>The lower-case wire code, e.g. <c>accepted</c>.</summary>
    public static string Code(this ClaimStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>Reads a wire code.</summary>
    public static bool TryParse(string? code, out ClaimStatus status) =>
        WireCodes.TryParse(code, Enum.GetValues<ClaimStatus>(), Code, out status);

    /// <summary>Reads a stored wire code; an unknown one is a corrupt row.</summary>
    public static ClaimStatus Parse(string code) =>
        TryParse(code, out var status) ? status : throw WireCodes.Unknown(nameof(ClaimStatus));

    /// <summary>
    /// Why an invoice cannot be cancelled, or null when it can: an accepted invoice can, paid or
    /// not (a paid one is recovered from the practice's next payment); anything else cannot
    /// (<c>not-accepted</c>).
    /// </summary>
    public static string? WhyNotCancellable(ClaimStatus status) =>
        status != ClaimStatus.Accepted ? "not-accepted" : null;
}
