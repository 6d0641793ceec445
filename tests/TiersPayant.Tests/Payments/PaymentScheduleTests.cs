using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TiersPayant.Payments;

namespace TiersPayant.Tests.Payments;

public sealed class PaymentScheduleTests
{
    private static DateTimeOffset Paris(int year, int month, int day, int hour, int minute = 0) =>
        TiersPayant.Web.Localization.ParisTime.FromLocal(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified));

    [Theory]
    [InlineData(2026, 12, 7, 9, 2026, 12, 7)]   // a Monday morning: this evening
    [InlineData(2026, 12, 7, 18, 2026, 12, 8)]  // at 18:00 sharp: tomorrow
    [InlineData(2026, 12, 4, 19, 2026, 12, 7)]  // Friday evening: Monday
    [InlineData(2026, 4, 3, 19, 2026, 4, 7)]    // Good Friday evening: Tuesday, past Easter Monday
    [InlineData(2026, 12, 24, 20, 2026, 12, 28)] // Christmas Eve: Monday after Christmas and the weekend
    public void The_daily_run_is_at_six_in_the_evening_on_the_next_working_day(int y, int m, int d, int h, int ey, int em, int ed)
    {
        var options = Options.Create(new PaymentsOptions());
        var schedule = new PaymentSchedule(null!, null!, options, TimeProvider.System, NullLogger<PaymentSchedule>.Instance);

        Assert.Equal(Paris(ey, em, ed, 18), schedule.Next(Paris(y, m, d, h)));
    }
}
