using System.Globalization;
using CsCheck;

namespace TiersPayant.Domain.Tests;

/// <summary>Generators of valid domain values for property tests.</summary>
public static class Generators
{
    /// <summary>Sex digits: 1 and 2, and 3, 4, 7, 8 for temporary numbers.</summary>
    public static readonly Gen<char> NirSex = Gen.OneOf('1', '2', '3', '4', '7', '8');

    /// <summary>Month fields: calendar months, and 20–42 / 50–99 when civil records were incomplete.</summary>
    public static readonly Gen<int> NirMonth = Gen.OneOf(Gen.Int[1, 12], Gen.Int[20, 42], Gen.Int[50, 99]);

    /// <summary>Metropolitan birthplace: département 01–95, with 2A and 2B in place of 20, and a 3-digit commune.</summary>
    public static readonly Gen<string> MetropolitanPlace =
        Gen.Select(
            Gen.Frequency((10, Gen.Int[1, 95].Where(d => d != 20).Select(d => Two(d))), (1, Gen.OneOf("2A", "2B"))),
            Gen.Int[1, 999],
            (department, commune) => department + Three(commune));

    /// <summary>Overseas birthplace: département 971–978 or 984–988 and a 2-digit commune.</summary>
    public static readonly Gen<string> OverseasPlace =
        Gen.Select(
            Gen.OneOf(Gen.Int[971, 978], Gen.Int[984, 988]),
            Gen.Int[1, 99],
            (department, commune) => department.ToString(CultureInfo.InvariantCulture) + Two(commune));

    /// <summary>Birth abroad: département 99 and a 3-digit country code.</summary>
    public static readonly Gen<string> AbroadPlace = Gen.Int[1, 999].Select(country => "99" + Three(country));

    /// <summary>The 13 characters before the key, of every shape.</summary>
    public static readonly Gen<string> NirBody =
        Gen.Select(
            NirSex,
            Gen.Int[0, 99],
            NirMonth,
            Gen.Frequency((6, MetropolitanPlace), (2, OverseasPlace), (2, AbroadPlace)),
            Gen.Int[1, 999],
            (sex, year, month, place, order) => sex + Two(year) + Two(month) + place + Three(order));

    /// <summary>A valid NIR, 15 characters, upper case, no spaces.</summary>
    public static readonly Gen<string> Nir = NirBody.Select(body => body + NirKey(body));

    /// <summary>A valid NIR of someone born in Corsica (2A or 2B).</summary>
    public static readonly Gen<string> CorsicanNir =
        Gen.Select(NirSex, Gen.Int[0, 99], NirMonth, Gen.OneOf("2A", "2B"), Gen.Int[1, 999], Gen.Int[1, 999],
            (sex, year, month, department, commune, order) => sex + Two(year) + Two(month) + department + Three(commune) + Three(order))
        .Select(body => body + NirKey(body));

    /// <summary>Any text: printable strings and arbitrary UTF-16 code units, unpaired surrogates included.</summary>
    public static readonly Gen<string> AnyText =
        Gen.OneOf(Gen.String, Gen.Char[char.MinValue, char.MaxValue].Array[0, 30].Select(chars => new string(chars)));

    /// <summary>
    /// The key of a NIR body, computed here independently of the domain code:
    /// 97 − (N mod 97), N being the 13 characters read as a number with 2A → 19 and 2B → 18.
    /// </summary>
    public static string NirKey(string body)
    {
        var department = body.Substring(5, 2).ToUpperInvariant() switch
        {
            "2A" => "19",
            "2B" => "18",
            var digits => digits,
        };
        var n = long.Parse(body[..5] + department + body[7..], CultureInfo.InvariantCulture);
        return Two((int)(97 - (n % 97)));
    }

    /// <summary>A NIR written the way people type it: groups separated by spaces.</summary>
    public static string Spaced(string nir)
    {
        var overseas = nir[5] == '9' && nir[6] is '7' or '8';
        return overseas
            ? $"{nir[..1]} {nir[1..3]} {nir[3..5]} {nir[5..8]} {nir[8..10]} {nir[10..13]} {nir[13..]}"
            : $"{nir[..1]} {nir[1..3]} {nir[3..5]} {nir[5..7]} {nir[7..10]} {nir[10..13]} {nir[13..]}";
    }

    /// <summary>Letters of the Latin script as they appear in names: ASCII and U+00C0–U+017F.</summary>
    public static readonly Gen<char> LatinLetter = Gen.Char[LatinLetters()];

    /// <summary>Separators that a name may carry between its words: space, hyphen, apostrophes, dot.</summary>
    public static readonly Gen<string> NameSeparator = Gen.Char[" -'\u2019."].Array[1, 3].Select(chars => new string(chars));

    /// <summary>One word of a name in ASCII letters, either case.</summary>
    public static readonly Gen<string> AsciiWord =
        Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"].Array[1, 10].Select(chars => new string(chars));

    /// <summary>One word of a name in Latin letters, accented or not.</summary>
    public static readonly Gen<string> LatinWord = LatinLetter.Array[1, 10].Select(chars => new string(chars));

    /// <summary>A name of one to four Latin words with any separators, before, between and after.</summary>
    public static readonly Gen<string> LatinName =
        Gen.Select(LatinWord.Array[1, 4], NameSeparator.Array[5], Gen.Bool, Gen.Bool, (words, separators, lead, trail) =>
            (lead ? separators[4] : "")
            + string.Concat(words.Select((word, i) => i == 0 ? word : separators[i - 1] + word))
            + (trail ? separators[3] : ""));

    private static string Two(int value) => value.ToString("D2", CultureInfo.InvariantCulture);

    private static string Three(int value) => value.ToString("D3", CultureInfo.InvariantCulture);

    private static string LatinLetters()
    {
        var letters = Enumerable.Range('A', 26).Concat(Enumerable.Range('a', 26)).Concat(Enumerable.Range(0xC0, 0x180 - 0xC0))
            .Select(c => (char)c)
            .Where(char.IsLetter);
        return new string([.. letters]);
    }
}
