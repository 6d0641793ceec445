using TiersPayant.Domain.Agreements;

namespace TiersPayant.Domain.Claims;

/// <summary>A line of an agreement, as agreed: what an invoice against it may charge at most.</summary>
/// <param name="Index">Its position in the agreement.</param>
/// <param name="Code">The product or act code.</param>
/// <param name="Quantity">The quantity agreed.</param>
/// <param name="UnitPrice">The unit price agreed.</param>
/// <param name="Class">Class A/B (optics), I/II (audiology), or null.</param>
/// <param name="Side">Right or left, or null.</param>
/// <param name="Amounts">The shares agreed.</param>
public sealed record AgreedLine(int Index, string Code, int Quantity, Money UnitPrice, string? Class, string? Side, Shares Amounts);

/// <summary>An invoice line after adjudication.</summary>
/// <param name="Index">Its position in the invoice.</param>
/// <param name="Line">What was invoiced.</param>
/// <param name="Amounts">Who pays what.</param>
/// <param name="Reasons">Stable reason codes; empty when paid as adjudicated.</param>
public sealed record AdjudicatedLine(int Index, AgreementLine Line, Shares Amounts, IReadOnlyList<string> Reasons);

/// <summary>
/// The rules that decide an invoice, with no storage: against its agreement (agreed, not expired,
/// not already invoiced, each line within what was agreed, rights open on the care date), or for
/// a direct claim from the engine's decision and earlier invoices (the same code for the same
/// person on the same day is a duplicate). A rejected invoice pays nothing: every line is the
/// patient's until it is corrected.
/// </summary>
public static class ClaimAdjudication
{
    /// <summary>A line that matches no agreed line.</summary>
    public const string LineNotAgreed = "line-not-agreed";

    /// <summary>A line above the quantity or unit price agreed.</summary>
    public const string AmountAboveAgreement = "amount-above-agreement";

    /// <summary>The same code for the same person on the same day was already paid.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>The person's rights are not open on the care date.</summary>
    public const string RightsClosed = "rights-closed";

    /// <summary>Reasons of the invoice as a whole against its agreement.</summary>
    public static List<string> AgainstAgreement(
        AgreementStatus agreement, DateOnly agreedCareDate, DateOnly? validUntil, bool alreadyInvoiced, bool rightsOpen, DateOnly careDate)
    {
        var reasons = new List<string>();
        if (agreement is not (AgreementStatus.Accepted or AgreementStatus.Partial))
        {
            reasons.Add("agreement-not-agreed");
        }

        if (careDate < agreedCareDate || validUntil is not { } until || careDate > until)
        {
            reasons.Add("agreement-expired");
        }

        if (alreadyInvoiced)
        {
            reasons.Add("agreement-already-invoiced");
        }

        if (!rightsOpen)
        {
            reasons.Add(RightsClosed);
        }

        return reasons;
    }

    /// <summary>
    /// Each invoiced line against the agreed lines (same code, side and class, each agreed line used
    /// once): never more than agreed; a lower price lowers the shares, the insurer's first.
    /// </summary>
    public static List<AdjudicatedLine> LinesAgainstAgreement(IReadOnlyList<AgreedLine> agreed, IReadOnlyList<AgreementLine> lines)
    {
        ArgumentNullException.ThrowIfNull(agreed);
        ArgumentNullException.ThrowIfNull(lines);
        var used = new HashSet<int>();
        var result = new List<AdjudicatedLine>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var total = line.UnitPrice * line.Quantity;
            var match = agreed.FirstOrDefault(a => !used.Contains(a.Index) && a.Code == line.Code
                && string.Equals(a.Side, line.Side, StringComparison.OrdinalIgnoreCase) && string.Equals(a.Class, line.Class, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                result.Add(new AdjudicatedLine(i, line, PatientPays(total), [LineNotAgreed]));
                continue;
            }

            used.Add(match.Index);
            if (line.Quantity > match.Quantity || line.UnitPrice.Cents > match.UnitPrice.Cents)
            {
                result.Add(new AdjudicatedLine(i, line, PatientPays(total), [AmountAboveAgreement]));
                continue;
            }

            var statutory = new Money(Math.Min(match.Amounts.Statutory.Cents, total.Cents));
            var insurer = new Money(Math.Min(match.Amounts.Insurer.Cents, total.Cents - statutory.Cents));
            result.Add(new AdjudicatedLine(i, line, new Shares(total, statutory, insurer, total - statutory - insurer), []));
        }

        return result;
    }

    /// <summary>
    /// Marks lines whose code cannot be billed on <paramref name="careDate"/>: closed since the
    /// agreement (an old generic code) or unknown. An invoice carrying one is rejected with
    /// <see cref="AgreementReasons.CodeNotInForce"/>.
    /// </summary>
    public static List<AdjudicatedLine> MarkCodesNotInForce(IEnumerable<AdjudicatedLine> lines, ReferenceCodeTable codes, DateOnly careDate)
    {
        ArgumentNullException.ThrowIfNull(codes);
        return [.. lines.Select(l => codes.Find(l.Line.Code)?.InForce(careDate) == true || l.Reasons.Contains(AgreementReasons.CodeNotInForce)
            ? l : l with { Reasons = [.. l.Reasons, AgreementReasons.CodeNotInForce] })];
    }

    /// <summary>Marks lines whose code was already paid for this person on this day.</summary>
    public static List<AdjudicatedLine> MarkDuplicates(IEnumerable<AdjudicatedLine> lines, IReadOnlySet<string> alreadyPaidCodes) =>
        [.. lines.Select(l => alreadyPaidCodes.Contains(l.Line.Code) ? l with { Reasons = [.. l.Reasons, Duplicate] } : l)];

    /// <summary>
    /// The invoice's outcome: rejected when the invoice has a reason or a line has a refusing one;
    /// then every line is the patient's, and the reasons gather the lines' own.
    /// </summary>
    public static (ClaimStatus Status, IReadOnlyList<string> Reasons, IReadOnlyList<AdjudicatedLine> Lines) Settle(
        IReadOnlyList<string> reasons, IReadOnlyList<AdjudicatedLine> lines)
    {
        var rejected = reasons.Count > 0 || lines.Any(l => l.Reasons.Any(r => r is LineNotAgreed or AmountAboveAgreement or Duplicate || AgreementReasons.Refuses(r)));
        if (!rejected)
        {
            return (ClaimStatus.Accepted, [], lines);
        }

        return (ClaimStatus.Rejected,
            [.. reasons.Concat(lines.SelectMany(l => l.Reasons)).Distinct(StringComparer.Ordinal)],
            [.. lines.Select(l => l with { Amounts = PatientPays(l.Amounts.Total) })]);
    }

    private static Shares PatientPays(Money total) => new(total, Money.Zero, Money.Zero, total);
}
