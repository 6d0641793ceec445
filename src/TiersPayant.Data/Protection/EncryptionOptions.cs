namespace TiersPayant.Data.Protection;

/// <summary>
/// Configuration section <c>Encryption</c>. Production supplies its own keys (environment,
/// secret store); the embedded default generates them into <c>data/keys.json</c>.
/// </summary>
public sealed class EncryptionOptions
{
    public const string Section = "Encryption";

    /// <summary>Data keys by identifier: base64 of 32 random bytes each.</summary>
    public Dictionary<string, string> Keys { get; init; } = [];

    /// <summary>The key new values are encrypted with.</summary>
    public uint CurrentKeyId { get; set; }

    /// <summary>HMAC key of the blind index: base64 of 32 random bytes. Not rotated with the data keys.</summary>
    public string? BlindIndexKey { get; set; }

    /// <summary>
    /// A keys file of this shape (section <c>Encryption</c>) to read the keys from, when
    /// <see cref="Keys"/> is not configured: every node reads the same file (a mounted secret) and
    /// <c>tiers keys rotate</c> adds keys to it. Default: the data folder's <c>keys.json</c>.
    /// </summary>
    public string? KeysFile { get; set; }

    /// <summary>True when the keys were generated on this machine for the embedded default.</summary>
    public bool Generated { get; set; }
}
