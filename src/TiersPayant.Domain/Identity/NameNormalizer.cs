using System.Globalization;
using System.Text;

namespace TiersPayant.Domain.Identity;

/// <summary>
/// Brings a French name to the form used for matching: upper case, no accents, ligatures spelt
/// out, hyphens, apostrophes and dots read as spaces, single spaces, trimmed.
/// "Léa-Marie" and "LEA MARIE" normalise alike; "N'Diaye" and "N DIAYE" too.
/// </summary>
public static class NameNormalizer
{
    /// <summary>Normalises a name; null or blank gives an empty string.</summary>
    public static string Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        var decomposed = name.Normalize(NormalizationForm.FormD);
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
            case 'ß':
                builder.Append("SS");
                break;
            case 'ø' or 'Ø':
                builder.Append('O');
                break;
            case 'ł' or 'Ł':
                builder.Append('L');
                break;
            case 'đ' or 'Đ':
                builder.Append('D');
                break;
            default:
                builder.Append(char.ToUpperInvariant(c));
                break;
        }
    }
}
