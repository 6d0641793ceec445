namespace TiersPayant.Security.Audit;

/// <summary>
/// <c>Audit</c>: the disclosure log's Merkle tree, its checkpoints and their signing key, and how
/// long records are kept.
/// </summary>
public sealed class AuditOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Audit";

    /// <summary>The file name of the generated signing key in the data folder.</summary>
    public const string DefaultKeyFile = "audit-signing.key";

    /// <summary>
    /// The log's origin, the first line of every checkpoint and the name of its key: a schema-less
    /// URL-like name, unique to this deployment (e.g. <c>tierspayant.example.fr/disclosures</c>).
    /// </summary>
    public string Origin { get; set; } = "tierspayant.localhost/disclosures";

    /// <summary>
    /// The file holding the checkpoint signing key (base64 of the 32-byte Ed25519 private key),
    /// outside the database: a secret mounted by the orchestrator in production. Default:
    /// <c>DATA/audit-signing.key</c>, generated on first use (owner-only) for the embedded default.
    /// </summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>How often a running server signs a new checkpoint when the log grew (at least every minute).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long disclosure records are kept before they may be purged (whole signed ranges only).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(365);
}
