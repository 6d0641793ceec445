namespace TiersPayant.Domain.Members;

/// <summary>A period of days, both ends included; an open end means "until further notice".</summary>
public sealed record DateRange
{
    /// <summary>Creates a period; the end cannot come before the start.</summary>
    public DateRange(DateOnly from, DateOnly? to)
    {
        if (to is { } end && end < from)
        {
            throw new ArgumentException("The end of a period cannot come before its start.", nameof(to));
        }

        From = from;
        To = to;
    }

    /// <summary>First day.</summary>
    public DateOnly From { get; }

    /// <summary>Last day, or null when open.</summary>
    public DateOnly? To { get; }

    /// <summary>True when <paramref name="day"/> lies in the period.</summary>
    public bool Contains(DateOnly day) => day >= From && (To is null || day <= To);
}
