namespace TiersPayant.Domain.Agreements;

/// <summary>The kinds of the two lenses of one equipment, in a canonical order (simple before complex).</summary>
public readonly record struct LensPair
{
    /// <summary>Creates the pair; both kinds must be lenses, in any order.</summary>
    public LensPair(ProductKind first, ProductKind second)
    {
        if (!first.IsLens() || !second.IsLens())
        {
            throw new ArgumentException("A lens pair is made of two lens kinds.", nameof(first));
        }

        (Lower, Upper) = first <= second ? (first, second) : (second, first);
    }

    /// <summary>The simpler of the two lenses.</summary>
    public ProductKind Lower { get; }

    /// <summary>The more complex of the two lenses.</summary>
    public ProductKind Upper { get; }
}

/// <summary>
/// What a responsible contract may pay on one class B equipment (frame and two lenses), statutory
/// share included: at most <paramref name="Ceiling"/>, at least <paramref name="Floor"/>.
/// </summary>
/// <param name="Ceiling">Most the equipment may be covered for (statutory plus insurer).</param>
/// <param name="Floor">Least the equipment must be covered for (statutory plus insurer).</param>
public sealed record EquipmentLimit(Money Ceiling, Money Floor);

/// <summary>How often optical equipment may be renewed, by age and by what changed (a statutory condition of the product list since 2020).</summary>
/// <param name="AdultFromAge">Age, in full years at the care date, from which <paramref name="AdultMonths"/> applies.</param>
/// <param name="AdultMonths">Months between two equipments from that age.</param>
/// <param name="ChildMonths">Months between two equipments below that age.</param>
/// <param name="AdultCorrectionChangeMonths">Months from that age when the prescription shows a change of correction.</param>
/// <param name="ChildCorrectionChangeMonths">Months below that age when the prescription shows a change of correction; 0 when no delay applies.</param>
/// <param name="FaceChangeUnderAge">Below this age a change of face shortens the period; null when the rule does not exist.</param>
/// <param name="FaceChangeMonths">Months when the face changed below <paramref name="FaceChangeUnderAge"/>.</param>
public sealed record OpticsRenewal(
    int AdultFromAge, int AdultMonths, int ChildMonths, int AdultCorrectionChangeMonths, int ChildCorrectionChangeMonths,
    int? FaceChangeUnderAge, int FaceChangeMonths)
{
    /// <summary>The shortest period that applies to someone of <paramref name="age"/> years.</summary>
    public int MonthsFor(int age, bool correctionChanged, bool faceChanged)
    {
        var adult = age >= AdultFromAge;
        var months = adult ? AdultMonths : ChildMonths;
        if (correctionChanged)
        {
            months = Math.Min(months, adult ? AdultCorrectionChangeMonths : ChildCorrectionChangeMonths);
        }

        if (faceChanged && age < FaceChangeUnderAge)
        {
            months = Math.Min(months, FaceChangeMonths);
        }

        return months;
    }
}

/// <summary>The responsible-contract limits on class B optical equipment (article R. 871-2 of the social security code).</summary>
/// <param name="FrameCap">Most a responsible contract may cover on a class B frame, statutory share included.</param>
/// <param name="Equipment">Ceiling and floor per pair of lens kinds, frame included.</param>
public sealed record OpticsLimits(Money FrameCap, IReadOnlyDictionary<LensPair, EquipmentLimit> Equipment)
{
    /// <summary>
    /// The ceiling for an equipment with these lenses: the pair's ceiling for two lenses; for a
    /// single lens, half the ceiling of a pair of that kind (the tables' mixed pairs are exactly
    /// the average of the pure ones, so a lens "weighs" half its pair); null without lenses, when
    /// only the frame cap applies.
    /// </summary>
    public Money? CeilingFor(IReadOnlyList<ProductKind> lenses) => lenses.Count switch
    {
        0 => null,
        1 => Equipment[new LensPair(lenses[0], lenses[0])].Ceiling.Percent(5_000),
        _ => Equipment[new LensPair(lenses[0], lenses[1])].Ceiling,
    };

    /// <summary>The floor for a complete equipment with these two lenses.</summary>
    public Money FloorFor(ProductKind first, ProductKind second) => Equipment[new LensPair(first, second)].Floor;
}
