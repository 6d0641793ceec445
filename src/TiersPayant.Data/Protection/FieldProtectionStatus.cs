namespace TiersPayant.Data.Protection;

/// <summary>
/// What the host may know about the keys that protect personal data, without the keys: whether
/// they were generated for the embedded default, and where. Resolving it loads the key ring, so
/// wrong keys fail the start rather than the first request.
/// </summary>
public sealed class FieldProtectionStatus
{
    internal FieldProtectionStatus(bool generated, string? keysFile) => (Generated, KeysFile) = (generated, keysFile);

    /// <summary>True when the keys were generated on this machine for the embedded default.</summary>
    public bool Generated { get; }

    /// <summary>The generated keys file, when <see cref="Generated"/>.</summary>
    public string? KeysFile { get; }
}
