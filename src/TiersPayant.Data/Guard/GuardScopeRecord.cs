namespace TiersPayant.Data.Guard;

/// <summary>
/// A counting scope's lock row: the guard updates it first in its transaction, which serialises
/// the decisions of one practice (or one member of staff) across every node sharing the database.
/// </summary>
internal sealed class GuardScopeRecord
{
    /// <summary><c>practice:ID</c> or <c>staff:ID</c>.</summary>
    public required string Scope { get; set; }

    /// <summary>Incremented by every decision taken under the lock.</summary>
    public long Decisions { get; set; }
}
