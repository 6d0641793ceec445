using System.Collections.Frozen;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using TiersPayant.Data.Configuration;

namespace TiersPayant.Data.Protection;

/// <summary>
/// The keys that protect personal data at rest: AES-256 data keys, each with a numeric
/// identifier stored beside every value it encrypted (so keys can rotate), and the HMAC key of
/// the blind index. Loaded from configuration (section <c>Encryption</c>), or from a keys file
/// that <c>tiers keys rotate</c> adds keys to: a ring read from a file notices a new key within
/// <see cref="ReloadInterval"/>, and at once when asked for a key it does not hold, so every node
/// reads what another node's rotation wrote.
/// </summary>
internal sealed class KeyRing
{
    public const int KeySize = 32;

    /// <summary>How often a ring read from a file looks whether the file changed.</summary>
    public static readonly TimeSpan ReloadInterval = TimeSpan.FromSeconds(2);

    private readonly Lock _reloading = new();
    private volatile Snapshot _snapshot;
    private long _nextCheck;
    private (DateTime Written, long Length) _fileStamp;

    public KeyRing(IReadOnlyDictionary<uint, byte[]> keys, uint currentKeyId, byte[] blindIndexKey)
    {
        _snapshot = Validate(keys, currentKeyId);
        if (blindIndexKey.Length != KeySize)
        {
            throw new InvalidOperationException("Encryption: the blind-index key must be 32 bytes (base64 of 32 random bytes).");
        }

        BlindIndexKey = blindIndexKey;
    }

    /// <summary>The key new values are encrypted with.</summary>
    public uint CurrentKeyId
    {
        get
        {
            ReloadIfChanged(force: false);
            return _snapshot.Current;
        }
    }

    /// <summary>The HMAC-SHA256 key of the blind index.</summary>
    internal byte[] BlindIndexKey { get; }

    /// <summary>Identifiers of every key that can decrypt.</summary>
    public IEnumerable<uint> KeyIds
    {
        get
        {
            ReloadIfChanged(force: false);
            return _snapshot.Keys.Keys;
        }
    }

    /// <summary>True when the keys were generated on this machine for the embedded default.</summary>
    public bool Generated { get; private init; }

    /// <summary>The keys file this ring reads, or null when the keys come from configuration (they cannot be added to from here).</summary>
    public string? File { get; private init; }

    internal byte[] Key(uint id)
    {
        if (_snapshot.Keys.TryGetValue(id, out var key))
        {
            return key;
        }

        // Another node may have added it: read the file once more before failing.
        ReloadIfChanged(force: true);
        return _snapshot.Keys.TryGetValue(id, out key) ? key : throw new CryptographicKeyMissingException(id);
    }

    /// <summary>
    /// The keys of section <c>Encryption</c>; when none are configured, those of the keys file
    /// (<c>Encryption:KeysFile</c>, which must exist, or the data folder's <c>keys.json</c>,
    /// generated on first use).
    /// </summary>
    public static KeyRing Load(IConfiguration configuration)
    {
        var section = configuration.GetSection(EncryptionOptions.Section);
        if (section.GetSection(nameof(EncryptionOptions.Keys)).GetChildren().Any())
        {
            return From(section.Get<EncryptionOptions>() ?? new EncryptionOptions());
        }

        var path = section[nameof(EncryptionOptions.KeysFile)] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : KeyFile.EnsureExists(configuration.DataDirectory());
        var options = KeyFile.Read(path);
        var ring = From(options);
        return new KeyRing(ring._snapshot.Keys, ring._snapshot.Current, ring.BlindIndexKey)
        {
            Generated = options.Generated,
            File = path,
            _fileStamp = KeyFile.Stamp(path),
            _nextCheck = Environment.TickCount64 + (long)ReloadInterval.TotalMilliseconds,
        };
    }

    /// <summary>Builds the ring from bound options.</summary>
    public static KeyRing From(EncryptionOptions options)
    {
        var (keys, current) = Parse(options);
        return new KeyRing(keys, current, Decode(options.BlindIndexKey, "Encryption:BlindIndexKey"));
    }

    /// <summary>Reads the keys file again now, if this ring has one.</summary>
    public void Reload() => ReloadIfChanged(force: true);

    private void ReloadIfChanged(bool force)
    {
        if (File is null || (!force && Environment.TickCount64 < Volatile.Read(ref _nextCheck)))
        {
            return;
        }

        lock (_reloading)
        {
            Volatile.Write(ref _nextCheck, Environment.TickCount64 + (long)ReloadInterval.TotalMilliseconds);
            var stamp = KeyFile.Stamp(File);
            if (!force && stamp == _fileStamp)
            {
                return;
            }

            var options = KeyFile.Read(File);
            if (!Decode(options.BlindIndexKey, "Encryption:BlindIndexKey").AsSpan().SequenceEqual(BlindIndexKey))
            {
                throw new InvalidOperationException("Encryption: the keys file's blind-index key changed; it is never rotated (every index would be lost).");
            }

            var (keys, current) = Parse(options);
            var next = Validate(keys, current);
            foreach (var (id, key) in _snapshot.Keys)
            {
                if (!next.Keys.TryGetValue(id, out var kept) || !kept.AsSpan().SequenceEqual(key))
                {
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Encryption: key {id} was removed from or changed in the keys file; keys that encrypted data are kept."));
                }
            }

            _snapshot = next;
            _fileStamp = stamp;
        }
    }

    private static (Dictionary<uint, byte[]> Keys, uint Current) Parse(EncryptionOptions options)
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

        return (keys, options.CurrentKeyId);
    }

    private static Snapshot Validate(IReadOnlyDictionary<uint, byte[]> keys, uint currentKeyId)
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

        return new Snapshot(keys.ToFrozenDictionary(), currentKeyId);
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

    private sealed record Snapshot(FrozenDictionary<uint, byte[]> Keys, uint Current);
}

/// <summary>A value was encrypted with a key that is no longer configured.</summary>
public sealed class CryptographicKeyMissingException(uint keyId)
    : InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Encryption key {keyId} is not configured; it is needed to decrypt stored data."));
