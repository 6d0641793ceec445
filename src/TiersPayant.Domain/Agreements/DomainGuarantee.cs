using TiersPayant.Domain.Members;

namespace TiersPayant.Domain.Agreements;

/// <summary>
/// A ceiling on what the insurer pays in a domain over calendar years: the current year alone
/// (<paramref name="CalendarYears"/> = 1), or with the years before it.
/// </summary>
/// <param name="Amount">Most the insurer pays over the window.</param>
/// <param name="CalendarYears">Calendar years in the window, ending with the care date's year.</param>
public sealed record PeriodCeiling(Money Amount, int CalendarYears)
{
    /// <summary>The first day of the window that contains <paramref name="careDate"/>.</summary>
    public DateOnly WindowStart(DateOnly careDate) => new(careDate.Year - CalendarYears + 1, 1, 1);
}

/// <summary>
/// What a contract pays in one domain, the rich form the calculation engine reads (beside
/// <see cref="Guarantee"/>, which the member files carry). Amounts are what the insurer pays,
/// except <see cref="PercentOfBase"/>, which includes the statutory share as contracts state it.
/// </summary>
public sealed record DomainGuarantee
{
    /// <summary>Creates a guarantee paying the statutory co-payment only (100 % of the base), until its terms are set.</summary>
    public DomainGuarantee(CareDomain domain, DateRange period)
    {
        Domain = domain;
        Period = period;
    }

    /// <summary>The domain.</summary>
    public CareDomain Domain { get; }

    /// <summary>When the guarantee applies.</summary>
    public DateRange Period { get; }

    /// <summary>
    /// Percent of the statutory base reimbursed in total, statutory share included: 100 pays the
    /// co-payment ("ticket modérateur"), 300 pays three times the base less what statutory paid.
    /// </summary>
    public int PercentOfBase { get; init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value)); } = 100;

    /// <summary>A fixed amount on top, per equipment (optics: frame and lenses; audiology: per ear; elsewhere: per unit).</summary>
    public Money FixedAmount { get; init => field = NonNegative(value); }

    /// <summary>"Frais réels": the insurer pays everything statutory leaves, within the ceilings.</summary>
    public bool ActualCosts { get; init; }

    /// <summary>Most the insurer pays per equipment (same unit as <see cref="FixedAmount"/>); null when unbounded.</summary>
    public Money? EquipmentCeiling { get; init => field = value is { } v ? NonNegative(v) : null; }

    /// <summary>Most the insurer pays over a window of calendar years; null when unbounded.</summary>
    public PeriodCeiling? PeriodCeiling { get; init; }

    /// <summary>
    /// The insurer's reference unit price per kind: a line priced above it is not refused but
    /// sent to a person ("pending"), who judges whether the price is justified.
    /// </summary>
    public IReadOnlyDictionary<ProductKind, Money> ReferencePrices { get; init; } = new Dictionary<ProductKind, Money>();

    /// <summary>Documents the insurer requires on top of the regulated ones.</summary>
    public IReadOnlyList<SupportingDocument> AdditionalDocuments { get; init; } = [];

    /// <summary>True when the guarantee covers <paramref name="domain"/> on <paramref name="careDate"/>.</summary>
    public bool Covers(CareDomain domain, DateOnly careDate) => Domain == domain && Period.Contains(careDate);

    /// <summary>
    /// The rich form of a member-file guarantee: its percent of the base, and its allowance as a
    /// fixed amount per equipment. The allowance is yearly in the member file; with renewal
    /// periods of a year or more in optics and audiology one equipment a year is the usual case,
    /// so the two readings agree there; elsewhere an insurer should state its terms in full.
    /// </summary>
    public static DomainGuarantee FromBasic(Guarantee guarantee) => new(guarantee.Domain, guarantee.Period)
    {
        PercentOfBase = guarantee.PercentOfBase,
        FixedAmount = guarantee.YearlyAllowance ?? Money.Zero,
    };

    private static Money NonNegative(Money value) =>
        value.IsNegative ? throw new ArgumentOutOfRangeException(nameof(value), "An amount of a guarantee cannot be negative.") : value;
}
