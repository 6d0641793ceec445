using System.Globalization;
using TiersPayant.Domain.Payments;

namespace TiersPayant.Domain.Tests.Payments;

public class IbanExampleTests
{
    [Theory]
    [InlineData("FR7630006000011234567890189", "FR")]
    [InlineData("DE89370400440532013000", "DE")]
    [InlineData("GB82WEST12345698765432", "GB")]
    [InlineData("BE68539007547034", "BE")]
    public void Valid_iban_parses_to_its_electronic_form(string text, string country)
    {
        Assert.True(Iban.TryParse(text, out var iban, out var error), error);
        Assert.Null(error);
        Assert.Equal(text, iban.Value);
        Assert.Equal(text, iban.ToString());
        Assert.Equal(country, iban.CountryCode);
    }

    [Theory]
    [InlineData("FR76 3000 6000 0112 3456 7890 189")]
    [InlineData("fr7630006000011234567890189")]
    [InlineData("fr76 3000 6000 0112 3456 7890 189")]
    [InlineData("  FR76\u00A03000\u202F6000\t0112 3456 7890 189 ")]
    public void Printed_form_and_lower_case_parse_to_the_electronic_form(string text)
    {
        Assert.Equal("FR7630006000011234567890189", Iban.Parse(text).Value);
    }

    [Theory]
    [InlineData("FR7630006000011234567890189", "FR76 3000 6000 0112 3456 7890 189")]
    [InlineData("BE68539007547034", "BE68 5390 0754 7034")]
    [InlineData("GB82WEST12345698765432", "GB82 WEST 1234 5698 7654 32")]
    public void Printed_form_groups_by_four(string text, string printed)
    {
        Assert.Equal(printed, Iban.Parse(text).Printed);
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("", "required")]
    [InlineData("   ", "required")]
    [InlineData("F27630006000011234567890189", "format")]
    [InlineData("FRX630006000011234567890189", "format")]
    [InlineData("FR76", "format")]
    [InlineData("FR76-3000-6000-0112-3456-7890-189", "format")]
    [InlineData("FR763000600001123456789018é", "format")]
    [InlineData("XK051212012345678906", "country")]
    [InlineData("TR330006100519786457841326", "country")]
    [InlineData("GP7630006000011234567890189", "country")]
    [InlineData("FR763000600001123456789018", "length")]
    [InlineData("DE8937040044053201300012", "length")]
    [InlineData("FR7630006000011234567890188", "checksum")]
    [InlineData("DE89370400440532013001", "checksum")]
    [InlineData("GB82WEST12345698765433", "checksum")]
    public void Invalid_iban_says_why(string? text, string expected)
    {
        Assert.False(Iban.TryParse(text, out var iban, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(default, iban);
    }

    [Fact]
    public void Error_codes_are_the_published_constants()
    {
        Assert.Equal(
            ["required", "format", "country", "length", "checksum"],
            [BankingErrors.Required, BankingErrors.Format, BankingErrors.Country, BankingErrors.Length, BankingErrors.Checksum]);
    }

    [Fact]
    public void Parse_throws_with_the_code_and_never_the_iban()
    {
        var message = Assert.Throws<FormatException>(() => Iban.Parse("FR76 3000 6000 0112 3456 7890 188")).Message;

        Assert.Contains("checksum", message, StringComparison.Ordinal);
        Assert.DoesNotContain("3000", message, StringComparison.Ordinal);
        Assert.DoesNotContain("0188", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("02", "99")]
    [InlineData("97", "00")]
    [InlineData("98", "01")]
    public void Check_digits_outside_02_to_98_are_refused_even_when_mod_97_is_one(string issued, string alias)
    {
        var iban = FrenchIbanWithCheckDigits(issued);
        Assert.True(Iban.TryParse(iban, out _, out _));

        Assert.False(Iban.TryParse("FR" + alias + iban[4..], out _, out var error));
        Assert.Equal("checksum", error);
    }

    [Fact]
    public void Table_holds_the_registry_lengths_and_only_iban_countries()
    {
        var expected = new Dictionary<string, int>
        {
            ["FR"] = 27, ["DE"] = 22, ["BE"] = 16, ["ES"] = 24, ["IT"] = 27, ["NL"] = 18, ["LU"] = 20,
            ["PT"] = 25, ["IE"] = 22, ["AT"] = 20, ["CH"] = 21, ["GB"] = 22, ["MC"] = 27, ["MT"] = 31,
            ["NO"] = 15, ["SM"] = 27, ["VA"] = 22, ["AD"] = 24, ["GI"] = 23,
        };
        foreach (var (country, length) in expected)
        {
            Assert.Equal(length, IbanCountries.Lengths[country]);
        }

        Assert.Equal(37, IbanCountries.Lengths.Count);
        foreach (var usesAnother in new[] { "GF", "GP", "MQ", "RE", "PF", "TF", "YT", "NC", "BL", "MF", "PM", "WF", "AX", "JE", "GG", "IM" })
        {
            Assert.False(IbanCountries.Lengths.ContainsKey(usesAnother), usesAnother);
        }
    }

    [Fact]
    public void Default_iban_is_empty()
    {
        Iban iban = default;

        Assert.Equal(string.Empty, iban.Value);
        Assert.Equal(string.Empty, iban.CountryCode);
        Assert.Equal(string.Empty, iban.Printed);
        Assert.Equal(string.Empty, iban.ToString());
    }

    [Fact]
    public void Same_iban_in_either_form_is_equal()
    {
        Assert.Equal(Iban.Parse("FR7630006000011234567890189"), Iban.Parse("fr76 3000 6000 0112 3456 7890 189"));
    }

    private static string FrenchIbanWithCheckDigits(string checkDigits)
    {
        for (var account = 0L; ; account++)
        {
            var bban = "30006" + account.ToString("D18", CultureInfo.InvariantCulture);
            if (PaymentGenerators.CheckDigits("FR", bban) == checkDigits)
            {
                return "FR" + checkDigits + bban;
            }
        }
    }
}
