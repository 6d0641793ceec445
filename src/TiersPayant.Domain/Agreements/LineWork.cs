namespace TiersPayant.Domain.Agreements;

/// <summary>A line while the engine decides it: its amounts move as rules apply, its reasons accumulate.</summary>
internal sealed class LineWork(ParsedLine line)
{
    public ParsedLine Line { get; } = line;

    public ReferenceCode Code => Line.Code;

    public Money Total { get; } = line.UnitPrice * line.Quantity;

    /// <summary>The statutory figures of the care date; null when the code is not in force then.</summary>
    public Tariff? Tariff { get; set; }

    public Money Statutory { get; set; }

    public Money Insurer { get; set; }

    /// <summary>Paid in full within the price limit ("100% Santé" on a responsible contract): outside the guarantee's terms and ceilings.</summary>
    public bool FullCover { get; set; }

    public List<string> Reasons { get; } = [];

    /// <summary>When renewal is refused: the first day the same component may be renewed.</summary>
    public DateOnly? RenewableFrom { get; set; }

    public bool Refused => Reasons.Exists(AgreementReasons.Refuses);

    /// <summary>What the patient would pay now: room for the insurer to pay more.</summary>
    public Money Room => Total - Statutory - Insurer;

    public Money Coverage => Statutory + Insurer;

    public void Add(string reason)
    {
        if (!Reasons.Contains(reason))
        {
            Reasons.Add(reason);
        }
    }

    public LineDecision ToDecision() =>
        new(Line.Index, Code.Code, new Shares(Total, Statutory, Insurer, Room), [.. Reasons], RenewableFrom);
}
