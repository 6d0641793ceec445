namespace TiersPayant.Domain.Agreements;

/// <summary>
/// One line of a quote as the professional sent it. Class and side stay text until validated, so
/// that a wrong value is answered with the field it came from rather than lost in parsing.
/// </summary>
/// <param name="Code">The product or act code.</param>
/// <param name="Quantity">Units on the line.</param>
/// <param name="UnitPrice">Price per unit.</param>
/// <param name="Class">"A"/"B" in optics, "I"/"II" in audiology, absent elsewhere.</param>
/// <param name="Side">"right"/"left" for lenses and hearing aids, absent elsewhere.</param>
public sealed record AgreementLine(string Code, int Quantity, Money UnitPrice, string? Class = null, string? Side = null);

/// <summary>A prior-agreement request: the quote's lines in one domain.</summary>
/// <param name="Domain">The care domain.</param>
/// <param name="Lines">The quote's lines, in the order the professional sent them.</param>
public sealed record AgreementRequest(CareDomain Domain, IReadOnlyList<AgreementLine> Lines);

/// <summary>Something the beneficiary already received in the domain, as the platform recorded it.</summary>
/// <param name="Date">When it was delivered.</param>
/// <param name="Kind">What it was.</param>
/// <param name="Side">Which eye or ear; null for a frame, or for a lens recorded without a side (then it counts for both).</param>
/// <param name="WithNewPrescription">It was delivered on a prescription showing a change (of correction or face).</param>
/// <param name="InsurerPaid">What the insurer paid on it (for period ceilings).</param>
public sealed record PastEquipment(DateOnly Date, ProductKind Kind, Side? Side, bool WithNewPrescription, Money InsurerPaid);

/// <summary>What the platform knows around a request: dates, the person, the contract, the history, the documents.</summary>
public sealed record AgreementContext
{
    /// <summary>The day of the decision, to reject care dates in the future.</summary>
    public required DateOnly Today { get; init; }

    /// <summary>The date of care (of the quote); picks the rules and the guarantee.</summary>
    public required DateOnly CareDate { get; init; }

    /// <summary>The beneficiary's birth date; ages are counted in full years.</summary>
    public required DateOnly BirthDate { get; init; }

    /// <summary>The contract's guarantee for the request's domain; null when the contract has none.</summary>
    public DomainGuarantee? Guarantee { get; init; }

    /// <summary>True for a responsible contract: "100% Santé" full cover, regulated ceilings and floors.</summary>
    public bool Responsible { get; init; }

    /// <summary>What the beneficiary already received in the domain.</summary>
    public IReadOnlyList<PastEquipment> History { get; init; } = [];

    /// <summary>The prescription, where the domain needs one.</summary>
    public Prescription? Prescription { get; init; }

    /// <summary>The documents attached to the request.</summary>
    public IReadOnlySet<SupportingDocument> Documents { get; init; } = new HashSet<SupportingDocument>();

    /// <summary>The reference codes to read lines against.</summary>
    public ReferenceCodeTable Codes { get; init; } = ReferenceCodeTable.Default;

    /// <summary>The regulated rules, dated and sourced.</summary>
    public RegulatedRulesCatalog Rules { get; init; } = RegulatedRulesCatalog.Default;

    /// <summary>
    /// The date the contract was signed or last renewed, which picks the responsible-contract
    /// rules; null to take it from the guarantee: the latest anniversary of its start on or before
    /// the care date (contracts renew tacitly each year).
    /// </summary>
    public DateOnly? ContractDate { get; init; }

    /// <summary>The contract date the rules are read at: <see cref="ContractDate"/>, or the guarantee's latest renewal, or the care date without a guarantee.</summary>
    public DateOnly EffectiveContractDate =>
        ContractDate ?? (Guarantee is { } guarantee ? Rules.ContractDate(guarantee.Period.From, CareDate) : CareDate);

    /// <summary>The rules in force for this request; null when the statutory rules of the care date are not known.</summary>
    public RegulatedRules? RulesInForce => Rules.For(CareDate, EffectiveContractDate);
}
