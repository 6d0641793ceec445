namespace TiersPayant.Domain.Payments;

/// <summary>
/// French public holidays ("jours fériés"): by default the 11 national holidays of metropolitan
/// France: 1 January, Easter Monday, 1 May, 8 May, Ascension Thursday, Whit Monday, 14 July,
/// 15 August, 1 November, 11 November and 25 December.
/// </summary>
/// <remarks>
/// <para>
/// Whit Monday stays a public holiday in law even where it is worked as the "journée de
/// solidarité". The overseas départements' own holidays (abolition of slavery) are not
/// included. Today's list is applied to every year, on the proleptic Gregorian calendar
/// <see cref="DateOnly"/> uses: it is meant for payment delays, not for history.
/// </para>
/// <para>
/// Bank settlement days are another calendar (TARGET closes on 1 January, Good Friday, Easter
/// Monday, 1 May, 25 and 26 December): this one counts the statutory payment delay.
/// </para>
/// </remarks>
public static class FrenchHolidays
{
    private static readonly (int Month, int Day)[] NationalFixed =
        [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)];

    // Easter Monday, Ascension Thursday, Whit Monday.
    private static readonly int[] NationalFromEaster = [1, 39, 50];

    private static readonly (int Month, int Day)[] AlsaceMoselleFixed = [.. NationalFixed, (12, 26)];

    // Good Friday besides.
    private static readonly int[] AlsaceMoselleFromEaster = [-2, .. NationalFromEaster];

    /// <summary>True when <paramref name="date"/> is a public holiday of <paramref name="calendar"/>.</summary>
    public static bool IsHoliday(DateOnly date, HolidayCalendar calendar = HolidayCalendar.Metropolitan)
    {
        var (fixedDays, fromEaster) = Rules(calendar);
        if (Array.IndexOf(fixedDays, (date.Month, date.Day)) >= 0)
        {
            return true;
        }

        return Array.IndexOf(fromEaster, date.DayNumber - EasterSunday(date.Year).DayNumber) >= 0;
    }

    /// <summary>
    /// The public holidays of <paramref name="year"/>, in date order, each once: 11 dates in
    /// metropolitan France, 10 in the years when Ascension falls on 1 May (2008, 2160) or 8 May (2059, 2070).
    /// </summary>
    public static IReadOnlyList<DateOnly> Of(int year, HolidayCalendar calendar = HolidayCalendar.Metropolitan)
    {
        var (fixedDays, fromEaster) = Rules(calendar);
        var easter = EasterSunday(year);
        return fixedDays.Select(d => new DateOnly(year, d.Month, d.Day))
            .Concat(fromEaster.Select(easter.AddDays))
            .Distinct()
            .Order()
            .ToArray();
    }

    /// <summary>
    /// Easter Sunday of <paramref name="year"/> (Gregorian), by the anonymous algorithm
    /// published by Meeus, Jones and Butcher.
    /// </summary>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, DateOnly.MinValue.Year);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, DateOnly.MaxValue.Year);

        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static ((int Month, int Day)[] Fixed, int[] FromEaster) Rules(HolidayCalendar calendar) => calendar switch
    {
        HolidayCalendar.Metropolitan => (NationalFixed, NationalFromEaster),
        HolidayCalendar.AlsaceMoselle => (AlsaceMoselleFixed, AlsaceMoselleFromEaster),
    };
}
