using CsCheck;
using TiersPayant.Domain.Payments;

namespace TiersPayant.Domain.Tests.Payments;

public class FrenchHolidaysTests
{
    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2000, "2000-04-23")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2285, "2285-03-22")]
    public void Easter_sunday_is_the_known_date(int year, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), FrenchHolidays.EasterSunday(year));
    }

    [Fact]
    public void Holidays_of_2025()
    {
        Assert.Equal(
            Dates("2025-01-01", "2025-04-21", "2025-05-01", "2025-05-08", "2025-05-29", "2025-06-09",
                  "2025-07-14", "2025-08-15", "2025-11-01", "2025-11-11", "2025-12-25"),
            FrenchHolidays.Of(2025));
    }

    [Fact]
    public void Holidays_of_2026()
    {
        Assert.Equal(
            Dates("2026-01-01", "2026-04-06", "2026-05-01", "2026-05-08", "2026-05-14", "2026-05-25",
                  "2026-07-14", "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25"),
            FrenchHolidays.Of(2026));
    }

    [Fact]
    public void Alsace_moselle_adds_good_friday_and_26_december()
    {
        var alsace = FrenchHolidays.Of(2026, HolidayCalendar.AlsaceMoselle);

        Assert.Equal(FrenchHolidays.Of(2026).Concat(Dates("2026-04-03", "2026-12-26")).Order(), alsace);
        Assert.True(FrenchHolidays.IsHoliday(new DateOnly(2026, 4, 3), HolidayCalendar.AlsaceMoselle));
        Assert.False(FrenchHolidays.IsHoliday(new DateOnly(2026, 4, 3)));
        Assert.True(FrenchHolidays.IsHoliday(new DateOnly(2026, 12, 26), HolidayCalendar.AlsaceMoselle));
        Assert.False(FrenchHolidays.IsHoliday(new DateOnly(2026, 12, 26)));
    }

    [Theory]
    [InlineData(2008, 5, 1)]
    [InlineData(2160, 5, 1)]
    [InlineData(2059, 5, 8)]
    public void Ascension_on_1_or_8_may_makes_ten_holidays_not_eleven(int year, int month, int day)
    {
        var holidays = FrenchHolidays.Of(year);

        Assert.Equal(new DateOnly(year, month, day), FrenchHolidays.EasterSunday(year).AddDays(39));
        Assert.Equal(10, holidays.Count);
        Assert.Equal(holidays.Distinct().Order(), holidays);
    }

    [Fact]
    public void Is_holiday_agrees_with_the_list_on_every_day_of_two_centuries()
    {
        foreach (var calendar in new[] { HolidayCalendar.Metropolitan, HolidayCalendar.AlsaceMoselle })
        {
            for (var year = 2000; year <= 2199; year++)
            {
                var holidays = FrenchHolidays.Of(year, calendar).ToHashSet();
                var ascension = FrenchHolidays.EasterSunday(year).AddDays(39);
                var sharedWithMay = ascension.Month == 5 && ascension.Day is 1 or 8 ? 1 : 0;
                Assert.Equal(calendar == HolidayCalendar.Metropolitan ? 11 : 13, holidays.Count + sharedWithMay);
                for (var day = new DateOnly(year, 1, 1); day.Year == year; day = day.AddDays(1))
                {
                    Assert.Equal(holidays.Contains(day), FrenchHolidays.IsHoliday(day, calendar));
                }
            }
        }
    }

    [Fact]
    public void Easter_is_a_sunday_between_22_march_and_25_april()
    {
        Gen.Int[1583, 9999].Sample(year =>
        {
            var easter = FrenchHolidays.EasterSunday(year);
            Assert.Equal(DayOfWeek.Sunday, easter.DayOfWeek);
            Assert.InRange(easter, new DateOnly(year, 3, 22), new DateOnly(year, 4, 25));
        }, iter: 10_000);
    }

    [Fact]
    public void Every_day_of_the_calendar_can_be_asked()
    {
        Assert.True(FrenchHolidays.IsHoliday(DateOnly.MinValue));
        Assert.False(FrenchHolidays.IsHoliday(DateOnly.MaxValue));
        Assert.Equal(11, FrenchHolidays.Of(9999).Count);
    }

    private static DateOnly[] Dates(params string[] dates) =>
        [.. dates.Select(d => DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture))];
}
