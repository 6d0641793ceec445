using TiersPayant.Domain.Members;

namespace TiersPayant.Domain.Agreements;

/// <summary>
/// Decides a prior-agreement request: a pure function of the request and its context, with no
/// I/O and no clock (the context says what day it is), so that the same inputs always give the
/// same answer, to the cent.
/// </summary>
/// <remarks>
/// Rounding: every share is integer cents. A percentage of a base rounds to the nearest cent,
/// half away from zero (<see cref="Money.Percent"/>). An amount spread over several lines (a
/// fixed amount, a floor) or a ceiling cut across them is shared in proportion, each line
/// rounded down, the cents left over going to the largest remainders, the earlier line first.
/// The patient's share is what is left, so that statutory + insurer + patient equals the total
/// on every line, and the totals are the sums of the lines.
/// </remarks>
public static class AgreementEngine
{
    /// <summary>
    /// Months an accepted or partial agreement can be invoiced against, from the care date: long
    /// enough to make glasses, fit hearing aids or carry out a dental plan. The agreement also
    /// ends when the prescription stops being valid, since the delivery needs a valid one.
    /// </summary>
    public const int ValidityMonths = 6;

    /// <summary>Validates <paramref name="request"/>, then decides it if it is valid.</summary>
    public static AgreementEvaluation Evaluate(AgreementRequest request, AgreementContext context)
    {
        var errors = AgreementValidator.Validate(request, context, out var parsed, out var rules);
        if (errors.Count > 0)
        {
            return new AgreementEvaluation(errors, null);
        }

        // Validation guarantees the rules of the care date are known.
        return new AgreementEvaluation([], Decide(request.Domain, parsed, context, rules!));
    }

    private static AgreementDecision Decide(CareDomain domain, List<ParsedLine> parsed, AgreementContext context, RegulatedRules rules)
    {
        var lines = parsed.ConvertAll(p => new LineWork(p));
        var reasons = LineChecks.Apply(lines, domain, context, rules);
        ShareCalculator.Apply(lines, domain, context, rules);

        var missing = rules.DocumentsFor(domain).Concat(context.Guarantee?.AdditionalDocuments ?? [])
            .Distinct().Where(d => !context.Documents.Contains(d)).ToList();
        if (missing.Count > 0)
        {
            reasons.Add(AgreementReasons.MissingDocument);
        }

        var references = context.Guarantee?.ReferencePrices;
        foreach (var line in lines.Where(l => !l.Refused))
        {
            if (references is not null && references.TryGetValue(line.Code.Kind, out var reference) && line.Line.UnitPrice > reference)
            {
                line.Add(AgreementReasons.PriceAboveInsurerReference);
            }
        }

        foreach (var reason in lines.SelectMany(l => l.Reasons))
        {
            if (!reasons.Contains(reason))
            {
                reasons.Add(reason);
            }
        }

        var status = StatusOf(lines, reasons);
        var decisions = lines.ConvertAll(l => l.ToDecision());
        return new AgreementDecision(
            status,
            decisions,
            decisions.Aggregate(Shares.None, (sum, line) => sum + line.Amounts),
            reasons,
            missing,
            status is AgreementStatus.Accepted or AgreementStatus.Partial ? ValidityOf(domain, context, rules) : null,
            context.Responsible ? rules.Name : RegulatedRules.NotResponsible);
    }

    private static AgreementStatus StatusOf(List<LineWork> lines, List<string> reasons)
    {
        if (lines.TrueForAll(l => l.Refused))
        {
            return AgreementStatus.Refused;
        }

        if (reasons.Exists(AgreementReasons.Holds))
        {
            return AgreementStatus.Pending;
        }

        return lines.Exists(l => l.Refused) || reasons.Exists(AgreementReasons.Caps) ? AgreementStatus.Partial : AgreementStatus.Accepted;
    }

    private static DateRange ValidityOf(CareDomain domain, AgreementContext context, RegulatedRules rules)
    {
        var end = context.CareDate.AddMonths(ValidityMonths).AddDays(-1);
        if (context.Prescription is { } prescription
            && rules.Prescriptions.LastValidDay(domain, context.BirthDate, prescription.Date) is { } lastValid
            && lastValid < end)
        {
            end = lastValid;
        }

        return new DateRange(context.CareDate, end);
    }
}
