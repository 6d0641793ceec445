using Microsoft.Extensions.Localization;

namespace TiersPayant.Agreements;

/// <summary>
/// The words of a decision (<c>Resources/Agreements/DecisionTexts.resx</c>), shared by every page
/// that shows an agreement or an invoice as decided: the request page, the detail pages, the
/// printable decision. Sides, shares and reasons are said in French; a code without words is
/// shown as the code, never as a resource key.
/// </summary>
public sealed class DecisionTexts
{
    /// <summary>The text of <paramref name="key"/>, or <paramref name="fallback"/> when there is none.</summary>
    public static string Of(IStringLocalizer<DecisionTexts> texts, string key, string fallback)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var text = texts[key];
        return text.ResourceNotFound ? fallback : text.Value;
    }

    /// <summary>A reason code in words.</summary>
    public static string Reason(IStringLocalizer<DecisionTexts> texts, string code) => Of(texts, "Reason_" + code, code);

    /// <summary>
    /// The side of a line in words: "œil droit" in optics, "oreille gauche" in audiology; empty
    /// for a line without a side.
    /// </summary>
    public static string Side(IStringLocalizer<DecisionTexts> texts, string domain, string? side) =>
        side is "right" or "left" ? Of(texts, $"Side_{(domain == "audioprothese" ? "ear" : "eye")}_{side}", side) : string.Empty;

    /// <summary>Euros in the page's culture, from cents.</summary>
    public static string Euros(long cents) => (cents / 100m).ToString("N2", System.Globalization.CultureInfo.CurrentCulture) + " €";
}
