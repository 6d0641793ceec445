using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace TiersPayant.Security.Audit;

/// <summary>
/// C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 signatures, made and checked with
/// NSec (libsodium): the format transparency-log tooling reads for checkpoints. A note is text
/// ending in a newline, a blank line, then one line per signature, <c>— NAME BASE64(KEYHASH ‖ SIG)</c>;
/// the key hash is the first four bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key), and the
/// verifier key is <c>NAME+HEX(KEYHASH)+BASE64(0x01 ‖ PUBLIC KEY)</c>.
/// </summary>
public sealed class NoteSigner : IDisposable
{
    private const byte Ed25519Type = 0x01;
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    private readonly Key _key;

    private NoteSigner(string name, Key key)
    {
        (Name, _key) = (name, key);
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        KeyHash = SignedNotes.KeyHash(name, PublicKey);
    }

    /// <summary>The key's name (the log's origin): no spaces, no <c>+</c>.</summary>
    public string Name { get; }

    /// <summary>The 32-byte Ed25519 public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The key hash that names this key in signature lines.</summary>
    public uint KeyHash { get; }

    /// <summary>The verifier key an auditor or witness is given: <c>NAME+HEX+BASE64</c>.</summary>
    public string VerifierKey => string.Create(CultureInfo.InvariantCulture, $"{Name}+{KeyHash:x8}+{Convert.ToBase64String([Ed25519Type, .. PublicKey])}");

    /// <summary>A new key pair for <paramref name="name"/>.</summary>
    public static NoteSigner Create(string name) =>
        new(SignedNotes.CheckName(name), Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));

    /// <summary>The key pair of <paramref name="name"/> from its 32-byte private key (as <see cref="ExportPrivateKey"/> wrote it).</summary>
    public static NoteSigner Import(string name, ReadOnlySpan<byte> privateKey) =>
        new(SignedNotes.CheckName(name), Key.Import(Algorithm, privateKey, KeyBlobFormat.RawPrivateKey,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));

    /// <summary>The 32-byte private key, to keep outside the database (a file or a secret store).</summary>
    public byte[] ExportPrivateKey() => _key.Export(KeyBlobFormat.RawPrivateKey);

    /// <summary>The signed note of <paramref name="text"/> (which must end with a newline).</summary>
    public string Sign(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || !text.EndsWith('\n'))
        {
            throw new ArgumentException("A note's text ends with a newline.", nameof(text));
        }

        var signature = Algorithm.Sign(_key, Encoding.UTF8.GetBytes(text));
        var blob = new byte[4 + signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(blob, KeyHash);
        signature.CopyTo(blob, 4);
        return $"{text}\n\u2014 {Name} {Convert.ToBase64String(blob)}\n";
    }

    /// <summary>Forgets the private key.</summary>
    public void Dispose() => _key.Dispose();
}

/// <summary>Checking C2SP signed notes, and the checkpoint text of C2SP tlog-checkpoint.</summary>
public static class SignedNotes
{
    /// <summary>The text of <paramref name="note"/> when a signature by <paramref name="verifierKey"/> checks; null otherwise.</summary>
    public static string? Verify(string note, string verifierKey)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(verifierKey);
        if (!TryParseVerifier(verifierKey, out var name, out var hash, out var publicKey))
        {
            return null;
        }

        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0 || !note.EndsWith('\n'))
        {
            return null;
        }

        var text = note[..(split + 1)];
        var prefix = $"\u2014 {name} ";
        foreach (var line in note[(split + 2)..^1].Split('\n'))
        {
            if (!line.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var blob = TryBase64(line[prefix.Length..]);
            if (blob is not { Length: 4 + 64 } || BinaryPrimitives.ReadUInt32BigEndian(blob) != hash)
            {
                continue;
            }

            var key = NSec.Cryptography.PublicKey.Import(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey);
            if (SignatureAlgorithm.Ed25519.Verify(key, Encoding.UTF8.GetBytes(text), blob.AsSpan(4)))
            {
                return text;
            }
        }

        return null;
    }

    /// <summary>A checkpoint's text: the log's origin, its size, and its root hash in base64, each on a line.</summary>
    public static string Checkpoint(string origin, long size, ReadOnlySpan<byte> root) =>
        string.Create(CultureInfo.InvariantCulture, $"{CheckName(origin)}\n{size}\n{Convert.ToBase64String(root)}\n");

    /// <summary>Reads a checkpoint's text; false when it is not one.</summary>
    public static bool TryParseCheckpoint(string text, out string origin, out long size, out byte[] root)
    {
        ArgumentNullException.ThrowIfNull(text);
        (origin, size, root) = (string.Empty, 0, []);
        var lines = text.Split('\n');
        if (lines.Length < 4 || lines[^1].Length != 0 || lines[0].Length == 0
            || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out size) || TryBase64(lines[2]) is not { Length: 32 } hash)
        {
            return false;
        }

        (origin, root) = (lines[0], hash);
        return true;
    }

    internal static uint KeyHash(string name, ReadOnlySpan<byte> publicKey)
    {
        var input = new byte[Encoding.UTF8.GetByteCount(name) + 2 + publicKey.Length];
        var written = Encoding.UTF8.GetBytes(name, input);
        input[written] = (byte)'\n';
        input[written + 1] = 0x01;
        publicKey.CopyTo(input.AsSpan(written + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    internal static string CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || c == '+'))
        {
            throw new ArgumentException("A key name or origin is not empty and has no spaces or '+'.", nameof(name));
        }

        return name;
    }

    private static bool TryParseVerifier(string verifierKey, out string name, out uint hash, out byte[] publicKey)
    {
        (name, hash, publicKey) = (string.Empty, 0, []);
        var parts = verifierKey.Split('+', 3); // the key's base64 may hold '+' itself
        if (parts.Length != 3 || parts[0].Length == 0
            || !uint.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out hash)
            || TryBase64(parts[2]) is not [0x01, .. var key] || key.Length != 32 || KeyHash(parts[0], key) != hash)
        {
            return false;
        }

        (name, publicKey) = (parts[0], key);
        return true;
    }

    private static byte[]? TryBase64(string text)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}
