namespace TiersPayant.Data.Guard;

/// <summary>
/// What is usual for one counting scope (an account, an API client, a practice) or for a whole
/// profession (<c>profession:CODE</c>), learned by the guard from recent weeks of its reserved
/// counts: the busiest ten minutes, hour and day, the hours of the week it works, the networks it
/// works from, and the share of the people it reached that it followed up with an agreement or an
/// invoice. The detector measures each request against it.
/// </summary>
public sealed class GuardBaselineRecord
{
    /// <summary><c>account:ID</c>, <c>client:ID</c>, <c>practice:ID</c> or <c>profession:CODE</c>.</summary>
    public required string Scope { get; set; }

    /// <summary>The profession code of the scope's practice (or of the profession row).</summary>
    public required string Profession { get; set; }

    /// <summary>Days in the learning window with at least one person reached.</summary>
    public int ActiveDays { get; set; }

    /// <summary>The most distinct people reached in any ten minutes (a profession row: the 95th percentile of its scopes').</summary>
    public int MaxTenMinutes { get; set; }

    /// <summary>The most distinct people reached in any clock hour.</summary>
    public int MaxHourly { get; set; }

    /// <summary>The most distinct people reached in any day (Paris time).</summary>
    public int MaxDaily { get; set; }

    /// <summary>168 characters, one per hour of the week from Monday 00:00 Paris time: <c>1</c> where the scope worked.</summary>
    public required string Hours { get; set; }

    /// <summary>The networks the scope worked from, comma-separated (at most twenty).</summary>
    public required string Networks { get; set; }

    /// <summary>Per mille of the people reached that the practice followed up (agreement or invoice); -1 when unknown.</summary>
    public int FollowUpPerMille { get; set; } = -1;

    /// <summary>UTC: when it was learned.</summary>
    public DateTime ComputedAt { get; set; }
}
