using System.Globalization;

namespace TiersPayant.Domain.Identity;

/// <summary>
/// A French social-security number (NIR): 13 characters and a 2-digit key.
/// Layout: sex (1), year (2), month (2), département (2, or 3 overseas), commune (3, or 2 overseas),
/// order (3), key (2). Corsica's départements 2A and 2B count as 19 and 18 for the key.
/// </summary>
/// <remarks>
/// The value never appears in <see cref="ToString"/>, so that a NIR passed to a logger, an
/// exception message or an interpolated string does not leak. Use <see cref="Value"/> only to
/// store (encrypted) or index (blind index) it.
/// </remarks>
public readonly record struct Nir
{
    /// <summary>Length of a NIR with its key.</summary>
    public const int Length = 15;

    private Nir(string value) => Value = value;

    /// <summary>The 15 characters, upper case, without spaces (e.g. <c>2061275111005 64</c> without the space).</summary>
    public string Value { get; }

    /// <summary>Sex digit: 1 or 2; 3, 4, 7 or 8 for temporary numbers.</summary>
    public int Sex => Value[0] - '0';

    /// <summary>Two-digit year of birth.</summary>
    public int BirthYear => int.Parse(Value.AsSpan(1, 2), CultureInfo.InvariantCulture);

    /// <summary>Month of birth as written: 01–12, or 20–42 / 50+ when civil records were incomplete.</summary>
    public int BirthMonth => int.Parse(Value.AsSpan(3, 2), CultureInfo.InvariantCulture);

    /// <summary>True when the month field is a real calendar month (01–12).</summary>
    public bool HasCalendarMonth => BirthMonth is >= 1 and <= 12;

    /// <summary>Département of birth: 2 characters, 3 digits overseas (97x, 98x), 99 for births abroad.</summary>
    public string Department => IsOverseas ? Value.Substring(5, 3) : Value.Substring(5, 2);

    /// <summary>True for an overseas birth (départements 971–988).</summary>
    public bool IsOverseas => Value[5] == '9' && (Value[6] == '7' || Value[6] == '8');

    /// <summary>True for a birth abroad (département 99).</summary>
    public bool IsBornAbroad => Value[5] == '9' && Value[6] == '9';

    /// <summary>The key (01–97).</summary>
    public int Key => int.Parse(Value.AsSpan(13, 2), CultureInfo.InvariantCulture);

    /// <summary>
    /// A form fit for display: sex, year and month, the rest hidden (<c>2 06 12 ** *** *** **</c>);
    /// empty for the default value, which holds no number.
    /// </summary>
    public string Masked => Value is null ? string.Empty : $"{Value[0]} {Value.Substring(1, 2)} {Value.Substring(3, 2)} ** *** *** **";

    /// <summary>Never the number itself: see <see cref="Masked"/>.</summary>
    public override string ToString() => Masked;

    /// <summary>Parses a NIR, ignoring white space; throws <see cref="FormatException"/> with the reason (never the value).</summary>
    public static Nir Parse(string text) =>
        TryParse(text, out var nir, out var error) ? nir : throw new FormatException(error.ToMessage());

    /// <summary>Parses a NIR, ignoring white space (spaces, no-break spaces, tabs), and says why it is not valid.</summary>
    public static bool TryParse(string? text, out Nir nir, out NirError error)
    {
        nir = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = NirError.Empty;
            return false;
        }

        // Spreadsheets and card readers put no-break spaces and tabs between the groups too.
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        error = Validate(compact);
        if (error != NirError.None)
        {
            return false;
        }

        nir = new Nir(compact);
        return true;
    }

    /// <summary>True when <paramref name="text"/> is a valid NIR.</summary>
    public static bool IsValid(string? text) => TryParse(text, out _, out _);

    /// <summary>
    /// The key of a 13-character body: 97 − (N mod 97), with 2A → 19 and 2B → 18.
    /// </summary>
    public static int ComputeKey(ReadOnlySpan<char> body)
    {
        if (body.Length != 13)
        {
            throw new ArgumentException("A NIR body has 13 characters.", nameof(body));
        }

        Span<char> digits = stackalloc char[13];
        body.CopyTo(digits);
        if (digits[5] == '2' && (digits[6] == 'A' || digits[6] == 'B'))
        {
            digits[5] = '1';
            digits[6] = digits[6] == 'A' ? '9' : '8';
        }

        long n = 0;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                throw new ArgumentException("A NIR body has only digits, or 2A/2B.", nameof(body));
            }

            n = (n * 10) + (c - '0');
        }

        return 97 - (int)(n % 97);
    }

    private static NirError Validate(string v)
    {
        if (v.Length != Length)
        {
            return NirError.Length;
        }

        for (var i = 0; i < Length; i++)
        {
            var corsicaLetter = i == 6 && v[5] == '2' && (v[6] == 'A' || v[6] == 'B');
            if (!char.IsAsciiDigit(v[i]) && !corsicaLetter)
            {
                return NirError.Characters;
            }
        }

        if (v[0] is not ('1' or '2' or '3' or '4' or '7' or '8'))
        {
            return NirError.Sex;
        }

        var month = ((v[3] - '0') * 10) + (v[4] - '0');
        if (!(month is >= 1 and <= 12 || month is >= 20 and <= 42 || month >= 50))
        {
            return NirError.Month;
        }

        if (v[5] == '0' && v[6] == '0')
        {
            return NirError.Department;
        }

        if (v[5] == '9' && v[6] is '7' or '8')
        {
            // Overseas: 971–978, 984–988; the département takes one digit of the commune.
            var third = v[7] - '0';
            var valid = v[6] == '7' ? third is >= 1 and <= 8 : third is >= 4 and <= 8;
            if (!valid)
            {
                return NirError.Department;
            }
        }

        var key = ((v[13] - '0') * 10) + (v[14] - '0');
        return key is < 1 or > 97 || key != ComputeKey(v.AsSpan(0, 13)) ? NirError.Key : NirError.None;
    }
}

/// <summary>Why a text is not a valid NIR. The reasons never carry the value.</summary>
public enum NirError
{
    /// <summary>Valid.</summary>
    None,
    /// <summary>Nothing given.</summary>
    Empty,
    /// <summary>Not 15 characters.</summary>
    Length,
    /// <summary>Characters other than digits (and 2A/2B in the département).</summary>
    Characters,
    /// <summary>Sex digit not 1, 2, 3, 4, 7 or 8.</summary>
    Sex,
    /// <summary>Month not 01–12, 20–42 or 50–99.</summary>
    Month,
    /// <summary>Département 00 or an unknown overseas code.</summary>
    Department,
    /// <summary>The key does not match the 13 characters.</summary>
    Key,
}

/// <summary>Messages for <see cref="NirError"/>.</summary>
public static class NirErrorExtensions
{
    /// <summary>An English message naming the fault, never the value.</summary>
    public static string ToMessage(this NirError error) => error switch
    {
        NirError.None => "valid",
        NirError.Empty => "is empty",
        NirError.Length => "must have 15 characters",
        NirError.Characters => "must contain digits only (2A/2B for Corsica)",
        NirError.Sex => "sex digit must be 1, 2, 3, 4, 7 or 8",
        NirError.Month => "month must be 01-12, 20-42 or 50-99",
        NirError.Department => "unknown département",
        NirError.Key => "bad key",
    };
}
