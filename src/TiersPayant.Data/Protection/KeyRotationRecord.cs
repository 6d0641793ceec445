using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiersPayant.Data.Protection;

/// <summary>
/// One re-encryption under a new data key, as it goes: how many encrypted values there were to
/// look at, how many were looked at and how many re-encrypted so far, and when it ended. Written by
/// whichever process re-encrypts, so every node's security console shows the same progress.
/// </summary>
internal sealed class KeyRotationRecord
{
    public Guid Id { get; set; }

    /// <summary>The key values are re-encrypted under.</summary>
    public long KeyId { get; set; }

    /// <summary>UTC.</summary>
    public DateTime StartedAt { get; set; }

    /// <summary>UTC of the latest progress.</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>UTC; null while it runs (or if it was stopped: <c>tiers keys reencrypt</c> takes it up again).</summary>
    public DateTime? FinishedAt { get; set; }

    /// <summary>Rows holding encrypted values (beneficiaries, authenticator secrets) when it started.</summary>
    public long Total { get; set; }

    /// <summary>Rows looked at so far.</summary>
    public long Scanned { get; set; }

    /// <summary>Values re-encrypted so far.</summary>
    public long Reencrypted { get; set; }
}

internal sealed class KeyRotationConfiguration : IEntityTypeConfiguration<KeyRotationRecord>
{
    public void Configure(EntityTypeBuilder<KeyRotationRecord> builder)
    {
        builder.ToTable("key_rotations");
        builder.HasIndex(r => r.StartedAt);
    }
}
