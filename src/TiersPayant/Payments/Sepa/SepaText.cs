using System.Globalization;
using System.Text;

namespace TiersPayant.Payments.Sepa;

/// <summary>
/// Text as SEPA carries it. The EPC guarantees only its basic Latin set across the scheme —
/// a–z, A–Z, 0–9 and <c>/ - ? : ( ) . , ' +</c> and space — and a bank may reject a file or garble
/// a name that strays outside it, so names and remittances are brought into that set before they
/// are written.
/// </summary>
internal static class SepaText
{
    /// <summary>True for a character of the SEPA basic Latin set.</summary>
    public static bool IsLatin(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
        or '/' or '-' or '?' or ':' or '(' or ')' or '.' or ',' or '\'' or '+' or ' ';

    /// <summary>
    /// <paramref name="text"/> in the SEPA basic Latin set, at most <paramref name="maxLength"/>
    /// characters: letters lose their accents (é → e, ç → c), ligatures and letters no
    /// decomposition reduces are spelt out (œ → oe, ß → ss, ł → l), typographic apostrophes and
    /// dashes become ' and -, spaces and control characters one space, any other character a '.';
    /// trimmed. Null or blank gives an empty string.
    /// </summary>
    public static string Latin(string? text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength);
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        // Runes, not chars: a character outside the basic plane is one '.', not two; an unpaired
        // surrogate comes out as U+FFFD instead of making Normalize throw.
        foreach (var rune in text.EnumerateRunes())
        {
            Append(builder, rune);
        }

        // Every character written is ASCII, so a cut never splits one.
        var latin = builder.ToString().Trim();
        return latin.Length <= maxLength ? latin : latin[..maxLength].TrimEnd();
    }

    private static void Append(StringBuilder builder, Rune rune)
    {
        if (rune.IsAscii && IsLatin((char)rune.Value))
        {
            Add(builder, (char)rune.Value);
            return;
        }

        if (Spelt(rune.Value) is { } spelt)
        {
            builder.Append(spelt);
            return;
        }

        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.Control or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator:
                Add(builder, ' ');
                return;
            case UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format:
                // An accent written apart from its letter (e + U+0301), or an invisible mark.
                return;
            case UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate:
                // Never decomposed: Normalize rejects non-characters such as U+FFFE.
                Add(builder, '.');
                return;
        }

        // Compatibility decomposition splits accents off their letters and also spells out
        // ligatures (ﬁ), full-width letters and superscripts, which canonical decomposition keeps.
        var single = rune.ToString();
        var decomposed = single.Normalize(NormalizationForm.FormKD);
        if (string.Equals(decomposed, single, StringComparison.Ordinal))
        {
            Add(builder, '.');
            return;
        }

        foreach (var part in decomposed.EnumerateRunes())
        {
            Append(builder, part);
        }
    }

    // One space between words however many separators the source had.
    private static void Add(StringBuilder builder, char c)
    {
        if (c != ' ' || (builder.Length > 0 && builder[^1] != ' '))
        {
            builder.Append(c);
        }
    }

    // Latin letters that no decomposition reduces to a–z, and the typography of French text.
    private static string? Spelt(int codePoint) => codePoint switch
    {
        'œ' => "oe",
        'Œ' => "OE",
        'æ' => "ae",
        'Æ' => "AE",
        'ß' => "ss",
        'ẞ' => "SS",
        'þ' => "th",
        'Þ' => "TH",
        'ŋ' => "ng",
        'Ŋ' => "NG",
        'ø' => "o",
        'Ø' => "O",
        'ł' => "l",
        'Ł' => "L",
        'đ' or 'ð' => "d",
        'Đ' or 'Ð' => "D",
        'ħ' => "h",
        'Ħ' => "H",
        'ŧ' => "t",
        'Ŧ' => "T",
        'ı' => "i",
        'ĸ' => "k",
        '\u2018' or '\u2019' or '\u201B' or '\u02BC' or '\u2032' => "'",
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => "-",
        '&' => "+",
        '€' => "EUR",
        _ => null,
    };
}
