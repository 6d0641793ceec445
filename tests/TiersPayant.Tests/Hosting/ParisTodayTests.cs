using Microsoft.Extensions.Time.Testing;
using TiersPayant.Web.Localization;

namespace TiersPayant.Tests.Hosting;

public sealed class ParisTodayTests
{
    [Theory]
    [InlineData("2026-12-31T23:30:00Z", "2027-01-01")] // winter: Paris is UTC+1
    [InlineData("2026-06-30T22:15:00Z", "2026-07-01")] // summer: UTC+2
    [InlineData("2026-06-30T21:59:00Z", "2026-06-30")]
    public void Today_is_the_Paris_calendar_day_whatever_the_machine_s_zone(string instant, string today)
    {
        // The fake clock's local zone is UTC, as on most servers: the machine's date would be a day early.
        var time = new FakeTimeProvider(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), ParisTime.Today(time));
    }

    [Fact]
    public void No_code_judges_a_date_by_the_machine_s_local_clock()
    {
        var src = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src"));
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f) is var text && (text.Contains("GetLocalNow()", StringComparison.Ordinal)
                || text.Contains("DateTime.Now", StringComparison.Ordinal) || text.Contains("DateTime.Today", StringComparison.Ordinal)
                || text.Contains("DateTimeOffset.Now", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(src, f)).ToList();

        Assert.True(Directory.Exists(src), src);
        Assert.True(offenders.Count == 0, "use ParisTime.Today(time) or time.GetUtcNow(): " + string.Join(", ", offenders));
    }
}
