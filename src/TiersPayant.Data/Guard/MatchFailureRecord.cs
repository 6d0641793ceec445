namespace TiersPayant.Data.Guard;

/// <summary>A presented card and person that matched nobody: counted against the caller.</summary>
internal sealed class MatchFailureRecord
{
    public Guid Id { get; set; }

    /// <summary><c>account:ID</c> or <c>client:ID</c>.</summary>
    public required string ActorKey { get; set; }

    public DateTime OccurredAt { get; set; }
}
