namespace TiersPayant.Web.Localization;

/// <summary>
/// The platform's one clock for people and rules: metropolitan French time. "Today" (a care date,
/// a rights period, a member file's dates) is the Europe/Paris calendar day of the
/// <see cref="TimeProvider"/>'s instant, never the machine's local date. Without the time-zone
/// database the platform does not start: falling back to UTC would move every day's boundary by
/// one or two hours without anyone noticing.
/// </summary>
internal static class ParisTime
{
    public const string ZoneId = "Europe/Paris";

    private static readonly Lazy<TimeZoneInfo> Zone = new(() => TimeZoneInfo.TryFindSystemTimeZoneById(ZoneId, out var zone)
        ? zone
        : throw new InvalidOperationException($"The time-zone database has no '{ZoneId}': install it (Debian package tzdata) or set TZDIR."));

    /// <summary>Fails at start-up, with what to do, when the time-zone database is missing.</summary>
    public static void EnsureAvailable() => _ = Zone.Value;

    public static DateTimeOffset Now(TimeProvider time) => TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone.Value);

    /// <summary>Today's date in Paris: what a French professional means by "today".</summary>
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(Now(time).DateTime);

    public static DateTimeOffset Of(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone.Value);

    /// <summary>The instant of a wall-clock time in Paris (the later one when the clock goes back).</summary>
    public static DateTimeOffset FromLocal(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var offset = Zone.Value.IsInvalidTime(unspecified) ? Zone.Value.BaseUtcOffset + TimeSpan.FromHours(1) : Zone.Value.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset);
    }
}
