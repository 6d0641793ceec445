using System.Collections.Frozen;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using TiersPayant.Data.Configuration;

namespace TiersPayant.Data.Protection;

/// <summary>
/// The keys that protect personal data at rest: AES-256 data keys, each with a numeric
/// identifier stored beside every value it encrypted (so keys can rotate), and the HMAC key of
/// the blind index. Loaded from configuration (section <c>Encryption</c>).
/// </summary>
internal sealed class KeyRing
{
    public const int KeySize = 32;

    private readonly FrozenDictionary<uint, byte[]> _keys;

    public KeyRing(IReadOnlyDictionary<uint, byte[]> keys, uint currentKeyId, byte[] blindIndexKey)
    {
        if (keys.Count == 0)
        {
            throw new InvalidOperationException("Encryption: no data key is configured.");
        }

        foreach (var (id, key) in keys)
        {
            if (key.Length != KeySize)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Encryption: key {id} must be {KeySize} bytes (base64 of 32 random bytes)."));
            }
        }

        if (!keys.ContainsKey(currentKeyId))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Encryption: the current key {currentKeyId} is not among the keys."));
        }

        if (blindIndexKey.Length != KeySize)
        {
            throw new InvalidOperationException("Encryption: the blind-index key must be 32 bytes (base64 of 32 random bytes).");
        }

        _keys = keys.ToFrozenDictionary();
        CurrentKeyId = currentKeyId;
        BlindIndexKey = blindIndexKey;
    }

    /// <summary>The key new values are encrypted with.</summary>
    public uint CurrentKeyId { get; }

    /// <summary>The HMAC-SHA256 key of the blind index.</summary>
    internal byte[] BlindIndexKey { get; }

    /// <summary>Identifiers of every key that can decrypt.</summary>
    public IEnumerable<uint> KeyIds => _keys.Keys;

    internal byte[] Key(uint id) =>
        _keys.TryGetValue(id, out var key)
            ? key
            : throw new CryptographicKeyMissingException(id);

    /// <summary>True when the keys were generated on this machine for the embedded default.</summary>
    public bool Generated { get; private init; }

    /// <summary>
    /// The keys of section <c>Encryption</c>; when none are configured, those of the data
    /// folder's keys file, generated on first use.
    /// </summary>
    public static KeyRing Load(IConfiguration configuration)
    {
        var section = configuration.GetSection(EncryptionOptions.Section);
        if (!section.GetSection(nameof(EncryptionOptions.Keys)).GetChildren().Any())
        {
            var path = KeyFile.EnsureExists(configuration.DataDirectory());
            section = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build()
                .GetSection(EncryptionOptions.Section);
        }

        var options = section.Get<EncryptionOptions>() ?? new EncryptionOptions();
        var ring = From(options);
        return options.Generated ? new KeyRing(ring._keys, ring.CurrentKeyId, ring.BlindIndexKey) { Generated = true } : ring;
    }

    /// <summary>Builds the ring from bound options.</summary>
    public static KeyRing From(EncryptionOptions options)
    {
        var keys = new Dictionary<uint, byte[]>();
        foreach (var (id, material) in options.Keys)
        {
            if (!uint.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var keyId))
            {
                throw new InvalidOperationException("Encryption: key identifiers are positive integers.");
            }

            keys[keyId] = Decode(material, "Encryption:Keys");
        }

        return new KeyRing(keys, options.CurrentKeyId, Decode(options.BlindIndexKey, "Encryption:BlindIndexKey"));
    }

    private static byte[] Decode(string? base64, string name)
    {
        try
        {
            return Convert.FromBase64String(base64 ?? string.Empty);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{name} must be base64.");
        }
    }
}

/// <summary>A value was encrypted with a key that is no longer configured.</summary>
public sealed class CryptographicKeyMissingException(uint keyId)
    : InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Encryption key {keyId} is not configured; it is needed to decrypt stored data."));
