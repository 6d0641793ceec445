namespace TiersPayant.Data.Guard;

/// <summary>
/// The security event log of the guard: every decision other than "allow" (throttles today;
/// step-ups and containments next) and every switch change, kept durably for the security
/// console: who, through which channel and address, why. Never a beneficiary's identifier or data.
/// </summary>
public sealed class GuardEventRecord
{
    public Guid Id { get; set; }

    /// <summary>UTC.</summary>
    public DateTime OccurredAt { get; set; }

    /// <summary><c>throttle</c>, <c>switch-closed</c> or <c>switch-opened</c>.</summary>
    public required string Decision { get; set; }

    /// <summary>A stable code, e.g. <c>hourly-cap</c>, <c>practice-hourly-cap</c>, <c>no-match-cap</c>.</summary>
    public required string Reason { get; set; }

    /// <summary><c>account</c>, <c>client</c>, <c>staff</c> or <c>operator</c> (the command line).</summary>
    public required string ActorKind { get; set; }

    public Guid? AccountId { get; set; }

    public string? ClientId { get; set; }

    public Guid? PracticeId { get; set; }

    /// <summary>For staff, their role; for a professional, the practice's profession.</summary>
    public string? Role { get; set; }

    public required string Channel { get; set; }

    public required string SourceAddress { get; set; }

    /// <summary>For a switch change: what was switched and why, as the operator gave it.</summary>
    public string? Detail { get; set; }
}
