using System.Collections.Frozen;

namespace TiersPayant.Domain.Payments;

/// <summary>
/// The IBAN countries of the SEPA area the platform pays into, with the length of their IBANs
/// (SWIFT IBAN registry): the EU and EEA states, and Switzerland, the United Kingdom, Monaco,
/// San Marino, the Vatican, Andorra and Gibraltar.
/// </summary>
/// <remarks>
/// Only IBAN country codes appear. French overseas territories (GF, GP, MQ, RE, PF, TF, YT, NC,
/// BL, MF, PM, WF) have FR IBANs, Åland has FI ones, the Azores and Madeira PT ones, the Canary
/// Islands ES ones, and Jersey, Guernsey and the Isle of Man GB ones: an IBAN starting with one
/// of those codes is refused.
/// </remarks>
public static class IbanCountries
{
    /// <summary>IBAN length (electronic form) by ISO 3166 country code, upper case.</summary>
    public static IReadOnlyDictionary<string, int> Lengths { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        // European Union.
        ["AT"] = 20,
        ["BE"] = 16,
        ["BG"] = 22,
        ["CY"] = 28,
        ["CZ"] = 24,
        ["DE"] = 22,
        ["DK"] = 18,
        ["EE"] = 20,
        ["ES"] = 24,
        ["FI"] = 18,
        ["FR"] = 27,
        ["GR"] = 27,
        ["HR"] = 21,
        ["HU"] = 28,
        ["IE"] = 22,
        ["IT"] = 27,
        ["LT"] = 20,
        ["LU"] = 20,
        ["LV"] = 21,
        ["MT"] = 31,
        ["NL"] = 18,
        ["PL"] = 28,
        ["PT"] = 25,
        ["RO"] = 24,
        ["SE"] = 24,
        ["SI"] = 19,
        ["SK"] = 24,

        // European Economic Area outside the Union.
        ["IS"] = 26,
        ["LI"] = 21,
        ["NO"] = 15,

        // The other SEPA members.
        ["AD"] = 24,
        ["CH"] = 21,
        ["GB"] = 22,
        ["GI"] = 23,
        ["MC"] = 27,
        ["SM"] = 27,
        ["VA"] = 22,
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
