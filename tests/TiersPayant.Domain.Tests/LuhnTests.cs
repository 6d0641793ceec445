using CsCheck;

namespace TiersPayant.Domain.Tests;

public class LuhnTests
{
    // RPPS-like payload 1000012345. From the right, every other digit doubled (9 subtracted past 9):
    // 5→1, 4, 3→6, 2, 1→2, 0, 0, 0, 0, 1; sum 16; check digit (10 − 6) mod 10 = 4.
    private const string Rpps = "10000123454";

    private static readonly Gen<string> ValidNumber =
        Gen.Char["0123456789"].Array[1, 15].Select(payload => new string(payload) + Luhn.CheckDigit(payload));

    [Fact]
    public void Rpps_number_with_its_check_digit_is_valid()
    {
        Assert.Equal(4, Luhn.CheckDigit("1000012345"));
        Assert.True(Luhn.IsValid(Rpps));
    }

    [Fact]
    public void Rpps_number_with_any_single_digit_changed_is_invalid()
    {
        for (var position = 0; position < Rpps.Length; position++)
        {
            foreach (var digit in "0123456789")
            {
                if (digit != Rpps[position])
                {
                    var changed = Rpps[..position] + digit + Rpps[(position + 1)..];
                    Assert.False(Luhn.IsValid(changed), changed);
                }
            }
        }
    }

    [Fact]
    public void Any_number_with_a_single_digit_changed_is_invalid()
    {
        Gen.Select(ValidNumber, Gen.Int[0, 15], Gen.Int[1, 9]).Sample((number, position, shift) =>
        {
            position %= number.Length;
            var changed = number[..position] + (char)('0' + ((number[position] - '0' + shift) % 10)) + number[(position + 1)..];
            Assert.False(Luhn.IsValid(changed));
        });
    }

    [Fact]
    public void Number_with_its_computed_check_digit_is_valid()
    {
        ValidNumber.Sample(Luhn.IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("4")]
    [InlineData("1000012345 4")]
    [InlineData("1000O123454")]
    [InlineData("-10000123454")]
    public void Text_that_is_not_digits_only_is_invalid(string? text)
    {
        Assert.False(Luhn.IsValid(text));
    }

    [Fact]
    public void Check_digit_of_text_with_other_characters_cannot_be_computed()
    {
        Assert.Throws<ArgumentException>(() => Luhn.CheckDigit("12a4"));
    }
}
