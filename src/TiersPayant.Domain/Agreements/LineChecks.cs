namespace TiersPayant.Domain.Agreements;

/// <summary>The rules that refuse lines: cover, prescription, age, price limit, renewal.</summary>
internal static class LineChecks
{
    /// <summary>Marks refused lines and returns the request-wide reasons.</summary>
    public static List<string> Apply(IReadOnlyList<LineWork> lines, CareDomain domain, AgreementContext context, RegulatedRules rules)
    {
        var requestWide = new List<string>();
        if (context.Guarantee?.Covers(domain, context.CareDate) != true)
        {
            requestWide.Add(AgreementReasons.NotCovered);
        }

        if (context.Prescription is { } prescription
            && rules.Prescriptions.LastValidDay(domain, context.BirthDate, prescription.Date) < context.CareDate)
        {
            requestWide.Add(AgreementReasons.PrescriptionExpired);
        }

        var age = Ages.FullYears(context.BirthDate, context.CareDate);
        foreach (var line in lines)
        {
            requestWide.ForEach(line.Add);
            if (!line.Code.SuitsAge(age))
            {
                line.Add(AgreementReasons.CodeNotForAge);
            }

            // A code closed (or not yet open) on the care date, or one whose figures are not known
            // for it, is not billable: the statutory insurance pays nothing on it either.
            line.Tariff = line.Code.TariffOn(context.CareDate);
            if (line.Tariff is null)
            {
                line.Add(AgreementReasons.CodeNotInForce);
            }
            else if (line.Tariff.PriceLimit is { } limit && line.Line.UnitPrice > limit)
            {
                line.Add(AgreementReasons.PriceAboveLimit);
            }

            if (RenewalMonths(line, domain, age, context, rules) is { } months
                && LastSame(line, context) is { } last
                && context.CareDate < last.Date.AddMonths(months))
            {
                line.Add(AgreementReasons.RenewalPeriodNotElapsed);
                // The first day the same component may be renewed under the same conditions.
                line.RenewableFrom = last.Date.AddMonths(months);
            }
        }

        return requestWide;
    }

    private static int? RenewalMonths(LineWork line, CareDomain domain, int age, AgreementContext context, RegulatedRules rules)
    {
        if (line.Code.Kind == ProductKind.HearingAid)
        {
            return rules.HearingAidRenewalMonths;
        }

        if (domain != CareDomain.Optique || !(line.Code.Kind == ProductKind.Frame || line.Code.Kind.IsLens()))
        {
            return null;
        }

        // A prescription showing a change justifies one early renewal: if the last equipment of
        // this component was itself delivered on a new prescription written on or after this
        // one, the change has been used already.
        var prescription = context.Prescription;
        var last = LastSame(line, context);
        var spent = last is { WithNewPrescription: true } && prescription is not null && last.Date >= prescription.Date;
        return rules.OpticsRenewal.MonthsFor(
            age, prescription?.CorrectionChanged == true && !spent, prescription?.FaceChanged == true && !spent);
    }

    /// <summary>The latest delivery, on or before the care date, of the same component: the frame, the lens of this eye, the aid of this ear.</summary>
    private static PastEquipment? LastSame(LineWork line, AgreementContext context)
    {
        PastEquipment? last = null;
        foreach (var past in context.History)
        {
            if (past.Date <= context.CareDate && SameComponent(past, line) && (last is null || past.Date > last.Date))
            {
                last = past;
            }
        }

        return last;
    }

    private static bool SameComponent(PastEquipment past, LineWork line)
    {
        var kind = line.Code.Kind;
        var sameKind = kind.IsLens() ? past.Kind.IsLens() : past.Kind == kind;
        return sameKind && kind != ProductKind.Crown && kind != ProductKind.Drug
            && (past.Side is null || line.Line.Side is null || past.Side == line.Line.Side);
    }
}
