using System.Security.Cryptography;

namespace TiersPayant.Guard;

/// <summary>References given to professionals (rights checks, agreements, claims): a prefix and 10 random characters.</summary>
internal static class References
{
    // Crockford's base 32: no I, L, O or U, so a reference read over the phone is not misheard.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New(string prefix) => prefix + "-" + RandomNumberGenerator.GetString(Alphabet, 10);
}
