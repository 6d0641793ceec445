namespace TiersPayant.Domain.Agreements;

/// <summary>
/// The responsible-contract limits on free-price equipment (optics class B, audiology class II),
/// statutory share included. "100% Santé" elements of a mixed equipment are fully covered and
/// stay outside these limits: the ceilings apply to the class B elements only.
/// </summary>
internal static class RegulatedLimits
{
    public static void Apply(List<LineWork> equipment, CareDomain domain, ResponsibleContractRules rules)
    {
        switch (domain)
        {
            case CareDomain.Optique:
                ApplyOptics(equipment, rules.Optics);
                break;
            case CareDomain.Audioprothese when rules.HearingAidCeiling is { } ceiling:
                foreach (var line in equipment.Where(l => l.Code.Class == EquipmentClass.II))
                {
                    Allocation.Cap([line], ceiling * line.Line.Quantity - line.Statutory, AgreementReasons.CeilingReached);
                }

                break;
            default:
                break;
        }
    }

    private static void ApplyOptics(List<LineWork> equipment, OpticsLimits optics)
    {
        var free = equipment.Where(l => l.Code.Class == EquipmentClass.B).ToList();
        if (free.Count == 0)
        {
            return;
        }

        // The floor is a minimum the contract owes on a complete class B equipment; it comes
        // before the caps, which are absolute.
        var freeLenses = free.Where(l => l.Code.Kind.IsLens()).Select(l => l.Code.Kind).ToList();
        if (freeLenses.Count == 2 && free.Count == 3)
        {
            var missing = optics.FloorFor(freeLenses[0], freeLenses[1]) - Sum(free, l => l.Coverage);
            if (missing > Money.Zero)
            {
                Allocation.Add(free, missing);
            }
        }

        foreach (var frame in free.Where(l => l.Code.Kind == ProductKind.Frame))
        {
            Allocation.Cap([frame], optics.FrameCap - frame.Statutory, AgreementReasons.FrameCeilingReached);
        }

        var lenses = equipment.Where(l => l.Code.Kind.IsLens()).Select(l => l.Code.Kind).ToList();
        if (optics.CeilingFor(lenses) is { } ceiling)
        {
            Allocation.Cap(free, ceiling - Sum(free, l => l.Statutory), AgreementReasons.CeilingReached);
        }
    }

    private static Money Sum(List<LineWork> lines, Func<LineWork, Money> amount) =>
        lines.Aggregate(Money.Zero, (sum, line) => sum + amount(line));
}
