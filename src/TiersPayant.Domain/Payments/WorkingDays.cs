namespace TiersPayant.Domain.Payments;

/// <summary>
/// Working days ("jours ouvrés"): Monday to Friday, public holidays excepted
/// (<see cref="FrenchHolidays"/>; metropolitan France unless another calendar is given). They
/// count the statutory delay within which an accepted invoice is paid (7 working days).
/// </summary>
public static class WorkingDays
{
    /// <summary>True for a Monday to Friday that is not a public holiday of <paramref name="calendar"/>.</summary>
    public static bool IsWorkingDay(DateOnly date, HolidayCalendar calendar = HolidayCalendar.Metropolitan) =>
        IsWeekday(date) && !FrenchHolidays.IsHoliday(date, calendar);

    /// <summary>
    /// The day on which <paramref name="workingDays"/> working days have passed after
    /// <paramref name="start"/>, which does not count: an invoice accepted on Friday 3 April 2026
    /// is due 7 working days later on Wednesday 15 April (Monday 6 April is Easter Monday).
    /// Zero gives <paramref name="start"/> itself.
    /// </summary>
    public static DateOnly Add(DateOnly start, int workingDays, HolidayCalendar calendar = HolidayCalendar.Metropolitan)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);

        var date = start;
        var left = workingDays;
        while (left > 0)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date, calendar))
            {
                left--;
            }
        }

        return date;
    }

    /// <summary>
    /// The working days after <paramref name="from"/> up to and including <paramref name="to"/>;
    /// 0 when <paramref name="to"/> is not after <paramref name="from"/>. The inverse of
    /// <see cref="Add"/>: <c>Between(d, Add(d, n)) == n</c>.
    /// </summary>
    public static int Between(DateOnly from, DateOnly to, HolidayCalendar calendar = HolidayCalendar.Metropolitan)
    {
        if (to <= from)
        {
            return 0;
        }

        // Counted, not walked, so that a span of years costs a few holiday lists, not a loop per day.
        var count = WeekdaysThrough(to) - WeekdaysThrough(from);
        for (var year = from.Year; year <= to.Year; year++)
        {
            foreach (var holiday in FrenchHolidays.Of(year, calendar))
            {
                if (holiday > from && holiday <= to && IsWeekday(holiday))
                {
                    count--;
                }
            }
        }

        return count;
    }

    private static bool IsWeekday(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    // Monday to Friday from 1 January 0001 (day number 0, a Monday) through date.
    private static int WeekdaysThrough(DateOnly date)
    {
        var days = date.DayNumber + 1;
        return (days / 7 * 5) + Math.Min(days % 7, 5);
    }
}
