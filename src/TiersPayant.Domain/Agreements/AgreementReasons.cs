namespace TiersPayant.Domain.Agreements;

/// <summary>The stable reason codes of a decision, per line and overall.</summary>
public static class AgreementReasons
{
    /// <summary>Refused: the contract has no guarantee for the domain on the care date.</summary>
    public const string NotCovered = "not-covered";
    /// <summary>Refused: the code cannot be billed on the care date (closed, not yet open, or without a statutory figure then).</summary>
    public const string CodeNotInForce = "code-not-in-force";
    /// <summary>Refused: the code is for another age band (hearing aids for 20 and under, or over 20).</summary>
    public const string CodeNotForAge = "code-not-for-age";
    /// <summary>Refused: the unit price is above the regulated price limit.</summary>
    public const string PriceAboveLimit = "price-above-limit";
    /// <summary>Refused: the prescription was no longer valid on the care date.</summary>
    public const string PrescriptionExpired = "prescription-expired";
    /// <summary>Refused: the same component (frame, lens of one eye, aid of one ear) was delivered too recently.</summary>
    public const string RenewalPeriodNotElapsed = "renewal-period-not-elapsed";
    /// <summary>Partial: a responsible-contract ceiling (equipment, class II ear) cut the insurer's share.</summary>
    public const string CeilingReached = "ceiling-reached";
    /// <summary>Partial: the responsible-contract frame cap cut the insurer's share on the frame.</summary>
    public const string FrameCeilingReached = "frame-ceiling-reached";
    /// <summary>Partial: the guarantee's own ceiling per equipment cut the insurer's share.</summary>
    public const string EquipmentCeilingReached = "equipment-ceiling-reached";
    /// <summary>Partial: the guarantee's ceiling over its period, with what was already paid, cut the insurer's share.</summary>
    public const string PeriodCeilingReached = "period-ceiling-reached";
    /// <summary>Pending: a required document is missing.</summary>
    public const string MissingDocument = "missing-document";
    /// <summary>Pending: a unit price is above the insurer's reference price for its kind.</summary>
    public const string PriceAboveInsurerReference = "price-above-insurer-reference";
    /// <summary>The insurer's manager granted a pending request.</summary>
    public const string AcceptedByInsurer = "accepted-by-insurer";
    /// <summary>The insurer's manager refused a pending request.</summary>
    public const string RefusedByInsurer = "refused-by-insurer";

    /// <summary>
    /// True when the reason also stops the statutory share: the regulated conditions of the
    /// product list were not met, so the statutory insurance pays nothing either. Only
    /// <see cref="NotCovered"/> is the insurer's own refusal, leaving the statutory share paid.
    /// </summary>
    public static bool StopsStatutory(string reason) => reason is CodeNotInForce or CodeNotForAge or PriceAboveLimit
        or PrescriptionExpired or RenewalPeriodNotElapsed;

    /// <summary>True for the reasons that refuse a line.</summary>
    public static bool Refuses(string reason) => reason == NotCovered || StopsStatutory(reason);

    /// <summary>True for the reasons that cap the insurer's share.</summary>
    public static bool Caps(string reason) =>
        reason is CeilingReached or FrameCeilingReached or EquipmentCeilingReached or PeriodCeilingReached;

    /// <summary>True for the reasons that send the request to a person.</summary>
    public static bool Holds(string reason) => reason is MissingDocument or PriceAboveInsurerReference;
}
