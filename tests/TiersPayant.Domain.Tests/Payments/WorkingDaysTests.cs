using CsCheck;
using TiersPayant.Domain.Payments;

namespace TiersPayant.Domain.Tests.Payments;

public class WorkingDaysTests
{
    private static readonly DateOnly GoodFriday2026 = new(2026, 4, 3);

    [Fact]
    public void Invoice_accepted_on_friday_3_april_2026_is_due_on_wednesday_15_april()
    {
        // Sat 4, Sun 5 and Easter Monday 6 April do not count: Tue 7 (1), Wed 8 (2), Thu 9 (3),
        // Fri 10 (4), Mon 13 (5), Tue 14 (6), Wed 15 (7).
        var due = WorkingDays.Add(GoodFriday2026, 7);

        Assert.Equal(new DateOnly(2026, 4, 15), due);
        Assert.Equal(DayOfWeek.Wednesday, due.DayOfWeek);
        Assert.Equal(7, WorkingDays.Between(GoodFriday2026, due));
        Assert.Equal(6, WorkingDays.Between(GoodFriday2026, new DateOnly(2026, 4, 14)));
    }

    [Fact]
    public void Alsace_moselle_skips_good_friday_too()
    {
        var thursday = new DateOnly(2026, 4, 2);

        Assert.Equal(GoodFriday2026, WorkingDays.Add(thursday, 1));
        Assert.Equal(new DateOnly(2026, 4, 7), WorkingDays.Add(thursday, 1, HolidayCalendar.AlsaceMoselle));
        Assert.False(WorkingDays.IsWorkingDay(GoodFriday2026, HolidayCalendar.AlsaceMoselle));
        Assert.Equal(0, WorkingDays.Between(thursday, new DateOnly(2026, 4, 6), HolidayCalendar.AlsaceMoselle));
    }

    [Theory]
    [InlineData("2026-04-03", true)]
    [InlineData("2026-04-04", false)]
    [InlineData("2026-04-05", false)]
    [InlineData("2026-04-06", false)]
    [InlineData("2026-04-07", true)]
    [InlineData("2026-05-01", false)]
    [InlineData("2026-05-14", false)]
    [InlineData("2026-05-25", false)]
    [InlineData("2026-12-25", false)]
    [InlineData("2026-12-28", true)]
    public void Working_day_is_a_weekday_that_is_not_a_holiday(string date, bool expected)
    {
        Assert.Equal(expected, WorkingDays.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Adding_zero_working_days_keeps_the_start_even_on_a_sunday()
    {
        var sunday = new DateOnly(2026, 4, 5);

        Assert.Equal(sunday, WorkingDays.Add(sunday, 0));
        Assert.Equal(new DateOnly(2026, 4, 7), WorkingDays.Add(sunday, 1));
    }

    [Fact]
    public void Negative_working_days_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingDays.Add(GoodFriday2026, -1));
    }

    [Fact]
    public void Between_is_zero_when_to_is_not_after_from()
    {
        Assert.Equal(0, WorkingDays.Between(GoodFriday2026, GoodFriday2026));
        Assert.Equal(0, WorkingDays.Between(GoodFriday2026, GoodFriday2026.AddDays(-30)));
        Assert.Equal(0, WorkingDays.Between(new DateOnly(2026, 4, 10), new DateOnly(2026, 4, 12)));
    }

    [Fact]
    public void Between_counts_a_whole_year()
    {
        // 2026: 261 weekdays, of which 9 holidays (15 August and 1 November fall on a weekend).
        Assert.Equal(252, WorkingDays.Between(new DateOnly(2025, 12, 31), new DateOnly(2026, 12, 31)));
    }

    [Fact]
    public void Between_undoes_add()
    {
        Gen.Select(PaymentGenerators.Date, Gen.Int[0, 60], PaymentGenerators.Calendar).Sample((date, n, calendar) =>
            Assert.Equal(n, WorkingDays.Between(date, WorkingDays.Add(date, n, calendar), calendar)), iter: 5_000);
    }

    [Fact]
    public void Add_never_lands_on_a_weekend_or_a_holiday()
    {
        Gen.Select(PaymentGenerators.Date, Gen.Int[1, 60], PaymentGenerators.Calendar).Sample((date, n, calendar) =>
        {
            var due = WorkingDays.Add(date, n, calendar);
            Assert.True(due > date);
            Assert.NotEqual(DayOfWeek.Saturday, due.DayOfWeek);
            Assert.NotEqual(DayOfWeek.Sunday, due.DayOfWeek);
            Assert.False(FrenchHolidays.IsHoliday(due, calendar), $"{due:yyyy-MM-dd}");
            Assert.True(WorkingDays.IsWorkingDay(due, calendar));
        }, iter: 5_000);
    }

    [Fact]
    public void Between_matches_counting_day_by_day()
    {
        Gen.Select(PaymentGenerators.Date, Gen.Int[-10, 800], PaymentGenerators.Calendar).Sample((from, span, calendar) =>
        {
            var to = from.AddDays(span);
            var counted = 0;
            for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
            {
                counted += WorkingDays.IsWorkingDay(day, calendar) ? 1 : 0;
            }

            Assert.Equal(counted, WorkingDays.Between(from, to, calendar));
        }, iter: 1_000);
    }

    [Fact]
    public void Between_works_at_the_ends_of_the_calendar()
    {
        Assert.Equal(DayOfWeek.Monday, DateOnly.MinValue.DayOfWeek);
        Assert.Equal(4, WorkingDays.Between(DateOnly.MinValue, DateOnly.MinValue.AddDays(6)));
        Assert.Equal(WorkingDays.Between(DateOnly.MaxValue.AddDays(-400), DateOnly.MaxValue),
            Enumerable.Range(0, 400).Count(i => WorkingDays.IsWorkingDay(DateOnly.MaxValue.AddDays(-i))));
    }
}
