using TiersPayant.Domain.Members;

namespace TiersPayant.Domain.Eligibility;

/// <summary>
/// Whether a person is covered in one domain on a care date: both the person's rights and the
/// contract's guarantee for the domain must run that day.
/// </summary>
public static class CoverageRule
{
    /// <summary>
    /// The coverage of <paramref name="domain"/> on <paramref name="careDate"/>. The period given is
    /// where the rights and the guarantee both run; none when the contract has no guarantee for the
    /// domain or the two never overlap.
    /// </summary>
    public static DomainCoverage For(CareDomain domain, DateRange rights, DateRange? guarantee, DateOnly careDate)
    {
        if (guarantee is null || Overlap(rights, guarantee) is not { } both)
        {
            return new DomainCoverage(domain, false, null);
        }

        return new DomainCoverage(domain, both.Contains(careDate), both);
    }

    /// <summary>The status of the whole answer: covered when any domain is.</summary>
    public static EligibilityStatus StatusOf(IEnumerable<DomainCoverage> coverage) =>
        coverage.Any(c => c.Covered) ? EligibilityStatus.Covered : EligibilityStatus.NotCovered;

    private static DateRange? Overlap(DateRange a, DateRange b)
    {
        var from = a.From > b.From ? a.From : b.From;
        DateOnly? to = (a.To, b.To) switch
        {
            ({ } x, { } y) => x < y ? x : y,
            ({ } x, null) => x,
            (null, { } y) => y,
            (null, null) => null,
        };
        return to is { } end && end < from ? null : new DateRange(from, to);
    }
}

/// <summary>Coverage in one domain.</summary>
/// <param name="Domain">The care domain asked about.</param>
/// <param name="Covered">True when it runs on the care date.</param>
/// <param name="Period">Where the person's rights and the guarantee both run; null when they never do.</param>
public sealed record DomainCoverage(CareDomain Domain, bool Covered, DateRange? Period);
