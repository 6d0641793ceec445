namespace TiersPayant.Data.Accounts;

/// <summary>A single-use recovery code, stored as a keyed hash.</summary>
public sealed class RecoveryCodeRecord
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public required byte[] CodeHash { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
