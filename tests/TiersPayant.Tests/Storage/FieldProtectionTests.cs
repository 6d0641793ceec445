using System.Security.Cryptography;
using System.Text;
using TiersPayant.Data.Protection;

namespace TiersPayant.Tests.Storage;

public sealed class FieldProtectionTests
{
    private static readonly byte[] BlindKey = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] Aad = Encoding.ASCII.GetBytes("beneficiary:1:nir");

    private static KeyRing Ring(uint current, params uint[] ids) =>
        new(ids.ToDictionary(id => id, id => SHA256.HashData(BitConverter.GetBytes(id))), current, BlindKey);

    [Fact]
    public void A_field_round_trips_and_its_blob_holds_no_clear_text()
    {
        var cipher = new FieldCipher(Ring(1, 1));
        var clear = Encoding.ASCII.GetBytes("206127511100564");

        var blob = cipher.Encrypt(clear, Aad);

        Assert.Equal(clear, cipher.Decrypt(blob, Aad));
        Assert.DoesNotContain("206127511100564", Encoding.ASCII.GetString(blob), StringComparison.Ordinal);
        Assert.NotEqual(blob, cipher.Encrypt(clear, Aad)); // a fresh nonce each time
    }

    [Fact]
    public void A_tampered_blob_or_one_moved_to_another_row_does_not_decrypt()
    {
        var cipher = new FieldCipher(Ring(1, 1));
        var blob = cipher.Encrypt("Léa"u8, Aad);
        var tampered = (byte[])blob.Clone();
        tampered[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(tampered, Aad));
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(blob, "beneficiary:2:nir"u8));
    }

    [Fact]
    public void After_rotation_old_values_still_decrypt_and_new_ones_use_the_new_key()
    {
        var before = new FieldCipher(Ring(1, 1));
        var old = before.Encrypt("ancien"u8, Aad);

        var after = new FieldCipher(Ring(2, 1, 2));
        var fresh = after.Encrypt("nouveau"u8, Aad);

        Assert.Equal(1u, FieldCipher.KeyIdOf(old));
        Assert.Equal(2u, FieldCipher.KeyIdOf(fresh));
        Assert.Equal("ancien"u8.ToArray(), after.Decrypt(old, Aad));
    }

    [Fact]
    public void A_value_whose_key_is_gone_fails_with_the_key_id_only()
    {
        var old = new FieldCipher(Ring(1, 1)).Encrypt("206127511100564"u8, Aad);

        var error = Assert.Throws<CryptographicKeyMissingException>(() => new FieldCipher(Ring(2, 2)).Decrypt(old, Aad));

        Assert.Contains("key 1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("2061275", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_blind_index_is_stable_per_key_and_separates_purposes()
    {
        var index = new BlindIndex(Ring(1, 1));
        var otherKey = new BlindIndex(new KeyRing(new Dictionary<uint, byte[]> { [1] = new byte[32] }, 1, RandomNumberGenerator.GetBytes(32)));

        Assert.Equal(index.Compute("nir", "206127511100564"), index.Compute("nir", "206127511100564"));
        Assert.NotEqual(index.Compute("nir", "206127511100564"), index.Compute("member", "206127511100564"));
        Assert.NotEqual(index.Compute("nir", "206127511100564"), otherKey.Compute("nir", "206127511100564"));
        // Parts are separated, so ("ab","c") and ("a","bc") differ.
        Assert.NotEqual(index.Compute("x", "ab", "c"), index.Compute("x", "a", "bc"));
    }

    [Fact]
    public void Keys_of_the_wrong_size_are_refused_at_start()
    {
        var options = new EncryptionOptions { CurrentKeyId = 1, Keys = { ["1"] = Convert.ToBase64String(new byte[16]) }, BlindIndexKey = Convert.ToBase64String(new byte[32]) };

        var error = Assert.Throws<InvalidOperationException>(() => KeyRing.From(options));

        Assert.Contains("32 bytes", error.Message, StringComparison.Ordinal);
    }
}
