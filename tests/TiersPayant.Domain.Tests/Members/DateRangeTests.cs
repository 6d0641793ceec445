using TiersPayant.Domain.Members;

namespace TiersPayant.Domain.Tests.Members;

public class DateRangeTests
{
    [Fact]
    public void Period_includes_both_ends()
    {
        var year = new DateRange(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));

        Assert.True(year.Contains(new DateOnly(2025, 1, 1)));
        Assert.True(year.Contains(new DateOnly(2025, 6, 15)));
        Assert.True(year.Contains(new DateOnly(2025, 12, 31)));
        Assert.False(year.Contains(new DateOnly(2024, 12, 31)));
        Assert.False(year.Contains(new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public void Open_period_runs_until_further_notice()
    {
        var open = new DateRange(new DateOnly(2025, 1, 1), null);

        Assert.Null(open.To);
        Assert.True(open.Contains(new DateOnly(2025, 1, 1)));
        Assert.True(open.Contains(DateOnly.MaxValue));
        Assert.False(open.Contains(new DateOnly(2024, 12, 31)));
    }

    [Fact]
    public void Period_of_a_single_day_contains_that_day_only()
    {
        var day = new DateOnly(2025, 3, 1);
        var single = new DateRange(day, day);

        Assert.True(single.Contains(day));
        Assert.False(single.Contains(day.AddDays(1)));
        Assert.False(single.Contains(day.AddDays(-1)));
    }

    [Fact]
    public void Period_ending_before_it_starts_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new DateRange(new DateOnly(2025, 3, 1), new DateOnly(2025, 2, 28)));

        Assert.Equal("to", error.ParamName);
    }

    [Fact]
    public void Periods_with_the_same_days_are_equal()
    {
        Assert.Equal(new DateRange(new DateOnly(2025, 1, 1), null), new DateRange(new DateOnly(2025, 1, 1), null));
        Assert.NotEqual(new DateRange(new DateOnly(2025, 1, 1), null), new DateRange(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)));
    }
}
