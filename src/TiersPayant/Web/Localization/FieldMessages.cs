using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.Extensions.Localization;

namespace TiersPayant.Web.Localization;

/// <summary>
/// A form's field error in words, never a resource key. A wire path and its codes
/// (<c>lines[2].side</c>, <c>side-missing</c>) are looked up in the page's resources from the most
/// specific to the most general: <c>Error_lines.side_side-missing</c>, then <c>Error_lines.side</c>
/// (with the line's number as <c>{0}</c>; a field ending in an index, <c>lines[2]</c>, is
/// <c>Error_lines.item</c>). A field no resource names gets the shared sentence of
/// <c>Resources/Web/Localization/FieldMessages.resx</c>; a test keeps every field the engine can
/// name out of that last resort.
/// </summary>
public sealed partial class FieldMessages
{
    /// <summary>The sentence for <paramref name="field"/>.</summary>
    public static string Describe(IHtmlLocalizer page, IStringLocalizer<FieldMessages> shared, string field, IEnumerable<string>? codes) =>
        Find(page, field, codes) ?? shared["Generic"].Value;

    /// <summary>The page's own sentence for <paramref name="field"/>, or null when it has none.</summary>
    public static string? Find(IHtmlLocalizer page, string field, IEnumerable<string>? codes)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(field);
        var (key, number) = Normalize(field);
        foreach (var name in (codes ?? []).Select(code => key + "_" + code).Append(key))
        {
            var text = page.GetString("Error_" + name, number);
            if (!text.ResourceNotFound)
            {
                return text.Value;
            }
        }

        return null;
    }

    /// <summary><c>lines[2].side</c> is <c>(lines.side, "3")</c>; <c>lines[2]</c> is <c>(lines.item, "3")</c>.</summary>
    public static (string Key, string Number) Normalize(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var index = Index().Match(field);
        var number = index.Success ? (int.Parse(index.Groups[1].Value, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.CurrentCulture) : string.Empty;
        var key = Index().Replace(field, string.Empty);
        return (field.EndsWith(']') ? key + ".item" : key, number);
    }

    /// <summary>
    /// A form sends only its rows with a code: the body's <c>lines[k]</c> is the form's row
    /// <c>rows[k]</c>, and its errors are told by the row the user sees.
    /// </summary>
    public static Dictionary<string, string[]> Renumber(IReadOnlyDictionary<string, string[]> errors, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(rows);
        return errors.ToDictionary(
            e => Line().Replace(e.Key, m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) is var k && k < rows.Count ? $"lines[{rows[k]}]" : m.Value),
            e => e.Value,
            StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Index();

    [GeneratedRegex(@"^lines\[(\d+)\]")]
    private static partial Regex Line();
}
