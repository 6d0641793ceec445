namespace TiersPayant.Data.Guard;

/// <summary>
/// A presented card and person that matched nobody: counted against the caller. The tags are keyed
/// hashes (never the values) that let the guard see guessing: one birth date tried with many names,
/// membership numbers that follow one another.
/// </summary>
internal sealed class MatchFailureRecord
{
    public Guid Id { get; set; }

    /// <summary><c>account:ID</c> or <c>client:ID</c>.</summary>
    public required string ActorKey { get; set; }

    public DateTime OccurredAt { get; set; }

    /// <summary>The caller's network (address prefix).</summary>
    public string? Network { get; set; }

    /// <summary>Keyed tag of the card's (insurer, membership number).</summary>
    public string? MemberTag { get; set; }

    /// <summary>Keyed tag of the card's block of ten membership numbers (all but the last character).</summary>
    public string? BlockTag { get; set; }

    /// <summary>Keyed tag of the presented birth date.</summary>
    public string? BirthTag { get; set; }
}
