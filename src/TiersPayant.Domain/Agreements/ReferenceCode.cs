using TiersPayant.Domain.Members;
using TiersPayant.Domain.Regulation;

namespace TiersPayant.Domain.Agreements;

/// <summary>The ages, in full years at the care date, a code may be billed for.</summary>
/// <param name="From">Youngest age; null when any.</param>
/// <param name="To">Oldest age; null when any.</param>
public sealed record AgeBand(int? From, int? To)
{
    /// <summary>True when someone of <paramref name="years"/> full years falls in the band.</summary>
    public bool Contains(int years) => (From is null || years >= From) && (To is null || years <= To);
}

/// <summary>What the statutory insurance applies to a code on one care date.</summary>
/// <param name="Base">The statutory base per unit ("base de remboursement", "tarif de responsabilité").</param>
/// <param name="Rate">The statutory rate on the base, in whole percent.</param>
/// <param name="PriceLimit">The regulated price per unit ("prix limite de vente", "honoraire limite de facturation"); null when prices are free.</param>
public sealed record Tariff(Money Base, int Rate, Money? PriceLimit)
{
    /// <summary>
    /// What the statutory insurance pays on <paramref name="quantity"/> units sold at
    /// <paramref name="unitPrice"/>: its rate of the base, the base being the price when the price
    /// is lower (it never pays more than was spent), rounded to the nearest cent, half away from zero.
    /// </summary>
    public Money StatutoryShare(Money unitPrice, int quantity) => (Money.Min(unitPrice, Base) * quantity).Percent(Rate * 100);
}

/// <summary>
/// A product or act code the platform knows (LPP code in optics and audiology, CCAM act in
/// dental, CIP13 in pharmacy), with the dates it can be billed and, for each figure the statutory
/// insurance applies to it, the values over time and the texts they come from. Served as
/// <c>GET /api/v1/reference/codes?domain=D</c>.
/// </summary>
public sealed record ReferenceCode
{
    /// <summary>Creates a code.</summary>
    /// <param name="code">The code as billed.</param>
    /// <param name="label">The French label.</param>
    /// <param name="domain">The care domain it is billed in.</param>
    /// <param name="kind">What the product is.</param>
    /// <param name="equipmentClass">A/B in optics, I/II in audiology, null elsewhere.</param>
    /// <param name="regime">How its price is regulated.</param>
    /// <param name="listing">The dates the code can be billed, and the list that creates (or closes) it.</param>
    /// <param name="bases">The statutory base per unit over time.</param>
    /// <param name="rates">The statutory rate over time, in whole percent.</param>
    /// <param name="priceLimits">The regulated price per unit over time; required unless prices are free.</param>
    /// <param name="ages">The ages it may be billed for; null when any.</param>
    public ReferenceCode(
        string code, string label, CareDomain domain, ProductKind kind, EquipmentClass? equipmentClass, PriceRegime regime,
        Sourced<CodeListing> listing, Timeline<Money> bases, Timeline<int> rates, Timeline<Money>? priceLimits = null, Sourced<AgeBand>? ages = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(bases);
        ArgumentNullException.ThrowIfNull(rates);
        if (bases.Entries.Count == 0 || rates.Entries.Count == 0)
        {
            throw new ArgumentException($"Code {code}: a code needs at least one base and one rate.", nameof(bases));
        }

        if (bases.Entries.Any(b => b.Value.IsNegative))
        {
            throw new ArgumentOutOfRangeException(nameof(bases), $"Code {code}: a statutory base cannot be negative.");
        }

        if (rates.Entries.Any(r => r.Value is < 0 or > 100))
        {
            throw new ArgumentOutOfRangeException(nameof(rates), $"Code {code}: a statutory rate is a whole percent between 0 and 100.");
        }

        if (regime != PriceRegime.FreePrice && (priceLimits is null || priceLimits.Entries.Count == 0))
        {
            throw new ArgumentException($"Code {code}: a regulated price needs its price limits.", nameof(priceLimits));
        }

        Code = code;
        Label = label;
        Domain = domain;
        Kind = kind;
        Class = equipmentClass;
        Regime = regime;
        Listing = listing;
        Bases = bases;
        Rates = rates;
        PriceLimits = priceLimits ?? new Timeline<Money>([]);
        Ages = ages;
    }

    /// <summary>The code as billed, e.g. <c>2202239</c>, <c>HBLD634</c>, <c>3400935955838</c>.</summary>
    public string Code { get; }

    /// <summary>The French label, as professionals read it.</summary>
    public string Label { get; }

    /// <summary>The care domain the code is billed in.</summary>
    public CareDomain Domain { get; }

    /// <summary>What the product is.</summary>
    public ProductKind Kind { get; }

    /// <summary>A/B in optics, I/II in audiology, null elsewhere.</summary>
    public EquipmentClass? Class { get; }

    /// <summary>How its price is regulated.</summary>
    public PriceRegime Regime { get; }

    /// <summary>The care dates the code can be billed on, and the list it comes from.</summary>
    public Sourced<CodeListing> Listing { get; }

    /// <summary>The statutory base per unit over time.</summary>
    public Timeline<Money> Bases { get; }

    /// <summary>The statutory rate over time, in whole percent.</summary>
    public Timeline<int> Rates { get; }

    /// <summary>The regulated price per unit over time; empty when prices are free.</summary>
    public Timeline<Money> PriceLimits { get; }

    /// <summary>The ages it may be billed for; null when any.</summary>
    public Sourced<AgeBand>? Ages { get; }

    /// <summary>The dates the code can be billed.</summary>
    public DateRange Validity => Listing.Validity;

    /// <summary>True when the code can be billed for care on <paramref name="careDate"/>.</summary>
    public bool InForce(DateOnly careDate) => Listing.Validity.Contains(careDate);

    /// <summary>True when the code may be billed for someone of <paramref name="years"/> full years.</summary>
    public bool SuitsAge(int years) => Ages?.Value.Contains(years) != false;

    /// <summary>
    /// What the statutory insurance applies on <paramref name="careDate"/>; null when the code is not
    /// in force then, or a figure it needs (a base, a rate, a price limit) is not known for that date.
    /// </summary>
    public Tariff? TariffOn(DateOnly careDate)
    {
        if (!InForce(careDate) || Bases.On(careDate) is not { } basis || Rates.On(careDate) is not { } rate)
        {
            return null;
        }

        var limit = PriceLimits.On(careDate);
        if (Regime != PriceRegime.FreePrice && limit is null)
        {
            return null;
        }

        return new Tariff(basis.Value, rate.Value, limit?.Value);
    }

    /// <summary>Every sourced figure of the code, for the notes and the tests.</summary>
    public IEnumerable<(string Figure, DateRange Validity, Source Source)> Figures()
    {
        yield return ("listing", Listing.Validity, Listing.Source);
        foreach (var e in Bases.Entries)
        {
            yield return ("base", e.Validity, e.Source);
        }

        foreach (var e in Rates.Entries)
        {
            yield return ("rate", e.Validity, e.Source);
        }

        foreach (var e in PriceLimits.Entries)
        {
            yield return ("price-limit", e.Validity, e.Source);
        }

        if (Ages is { } ages)
        {
            yield return ("ages", ages.Validity, ages.Source);
        }
    }
}

/// <summary>How a code stands in its official list.</summary>
/// <param name="Example">
/// True when the code could not be read in the official list and stands as an example of its
/// shape: to be replaced from the list before production. The README lists them.
/// </param>
public sealed record CodeListing(bool Example);
