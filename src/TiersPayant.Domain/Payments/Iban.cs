using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace TiersPayant.Domain.Payments;

/// <summary>
/// An International Bank Account Number (ISO 13616) of a SEPA country, where the platform pays
/// professionals: country code (2 letters), check digits (2), then the national account number
/// (BBAN), whose length depends on the country (<see cref="IbanCountries"/>).
/// </summary>
/// <remarks>
/// Only the country, the length and the mod-97 check are verified, not each country's BBAN
/// layout (bank and branch codes, national keys): the check digits already catch any digit
/// changed to another digit, any letter changed to another letter and any swap of two adjacent
/// digits (a letter mistyped as a digit slips through about once in a hundred). The default value
/// holds no number and its <see cref="Value"/> is empty.
/// </remarks>
public readonly record struct Iban
{
    private readonly string? _value;

    private Iban(string value) => _value = value;

    /// <summary>The electronic form: upper case, no spaces (<c>FR7630006000011234567890189</c>).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>The ISO 3166 country code, the first two letters (<c>FR</c>).</summary>
    public string CountryCode => _value is null ? string.Empty : _value[..2];

    /// <summary>The printed form: groups of 4 characters separated by spaces (<c>FR76 3000 6000 0112 3456 7890 189</c>).</summary>
    public string Printed
    {
        get
        {
            var value = Value;
            var printed = new StringBuilder(value.Length + (value.Length / 4));
            for (var i = 0; i < value.Length; i++)
            {
                if (i > 0 && i % 4 == 0)
                {
                    printed.Append(' ');
                }

                printed.Append(value[i]);
            }

            return printed.ToString();
        }
    }

    /// <summary>The electronic form, as <see cref="Value"/>.</summary>
    public override string ToString() => Value;

    /// <summary>
    /// Parses an IBAN in electronic or printed form; throws <see cref="FormatException"/> whose
    /// message carries the <see cref="BankingErrors"/> code, never the IBAN.
    /// </summary>
    public static Iban Parse(string text) =>
        TryParse(text, out var iban, out var error) ? iban : throw new FormatException($"Not a valid IBAN: {error}.");

    /// <summary>
    /// Parses an IBAN in electronic or printed form: white space anywhere is ignored, letters
    /// may be in any case. On failure <paramref name="error"/> is one of the
    /// <see cref="BankingErrors"/> codes, checked in this order: <c>required</c>, <c>format</c>,
    /// <c>country</c>, <c>length</c>, <c>checksum</c>.
    /// </summary>
    public static bool TryParse(string? text, out Iban iban, [NotNullWhen(false)] out string? error)
    {
        iban = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = BankingErrors.Required;
            return false;
        }

        var compact = Compact(text);
        error = Validate(compact);
        if (error is not null)
        {
            return false;
        }

        iban = new Iban(compact!);
        return true;
    }

    /// <summary>
    /// White space removed and ASCII letters upper-cased; null when any other character is
    /// present. Other letters are refused rather than upper-cased, since invariant casing would
    /// turn a few non-ASCII ones (<c>ı</c>, <c>ſ</c>) into ASCII.
    /// </summary>
    private static string? Compact(string text)
    {
        var compact = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            if (!char.IsAsciiLetterOrDigit(c))
            {
                return null;
            }

            compact.Append(char.ToUpperInvariant(c));
        }

        return compact.ToString();
    }

    private static string? Validate(string? v)
    {
        if (v is null || v.Length < 5
            || !char.IsAsciiLetter(v[0]) || !char.IsAsciiLetter(v[1])
            || !char.IsAsciiDigit(v[2]) || !char.IsAsciiDigit(v[3]))
        {
            return BankingErrors.Format;
        }

        if (!IbanCountries.Lengths.TryGetValue(v[..2], out var length))
        {
            return BankingErrors.Country;
        }

        if (v.Length != length)
        {
            return BankingErrors.Length;
        }

        // ISO 13616 check digits run from 02 to 98; 00, 01 and 99 would also leave remainder 1
        // for some numbers, but no bank issues them.
        var checkDigits = ((v[2] - '0') * 10) + (v[3] - '0');
        return checkDigits is >= 2 and <= 98 && Mod97(v) == 1 ? null : BankingErrors.Checksum;
    }

    /// <summary>
    /// The IBAN read as a number (first four characters moved to the end, A = 10 … Z = 35),
    /// modulo 97. Folded one character at a time so that the remainder stays below 97 × 100:
    /// no big integer is needed.
    /// </summary>
    private static int Mod97(string v)
    {
        var remainder = 0;
        for (var i = 0; i < v.Length; i++)
        {
            var c = v[(i + 4) % v.Length];
            remainder = char.IsAsciiDigit(c)
                ? ((remainder * 10) + (c - '0')) % 97
                : ((remainder * 100) + (c - 'A' + 10)) % 97;
        }

        return remainder;
    }
}
