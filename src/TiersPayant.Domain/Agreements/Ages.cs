namespace TiersPayant.Domain.Agreements;

/// <summary>Ages as the rules count them.</summary>
public static class Ages
{
    /// <summary>
    /// Full years lived on <paramref name="on"/>. Someone born on 29 February turns a year older on
    /// 28 February of common years, as <see cref="DateOnly.AddYears"/> counts it. Zero before birth.
    /// </summary>
    public static int FullYears(DateOnly birthDate, DateOnly on)
    {
        var years = on.Year - birthDate.Year;
        if (years > 0 && birthDate.AddYears(years) > on)
        {
            years--;
        }

        return Math.Max(years, 0);
    }
}
