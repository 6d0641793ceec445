namespace TiersPayant.Data.Guard;

/// <summary>
/// A portal account or API client whose access to people's data the guard suspended, with the
/// evidence (counts, never whom) and how the security team's review ended. While its status is
/// <c>open</c> or <c>kept-closed</c>, the guard refuses the scope on every node.
/// </summary>
public sealed class ContainmentRecord
{
    public Guid Id { get; set; }

    /// <summary><c>account:ID</c> or <c>client:ID</c>.</summary>
    public required string Scope { get; set; }

    public Guid? AccountId { get; set; }

    public string? ClientId { get; set; }

    public Guid? PracticeId { get; set; }

    /// <summary>UTC.</summary>
    public DateTime ContainedAt { get; set; }

    /// <summary>A stable code, e.g. <c>daily-cap</c>.</summary>
    public required string Reason { get; set; }

    /// <summary>What the decision saw, in words an analyst reads: counts, windows, caps, channel, address.</summary>
    public required string Evidence { get; set; }

    /// <summary><c>open</c> (awaiting review), <c>restored</c> or <c>kept-closed</c>.</summary>
    public required string Status { get; set; }

    public DateTime? ReviewedAt { get; set; }

    public Guid? ReviewedBy { get; set; }

    /// <summary>What the reviewer found (a call to the practice, say), kept with the decision.</summary>
    public string? ReviewNote { get; set; }
}
