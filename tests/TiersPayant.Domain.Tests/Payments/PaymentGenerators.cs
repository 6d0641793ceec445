using System.Globalization;
using System.Numerics;
using CsCheck;
using TiersPayant.Domain.Payments;

namespace TiersPayant.Domain.Tests.Payments;

/// <summary>Generators of bank details and dates for the payment property tests.</summary>
public static class PaymentGenerators
{
    /// <summary>A SEPA IBAN country code.</summary>
    public static readonly Gen<string> IbanCountry = Gen.OneOf([.. IbanCountries.Lengths.Keys.Order(StringComparer.Ordinal)]);

    /// <summary>A BBAN character: mostly digits, as in most BBANs, some letters (bank codes in GB, NL, MT…).</summary>
    public static readonly Gen<char> BbanCharacter = Gen.Frequency((4, Gen.Char["0123456789"]), (1, Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZ"]));

    /// <summary>A valid IBAN, electronic form: a random BBAN of the country's length and its check digits.</summary>
    public static readonly Gen<string> Iban =
        IbanCountry.SelectMany(country =>
            BbanCharacter.Array[IbanCountries.Lengths[country] - 4]
                .Select(chars => new string(chars))
                .Select(bban => country + CheckDigits(country, bban) + bban));

    /// <summary>A date of this century and the next.</summary>
    public static readonly Gen<DateOnly> Date = Gen.DateOnly[new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31)];

    /// <summary>Either holiday calendar.</summary>
    public static readonly Gen<HolidayCalendar> Calendar = Gen.OneOf(HolidayCalendar.Metropolitan, HolidayCalendar.AlsaceMoselle);

    /// <summary>
    /// The ISO 13616 check digits, computed here independently of the domain code with a big
    /// integer: 98 − (BBAN + country + "00", letters as 10–35, mod 97).
    /// </summary>
    public static string CheckDigits(string country, string bban)
    {
        var digits = string.Concat((bban + country + "00").Select(c =>
            char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(CultureInfo.InvariantCulture)));
        var check = 98 - (int)(BigInteger.Parse(digits, CultureInfo.InvariantCulture) % 97);
        return check.ToString("D2", CultureInfo.InvariantCulture);
    }
}
