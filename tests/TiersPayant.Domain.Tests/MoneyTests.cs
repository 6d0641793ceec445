using System.Globalization;
using CsCheck;

namespace TiersPayant.Domain.Tests;

public class MoneyTests
{
    // Amounts up to ten billion euros either way: far beyond any claim, far from overflow.
    private static readonly Gen<Money> Amount = Gen.Long[-1_000_000_000_000, 1_000_000_000_000].Select(cents => new Money(cents));

    private const char NarrowNoBreakSpace = '\u202F';
    private const char NoBreakSpace = '\u00A0';

    [Fact]
    public void Amounts_add_subtract_and_multiply_in_cents()
    {
        var frame = new Money(12_990);
        var lens = new Money(8_450);

        Assert.Equal(new Money(29_890), frame + (lens * 2));
        Assert.Equal(new Money(4_540), frame - lens);
        Assert.Equal(new Money(-4_540), lens - frame);
        Assert.True((lens - frame).IsNegative);
        Assert.False(Money.Zero.IsNegative);
        Assert.Equal(new Money(3_000), Money.FromEuros(30));
    }

    [Fact]
    public void Amounts_compare_by_value()
    {
        var small = new Money(5);
        var large = Money.FromEuros(950);

        Assert.True(small < large);
        Assert.True(large > small);
        Assert.True(small <= new Money(5));
        Assert.True(large >= Money.FromEuros(950));
        Assert.Equal(small, Money.Min(small, large));
        Assert.Equal(large, Money.Max(small, large));
        Assert.Equal(-1, small.CompareTo(large));
        Assert.Equal([small, large], new[] { large, small }.Order());
    }

    [Fact]
    public void Overflowing_amount_throws_instead_of_wrapping()
    {
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue) + new Money(1));
        Assert.Throws<OverflowException>(() => new Money(long.MinValue) - new Money(1));
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue / 2) * 3);
        Assert.Throws<OverflowException>(() => Money.FromEuros(long.MaxValue / 10));
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue).Percent(5_000));
    }

    [Theory]
    [InlineData(15_000, 6_000, 9_000)] // 60 % of 150.00
    [InlineData(1_001, 5_000, 501)] // 5.005 rounds up
    [InlineData(-1_001, 5_000, -501)] // -5.005 rounds away from zero
    [InlineData(1, 5_000, 1)] // half a cent rounds up
    [InlineData(-1, 5_000, -1)] // minus half a cent rounds down
    [InlineData(1, 4_999, 0)]
    [InlineData(-1, 4_999, 0)]
    [InlineData(3, 3_333, 1)] // 0.9999 cent
    [InlineData(999, 1, 0)] // 0.0999 cent
    [InlineData(5_000, 1, 1)] // exactly half a cent
    [InlineData(12_345, 10_000, 12_345)]
    [InlineData(12_345, 0, 0)]
    [InlineData(10_000, -3_000, -3_000)]
    [InlineData(2_999, 5_000, 1_500)] // 14.995 rounds up
    [InlineData(-2_999, 5_000, -1_500)]
    public void Percent_rounds_half_away_from_zero(long cents, int basisPoints, long expected)
    {
        Assert.Equal(new Money(expected), new Money(cents).Percent(basisPoints));
    }

    [Fact]
    public void Percent_of_ten_thousand_basis_points_is_the_amount_itself()
    {
        Amount.Sample(amount => amount.Percent(10_000) == amount);
    }

    [Fact]
    public void Percent_is_the_nearest_cent()
    {
        Gen.Select(Amount, Gen.Int[-20_000, 20_000]).Sample((amount, basisPoints) =>
        {
            var exact = (decimal)amount.Cents * basisPoints / 10_000m;
            var expected = Math.Round(exact, MidpointRounding.AwayFromZero);
            Assert.Equal((long)expected, amount.Percent(basisPoints).Cents);
        });
    }

    [Fact]
    public void Percent_of_a_negative_amount_mirrors_the_positive()
    {
        Gen.Select(Amount, Gen.Int[0, 20_000]).Sample((amount, basisPoints) =>
            new Money(-amount.Cents).Percent(basisPoints) == new Money(-amount.Percent(basisPoints).Cents));
    }

    [Fact]
    public void Adding_then_subtracting_an_amount_gives_the_original()
    {
        Gen.Select(Amount, Amount).Sample((a, b) => a + b - b == a && a + b == b + a);
    }

    [Theory]
    [InlineData(123_456, "1 234,56 €")]
    [InlineData(0, "0,00 €")]
    [InlineData(5, "0,05 €")]
    [InlineData(-5, "-0,05 €")]
    [InlineData(95_000, "950,00 €")]
    [InlineData(100_000, "1 000,00 €")]
    [InlineData(123_456_789, "1 234 567,89 €")]
    [InlineData(-123_456, "-1 234,56 €")]
    public void Amount_prints_the_french_way(long cents, string expected)
    {
        // French typography: a narrow no-break space between thousands, a decimal comma, and a
        // no-break space before the euro sign so that it never wraps onto a line of its own.
        var french = expected.Replace(' ', NarrowNoBreakSpace).Replace(NarrowNoBreakSpace + "€", NoBreakSpace + "€");

        Assert.Equal(french, new Money(cents).ToString());
    }

    [Fact]
    public void Printed_amount_never_contains_a_breaking_space()
    {
        Amount.Sample(amount => !amount.ToString().Contains(' ', StringComparison.Ordinal));
    }

    [Fact]
    public void Printed_amount_does_not_depend_on_the_current_culture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
            Assert.Equal($"1{NarrowNoBreakSpace}234,56{NoBreakSpace}€", new Money(123_456).ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
