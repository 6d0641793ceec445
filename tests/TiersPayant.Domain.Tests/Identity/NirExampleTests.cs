using TiersPayant.Domain.Identity;

namespace TiersPayant.Domain.Tests.Identity;

public class NirExampleTests
{
    [Fact]
    public void Nir_of_the_domain_notes_has_key_64()
    {
        Assert.Equal(64, Nir.ComputeKey("2061275111005"));

        var nir = Nir.Parse("2 06 12 75 111 005 64");

        Assert.Equal("206127511100564", nir.Value);
        Assert.Equal(2, nir.Sex);
        Assert.Equal(6, nir.BirthYear);
        Assert.Equal(12, nir.BirthMonth);
        Assert.True(nir.HasCalendarMonth);
        Assert.Equal("75", nir.Department);
        Assert.False(nir.IsOverseas);
        Assert.False(nir.IsBornAbroad);
        Assert.Equal(64, nir.Key);
    }

    // Corse-du-Sud: N = 1 85 02 19 005 123 (2A read as 19). With 10^6 ≡ 27 (mod 97):
    // 1850219 = 97 × 19074 + 41; 41 × 27 = 1107 ≡ 40; 005123 = 97 × 52 + 79; 40 + 79 = 119 ≡ 22.
    // Key = 97 − 22 = 75.
    [Theory]
    [InlineData("1 85 02 2A 005 123 75")]
    [InlineData("185022A00512375")]
    [InlineData("1 85 02 2a 005 123 75")]
    public void Corsican_2A_nir_reads_2A_as_19_for_the_key(string text)
    {
        var nir = Nir.Parse(text);

        Assert.Equal("2A", nir.Department);
        Assert.Equal("185022A00512375", nir.Value);
        Assert.Equal(75, Nir.ComputeKey("1850219005123"));
    }

    // Haute-Corse: N = 1 85 02 18 005 123 (2B read as 18). 1850218 ≡ 40; 40 × 27 = 1080 ≡ 13;
    // 13 + 79 = 92. Key = 97 − 92 = 5, written 05.
    [Theory]
    [InlineData("1 85 02 2B 005 123 05")]
    [InlineData("1 85 02 2b 005 123 05")]
    public void Corsican_2B_nir_reads_2B_as_18_for_the_key(string text)
    {
        var nir = Nir.Parse(text);

        Assert.Equal("2B", nir.Department);
        Assert.Equal(5, nir.Key);
    }

    [Fact]
    public void Corsican_nir_with_the_key_of_the_other_departement_is_rejected()
    {
        Assert.False(Nir.TryParse("1 85 02 2A 005 123 05", out _, out var error));
        Assert.Equal(NirError.Key, error);
    }

    [Fact]
    public void Overseas_nir_has_a_three_digit_departement()
    {
        var nir = Nir.Parse("1 90 05 974 12 345 84");

        Assert.True(nir.IsOverseas);
        Assert.False(nir.IsBornAbroad);
        Assert.Equal("974", nir.Department);
    }

    [Fact]
    public void Nir_of_someone_born_abroad_has_departement_99()
    {
        var nir = Nir.Parse("2 75 11 99 350 042 64");

        Assert.True(nir.IsBornAbroad);
        Assert.False(nir.IsOverseas);
        Assert.Equal("99", nir.Department);
    }

    [Theory]
    [InlineData("1 62 31 75 056 123 79", 31)]
    [InlineData("2 45 99 13 055 021 70", 99)]
    public void Nir_with_a_month_from_incomplete_civil_records_is_accepted(string text, int month)
    {
        var nir = Nir.Parse(text);

        Assert.Equal(month, nir.BirthMonth);
        Assert.False(nir.HasCalendarMonth);
    }

    [Theory]
    [InlineData("8 01 05 99 350 001 37")]
    [InlineData("7 99 02 33 001 002 19")]
    [InlineData("3 70 01 05 123 004 76")]
    [InlineData("4 55 50 55 001 001 75")]
    public void Temporary_nir_is_accepted(string text) => Assert.True(Nir.IsValid(text));

    [Theory]
    [InlineData("5061275111005", NirError.Sex)]
    [InlineData("0061275111005", NirError.Sex)]
    [InlineData("9061275111005", NirError.Sex)]
    [InlineData("2061375111005", NirError.Month)]
    [InlineData("2060075111005", NirError.Month)]
    [InlineData("2061975111005", NirError.Month)]
    [InlineData("2064375111005", NirError.Month)]
    [InlineData("2064975111005", NirError.Month)]
    [InlineData("2061200111005", NirError.Department)]
    [InlineData("2061297012005", NirError.Department)]
    [InlineData("2061297912005", NirError.Department)]
    [InlineData("2061298312005", NirError.Department)]
    [InlineData("2061298912005", NirError.Department)]
    public void Nir_breaking_a_field_rule_is_rejected_even_with_a_matching_key(string body, NirError expected)
    {
        var text = body + Generators.NirKey(body);

        Assert.False(Nir.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
        Assert.Throws<FormatException>(() => Nir.Parse(text));
    }

    [Theory]
    [InlineData("2 06 12 75 111 005 65")]
    [InlineData("2 06 12 75 111 005 00")]
    [InlineData("2 06 12 75 111 005 98")]
    [InlineData("2 06 12 75 111 005 99")]
    public void Nir_with_a_wrong_key_is_rejected(string text)
    {
        Assert.False(Nir.TryParse(text, out _, out var error));
        Assert.Equal(NirError.Key, error);
    }

    [Theory]
    [InlineData("2 06 12 75 111 005 6")]
    [InlineData("2 06 12 75 111 005 640")]
    [InlineData("2061275111005")]
    [InlineData("2")]
    public void Nir_of_the_wrong_length_is_rejected(string text)
    {
        Assert.False(Nir.TryParse(text, out _, out var error));
        Assert.Equal(NirError.Length, error);
    }

    [Theory]
    [InlineData("2 06 12 75 1l1 005 64")]
    [InlineData("2 06 12 2C 111 005 64")]
    [InlineData("2 06 12 A2 111 005 64")]
    [InlineData("2 06 12 75 111 005 6A")]
    public void Nir_with_characters_other_than_digits_is_rejected(string text)
    {
        Assert.False(Nir.TryParse(text, out _, out var error));
        Assert.Equal(NirError.Characters, error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_nir_is_rejected_as_empty(string? text)
    {
        Assert.False(Nir.TryParse(text, out _, out var error));
        Assert.Equal(NirError.Empty, error);
    }

    [Fact]
    public void Masked_nir_shows_sex_year_and_month_only()
    {
        var nir = Nir.Parse("2 06 12 75 111 005 64");

        Assert.Equal("2 06 12 ** *** *** **", nir.Masked);
        Assert.Equal(nir.Masked, nir.ToString());
        Assert.Equal(nir.Masked, $"{nir}");
    }

    [Fact]
    public void Uninitialised_nir_prints_without_throwing()
    {
        Nir.TryParse("not a nir", out var nir, out _);

        Assert.Equal(string.Empty, nir.ToString());
        Assert.Equal(string.Empty, $"{default(Nir)}");
    }

    [Fact]
    public void Nir_parse_error_names_the_fault_but_not_the_number()
    {
        var error = Assert.Throws<FormatException>(() => Nir.Parse("2 06 12 75 111 005 65"));

        Assert.Equal(NirError.Key.ToMessage(), error.Message);
        Assert.DoesNotContain("75111005", error.Message.Replace(" ", ""), StringComparison.Ordinal);
        Assert.DoesNotContain("111", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_nir_error_has_a_message()
    {
        foreach (var error in Enum.GetValues<NirError>())
        {
            Assert.False(string.IsNullOrWhiteSpace(error.ToMessage()));
        }
    }

    [Fact]
    public void Nir_body_that_is_not_13_characters_has_no_key()
    {
        Assert.Throws<ArgumentException>(() => Nir.ComputeKey("206127511100"));
        Assert.Throws<ArgumentException>(() => Nir.ComputeKey("20612751110X5"));
    }

    [Fact]
    public void Nirs_with_the_same_number_are_equal_however_written()
    {
        Assert.Equal(Nir.Parse("1 85 02 2a 005 123 75"), Nir.Parse("185022A00512375"));
        Assert.NotEqual(Nir.Parse("1 85 02 2A 005 123 75"), Nir.Parse("1 85 02 2B 005 123 05"));
    }
}
