using System.Buffers.Binary;
using System.Security.Cryptography;

namespace TiersPayant.Data.Protection;

/// <summary>
/// Encrypts one field with AES-256-GCM. The stored blob is
/// <c>version (1) | key id (4, big-endian) | nonce (12) | tag (16) | ciphertext</c>; the
/// associated data binds the blob to its row and column so it cannot be moved to another.
/// </summary>
internal sealed class FieldCipher(KeyRing keys)
{
    private const byte Version = 1;
    private const int HeaderSize = 1 + 4;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int Overhead = HeaderSize + NonceSize + TagSize;

    /// <summary>Encrypts with the current key.</summary>
    public byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData) =>
        Encrypt(plaintext, associatedData, keys.CurrentKeyId);

    private byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, uint keyId)
    {
        var blob = new byte[Overhead + plaintext.Length];
        blob[0] = Version;
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(1, 4), keyId);
        var nonce = blob.AsSpan(HeaderSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys.Key(keyId), TagSize);
        aes.Encrypt(nonce, plaintext, blob.AsSpan(Overhead), blob.AsSpan(HeaderSize + NonceSize, TagSize), associatedData);
        return blob;
    }

    /// <summary>Decrypts with whichever configured key the blob names; fails if it was tampered with.</summary>
    public byte[] Decrypt(ReadOnlySpan<byte> blob, ReadOnlySpan<byte> associatedData)
    {
        if (blob.Length < Overhead || blob[0] != Version)
        {
            throw new CryptographicException("Not an encrypted field of a known version.");
        }

        var keyId = KeyIdOf(blob);
        var plaintext = new byte[blob.Length - Overhead];
        using var aes = new AesGcm(keys.Key(keyId), TagSize);
        aes.Decrypt(blob.Slice(HeaderSize, NonceSize), blob[Overhead..], blob.Slice(HeaderSize + NonceSize, TagSize), plaintext, associatedData);
        return plaintext;
    }

    /// <summary>
    /// The blob encrypted again under the current key, or null when it already is; the clear value
    /// exists only inside this method and is wiped before it returns.
    /// </summary>
    public byte[]? Reencrypt(ReadOnlySpan<byte> blob, ReadOnlySpan<byte> associatedData, uint currentKeyId)
    {
        if (blob.Length >= Overhead && KeyIdOf(blob) == currentKeyId)
        {
            return null;
        }

        var plaintext = Decrypt(blob, associatedData);
        try
        {
            return Encrypt(plaintext, associatedData, currentKeyId);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>The identifier of the key a blob was encrypted with.</summary>
    public static uint KeyIdOf(ReadOnlySpan<byte> blob) => BinaryPrimitives.ReadUInt32BigEndian(blob.Slice(1, 4));
}
