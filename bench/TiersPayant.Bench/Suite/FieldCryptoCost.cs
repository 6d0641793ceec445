using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace TiersPayant.Bench.Suite;

/// <summary>
/// The field protection a rights check does, with the same public primitives and sizes, timed in
/// process. Field encryption cannot be switched off by configuration (the cipher is internal to the
/// guarded path, on purpose), so B6 is this cost set against the server's measured CPU time a
/// rights check, not a second B1 run. A card without a birth rank is looked up under ranks 1 to 3,
/// so a check computes 3 card tags, 3 identity indexes and decrypts 3 rows (the person or a decoy),
/// each with its NIR and identity (AES-256-GCM, a cipher object per value as the platform does);
/// then 3 tags again for the admission and one pseudonym for the disclosure record.
/// </summary>
internal static class FieldCryptoCost
{
    private const int Hmacs = 3 + 3 + 3 + 1;
    private const int Decryptions = 3 * 2;

    /// <summary>Milliseconds of field protection in one rights check: the best of five passes.</summary>
    public static double PerRightsCheckMilliseconds(int checks = 20_000)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var indexKey = RandomNumberGenerator.GetBytes(32);
        var message = Encoding.UTF8.GetBytes("identity\u001f775000012\u001fB10000037\u001f1970-01-01\u001f1");
        var nonce = RandomNumberGenerator.GetBytes(12);
        var associated = Encoding.UTF8.GetBytes("beneficiary:00000000-0000-0000-0000-000000000000:identity");
        var nir = Seal(key, nonce, new byte[15], associated);
        var identity = Seal(key, nonce, new byte[96], associated);
        Span<byte> hash = stackalloc byte[32];
        var plain = new byte[96];
        var best = double.MaxValue;
        for (var pass = 0; pass < 5; pass++)
        {
            var started = Stopwatch.GetTimestamp();
            for (var check = 0; check < checks; check++)
            {
                for (var i = 0; i < Hmacs; i++)
                {
                    HMACSHA256.HashData(indexKey, message, hash);
                }

                for (var i = 0; i < Decryptions; i++)
                {
                    var (cipher, tag) = i % 2 == 0 ? nir : identity;
                    using var aes = new AesGcm(key, 16);
                    aes.Decrypt(nonce, cipher, tag, plain.AsSpan(0, cipher.Length), associated);
                }
            }

            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalMilliseconds / checks);
        }

        return best;
    }

    private static (byte[] Cipher, byte[] Tag) Seal(byte[] key, byte[] nonce, byte[] plain, byte[] associated)
    {
        using var aes = new AesGcm(key, 16);
        var (cipher, tag) = (new byte[plain.Length], new byte[16]);
        aes.Encrypt(nonce, plain, cipher, tag, associated);
        return (cipher, tag);
    }
}
