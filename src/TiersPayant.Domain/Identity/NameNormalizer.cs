using System.Globalization;
using System.Text;

namespace TiersPayant.Domain.Identity;

/// <summary>
/// Brings a French name to the form used for matching: upper case, no accents, ligatures spelt
/// out, hyphens, apostrophes and dots read as spaces, single spaces, trimmed.
/// "Léa-Marie" and "LEA MARIE" normalise alike; "N'Diaye" and "N DIAYE" too.
/// </summary>
/// <remarks>
/// Names in the Latin script come out in A–Z and digits only. Letters of other scripts are kept
/// (upper-cased) rather than dropped, so that two different names in those scripts never
/// normalise alike.
/// </remarks>
public static class NameNormalizer
{
    /// <summary>Normalises a name; null or blank gives an empty string.</summary>
    public static string Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        // Compatibility decomposition splits accents off their letters and also spells out
        // ligatures (ﬁ from a PDF, Ĳ) and full-width letters, which canonical decomposition keeps.
        var decomposed = WithoutInvalidCodePoints(name).Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark:
                    continue;
                case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber:
                    if (pendingSpace && builder.Length > 0)
                    {
                        builder.Append(' ');
                    }

                    pendingSpace = false;
                    AppendLetter(builder, c);
                    break;
                default:
                    // Spaces, hyphens, apostrophes, dots and any other separator.
                    pendingSpace = true;
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>True when two names are the same after normalisation.</summary>
    public static bool AreEquivalent(string? a, string? b) =>
        string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);

    // string.Normalize throws on an unpaired surrogate, which a name cut to a fixed width in a
    // member file can end with, and on the non-characters U+FFFE and U+FFFF; read them as
    // separators.
    private static string WithoutInvalidCodePoints(string text)
    {
        if (!text.Any(c => char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF'))
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]) || chars[i] is '\uFFFE' or '\uFFFF')
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }

    // Latin letters that no decomposition reduces to A–Z.
    private static void AppendLetter(StringBuilder builder, char c)
    {
        switch (c)
        {
            case 'œ' or 'Œ':
                builder.Append("OE");
                break;
            case 'æ' or 'Æ':
                builder.Append("AE");
                break;
            case 'ß' or 'ẞ':
                builder.Append("SS");
                break;
            case 'þ' or 'Þ':
                builder.Append("TH");
                break;
            case 'ŋ' or 'Ŋ':
                builder.Append("NG");
                break;
            case 'ø' or 'Ø':
                builder.Append('O');
                break;
            case 'ł' or 'Ł':
                builder.Append('L');
                break;
            case 'đ' or 'Đ' or 'ð' or 'Ð':
                builder.Append('D');
                break;
            case 'ħ' or 'Ħ':
                builder.Append('H');
                break;
            case 'ŧ' or 'Ŧ':
                builder.Append('T');
                break;
            case 'ĸ':
                builder.Append('K');
                break;
            case 'ı':
                builder.Append('I');
                break;
            default:
                builder.Append(char.ToUpperInvariant(c));
                break;
        }
    }
}
