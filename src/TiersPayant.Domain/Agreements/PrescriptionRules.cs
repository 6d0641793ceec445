namespace TiersPayant.Domain.Agreements;

/// <summary>How long a prescription stays valid for someone aged <paramref name="FromAge"/> to <paramref name="ToAge"/> on the prescription date.</summary>
/// <param name="FromAge">Youngest age of the band, in full years.</param>
/// <param name="ToAge">Oldest age of the band, in full years; null for "and over".</param>
/// <param name="Months">Validity in months from the prescription date.</param>
public sealed record ValidityBand(int FromAge, int? ToAge, int Months)
{
    /// <summary>True when <paramref name="age"/> falls in the band.</summary>
    public bool Contains(int age) => age >= FromAge && (ToAge is null || age <= ToAge);
}

/// <summary>Which domains need a prescription, and how long it stays valid.</summary>
public sealed class PrescriptionRules
{
    private readonly IReadOnlyDictionary<CareDomain, IReadOnlyList<ValidityBand>> _bands;

    /// <summary>Creates the rules: the domains listed need a prescription; their bands must cover every age from 0.</summary>
    public PrescriptionRules(IReadOnlyDictionary<CareDomain, IReadOnlyList<ValidityBand>> bands)
    {
        foreach (var (domain, list) in bands)
        {
            // A gap would leave someone without a validity: refuse the table rather than guess.
            var age = 0;
            foreach (var band in list.OrderBy(b => b.FromAge))
            {
                if (band.FromAge != age)
                {
                    throw new ArgumentException($"Prescription bands of {domain.Code()} leave a gap at age {age}.", nameof(bands));
                }

                age = band.ToAge is { } to ? to + 1 : int.MaxValue;
            }

            if (age != int.MaxValue)
            {
                throw new ArgumentException($"Prescription bands of {domain.Code()} stop at age {age - 1}.", nameof(bands));
            }
        }

        _bands = bands;
    }

    /// <summary>True when a request in <paramref name="domain"/> needs a prescription.</summary>
    public bool Requires(CareDomain domain) => _bands.ContainsKey(domain);

    /// <summary>
    /// The last day a prescription written on <paramref name="prescribed"/> can be used, the
    /// person's age being taken on that date: the day before the anniversary ("valid 1 year" from
    /// 10 March means up to 9 March next year). Null when the domain needs no prescription.
    /// </summary>
    public DateOnly? LastValidDay(CareDomain domain, DateOnly birthDate, DateOnly prescribed)
    {
        if (!_bands.TryGetValue(domain, out var bands))
        {
            return null;
        }

        var age = Ages.FullYears(birthDate, prescribed);
        var band = bands.First(b => b.Contains(age));
        return prescribed.AddMonths(band.Months).AddDays(-1);
    }
}
