using TiersPayant.Domain.Payments;

namespace TiersPayant.Domain.Tests.Payments;

public class BicTests
{
    [Theory]
    [InlineData("BNPAFRPP", "BNPAFRPP", "FR")]
    [InlineData("BNPAFRPPXXX", "BNPAFRPPXXX", "FR")]
    [InlineData("deutdeff500", "DEUTDEFF500", "DE")]
    [InlineData("  CEPAFRPP751 ", "CEPAFRPP751", "FR")]
    [InlineData("UBSWCHZH80A", "UBSWCHZH80A", "CH")]
    public void Valid_bic_parses_trimmed_and_upper_case(string text, string value, string country)
    {
        Assert.True(Bic.TryParse(text, out var bic, out var error), error);
        Assert.Null(error);
        Assert.Equal(value, bic.Value);
        Assert.Equal(value, bic.ToString());
        Assert.Equal(country, bic.CountryCode);
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("", "required")]
    [InlineData(" \t", "required")]
    [InlineData("BNPAFRP", "format")]
    [InlineData("BNPAFRPPXX", "format")]
    [InlineData("BNPAFRPPXXXX", "format")]
    [InlineData("BNP1FRPP", "format")]
    [InlineData("BNPAF1PP", "format")]
    [InlineData("BNPA FRPP", "format")]
    [InlineData("BNPAFRP-", "format")]
    [InlineData("BNPAFRPPXX-", "format")]
    [InlineData("BNPAFRPÉ", "format")]
    [InlineData("BNPAFRPı", "format")]
    public void Invalid_bic_says_why(string? text, string expected)
    {
        Assert.False(Bic.TryParse(text, out var bic, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(default, bic);
    }

    [Fact]
    public void Parse_throws_with_the_code()
    {
        Assert.Equal("DEUTDEFF", Bic.Parse("deutdeff").Value);
        var message = Assert.Throws<FormatException>(() => Bic.Parse("DEUTDEF")).Message;
        Assert.Contains("format", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_bic_is_empty()
    {
        Bic bic = default;

        Assert.Equal(string.Empty, bic.Value);
        Assert.Equal(string.Empty, bic.CountryCode);
    }
}
