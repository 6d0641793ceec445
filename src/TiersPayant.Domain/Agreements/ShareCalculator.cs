namespace TiersPayant.Domain.Agreements;

/// <summary>
/// Computes the statutory and insurer shares of the lines, in this order: statutory share; full
/// cover of "100% Santé" lines on a responsible contract; the guarantee's percent of the base or
/// actual costs; its fixed amount per equipment; its ceiling per equipment; its ceiling over the
/// period; then, on a responsible contract, the regulated floor, frame cap and ceilings, which
/// no guarantee can override. The patient pays what is left.
/// </summary>
internal static class ShareCalculator
{
    public static void Apply(IReadOnlyList<LineWork> lines, CareDomain domain, AgreementContext context, RegulatedRules rules)
    {
        foreach (var line in lines)
        {
            if (line.Reasons.Exists(AgreementReasons.StopsStatutory))
            {
                continue;
            }

            // Lines without a stopping reason have the tariff of the care date (LineChecks).
            var tariff = line.Tariff!;
            line.Statutory = tariff.StatutoryShare(line.Line.UnitPrice, line.Line.Quantity);
            line.FullCover = !line.Refused && context.Responsible && line.Code.Regime == PriceRegime.FullCover
                && rules.Contract?.FullCover.Contains(domain) == true;
            if (line.FullCover)
            {
                line.Insurer = line.Total - line.Statutory;
            }
        }

        if (context.Guarantee is not { } guarantee)
        {
            return;
        }

        var paid = lines.Where(l => !l.Refused).ToList();
        var equipments = Equipments(domain, paid);
        var guaranteed = paid.Where(l => !l.FullCover).ToList();
        foreach (var (equipment, units) in equipments)
        {
            var terms = equipment.Where(l => !l.FullCover).ToList();
            if (terms.Count == 0)
            {
                continue;
            }

            terms.ForEach(line => line.Insurer = BaseShare(line, guarantee));
            Allocation.Add(terms, guarantee.FixedAmount * units);
            if (guarantee.EquipmentCeiling is { } ceiling)
            {
                Allocation.Cap(terms, ceiling * units, AgreementReasons.EquipmentCeilingReached);
            }
        }

        if (guarantee.PeriodCeiling is { } period)
        {
            var start = period.WindowStart(context.CareDate);
            var end = new DateOnly(context.CareDate.Year, 12, 31);
            var used = context.History.Where(p => p.Date >= start && p.Date <= end).Aggregate(Money.Zero, (sum, p) => sum + p.InsurerPaid);
            Allocation.Cap(guaranteed, period.Amount - used, AgreementReasons.PeriodCeilingReached);
        }

        if (context.Responsible && rules.Contract is { } contract)
        {
            foreach (var (equipment, _) in equipments)
            {
                RegulatedLimits.Apply(equipment, domain, contract);
            }
        }
    }

    /// <summary>
    /// The units the guarantee's "per equipment" amounts count in: in optics the request is one
    /// equipment (frame and lenses, validation allows one of each per eye); elsewhere each line
    /// is its own, counted once per unit (a hearing aid is one ear, a crown one tooth).
    /// </summary>
    private static List<(List<LineWork> Lines, int Units)> Equipments(CareDomain domain, List<LineWork> paid) =>
        domain == CareDomain.Optique
            ? paid.Count == 0 ? [] : [(paid, 1)]
            : [.. paid.Select(l => (new List<LineWork> { l }, l.Line.Quantity))];

    /// <summary>What the guarantee pays before fixed amounts and ceilings: actual costs, or its percent of the base less the statutory share.</summary>
    private static Money BaseShare(LineWork line, DomainGuarantee guarantee)
    {
        if (guarantee.ActualCosts)
        {
            return line.Total - line.Statutory;
        }

        var covered = (Money.Min(line.Line.UnitPrice, line.Tariff!.Base) * line.Line.Quantity).Percent(guarantee.PercentOfBase * 100);
        return Money.Max(Money.Zero, Money.Min(covered - line.Statutory, line.Total - line.Statutory));
    }
}
