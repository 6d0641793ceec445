using System.Security.Cryptography;
using System.Text;

namespace TiersPayant.Data.Protection;

/// <summary>
/// Keyed HMAC-SHA256 of normalised values, for exact look-ups of encrypted data (by card, by
/// identity, by NIR) without storing the values. Each purpose has its own label, so an index of
/// one kind cannot be compared with another.
/// </summary>
internal sealed class BlindIndex(KeyRing keys)
{
    private const char Separator = '\u001f';

    /// <summary>The index of <paramref name="parts"/> for <paramref name="purpose"/>.</summary>
    public byte[] Compute(string purpose, params ReadOnlySpan<string> parts)
    {
        var builder = new StringBuilder(purpose);
        foreach (var part in parts)
        {
            builder.Append(Separator).Append(part);
        }

        return HMACSHA256.HashData(keys.BlindIndexKey, Encoding.UTF8.GetBytes(builder.ToString()));
    }
}
