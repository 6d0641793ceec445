namespace TiersPayant.Data.Guard;

/// <summary>
/// One distinct beneficiary reached by one counting scope (an account, an API client, a practice,
/// a member of staff) from a given instant: the guard's reserved count. Written by the guard in
/// the same transaction as its decision, so two requests never both take the last place under a cap.
/// </summary>
internal sealed class GuardReachRecord
{
    public Guid Id { get; set; }

    /// <summary><c>account:ID</c>, <c>client:ID</c>, <c>practice:ID</c> or <c>staff:ID</c>.</summary>
    public required string Scope { get; set; }

    public Guid BeneficiaryId { get; set; }

    /// <summary>UTC: when this scope first reached this person in the current day-long window.</summary>
    public DateTime FirstAt { get; set; }

    /// <summary>The network (address prefix) the person was first reached from, for the scope's baseline.</summary>
    public string? Network { get; set; }

    /// <summary>Keyed tag of the person's (insurer, membership number): never the number.</summary>
    public string? MemberTag { get; set; }

    /// <summary>Keyed tag of the block of ten membership numbers the person's belongs to.</summary>
    public string? BlockTag { get; set; }
}
