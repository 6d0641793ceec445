namespace TiersPayant.Data.Guard;

/// <summary>
/// A thrown switch: one surface closed for everyone, one profession, one practice, one account or
/// API client. Present while closed; opening deletes it (the history is in
/// <see cref="GuardEventRecord"/>, with who and why).
/// </summary>
public sealed class SwitchRecord
{
    public Guid Id { get; set; }

    /// <summary><c>portal</c>, <c>api</c> or <c>fhir</c>.</summary>
    public required string Surface { get; set; }

    /// <summary><c>everyone</c>, <c>profession</c>, <c>practice</c>, <c>account</c> or <c>client</c>.</summary>
    public required string Level { get; set; }

    /// <summary>The profession code, practice or account identifier, or client identifier; empty for everyone.</summary>
    public required string Target { get; set; }

    /// <summary>UTC.</summary>
    public DateTime ClosedAt { get; set; }

    /// <summary>Who threw it: a staff login, or <c>operator</c> on the command line.</summary>
    public required string ClosedBy { get; set; }

    /// <summary>Why, as given.</summary>
    public required string Reason { get; set; }
}
