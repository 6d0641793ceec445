using TiersPayant.Domain.Members;
using TiersPayant.Domain.Regulation;

namespace TiersPayant.Domain.Agreements;

/// <summary>
/// One edition of the responsible-contract rules (article R. 871-2 of the social security code
/// in one of its versions): the limits a "contrat responsable" must respect in optics.
/// </summary>
/// <param name="Name">A short name kept with each decision, e.g. <c>responsable-2019</c>.</param>
/// <param name="Equipment">Ceilings and floors per pair of lens kinds on class B equipment, frame included.</param>
public sealed record ResponsibleContractEdition(string Name, IReadOnlyDictionary<LensPair, EquipmentLimit> Equipment);

/// <summary>
/// The responsible-contract rules a decision follows, read at the contract's date (its signature
/// or last renewal), not at the care date: a contract takes a new edition when it is renewed.
/// </summary>
/// <param name="Name">The edition's name.</param>
/// <param name="Optics">Frame cap, ceilings and floors on class B equipment.</param>
/// <param name="HearingAidCeiling">Most covered per class II ear, statutory share included; null before it applied.</param>
/// <param name="FullCover">The domains whose "100% Santé" basket the contract must cover in full within the price limits.</param>
public sealed record ResponsibleContractRules(string Name, OpticsLimits Optics, Money? HearingAidCeiling, IReadOnlySet<CareDomain> FullCover);

/// <summary>
/// The regulated rules that apply to one decision: the statutory conditions of the care date
/// (renewal, prescription validity) and the responsible-contract rules of the contract's date.
/// Built by <see cref="RegulatedRulesCatalog.For"/> from sourced, dated figures; amounts per code
/// (bases, rates, price limits) live with the codes (<see cref="ReferenceCode"/>).
/// </summary>
/// <param name="Contract">The responsible-contract rules binding the contract; null when none did on its date.</param>
/// <param name="OpticsRenewal">How often optical equipment may be renewed.</param>
/// <param name="HearingAidRenewalMonths">Months between two hearing aids for the same ear; null when no period was regulated on the care date.</param>
/// <param name="Prescriptions">Which domains need a prescription and how long it stays valid.</param>
/// <param name="RequiredDocuments">Documents a request must carry, by domain.</param>
public sealed record RegulatedRules(
    ResponsibleContractRules? Contract,
    OpticsRenewal OpticsRenewal,
    int? HearingAidRenewalMonths,
    PrescriptionRules Prescriptions,
    IReadOnlyDictionary<CareDomain, IReadOnlyList<SupportingDocument>> RequiredDocuments)
{
    /// <summary>The name kept with a decision on a contract that is not responsible, or bound by no edition.</summary>
    public const string NotResponsible = "hors-contrat-responsable";

    /// <summary>The name kept with the decision: the responsible-contract edition, or <see cref="NotResponsible"/>.</summary>
    public string Name => Contract?.Name ?? NotResponsible;

    /// <summary>The documents a request in <paramref name="domain"/> must carry.</summary>
    public IReadOnlyList<SupportingDocument> DocumentsFor(CareDomain domain) =>
        RequiredDocuments.TryGetValue(domain, out var documents) ? documents : [];
}

/// <summary>
/// Every regulated rule the platform applies, as sourced and dated figures: those read at the care
/// date (renewal periods, prescription validity) and those read at the contract's date (the
/// responsible-contract limits, the full-cover obligation).
/// </summary>
public sealed class RegulatedRulesCatalog
{
    private readonly IReadOnlyDictionary<CareDomain, IReadOnlyList<SupportingDocument>> _documents;

    /// <summary>Creates the catalog.</summary>
    /// <param name="contractTerm">Months a contract runs before it is renewed (tacitly, each year).</param>
    /// <param name="responsibleContracts">Responsible-contract editions, by contract date.</param>
    /// <param name="frameCap">The class B frame cap, statutory share included, by contract date.</param>
    /// <param name="hearingAidCeiling">The class II hearing-aid ceiling, by contract date.</param>
    /// <param name="fullCover">The domains whose "100% Santé" basket a responsible contract covers in full, by contract date.</param>
    /// <param name="opticsRenewal">Optical renewal periods, by care date.</param>
    /// <param name="hearingAidRenewalMonths">Hearing-aid renewal period, by care date.</param>
    /// <param name="prescriptionValidity">Prescription validity bands per domain, by care date; a domain absent needs no prescription.</param>
    /// <param name="documents">Documents a request must carry, by domain (the platform's policy, not a regulated figure).</param>
    public RegulatedRulesCatalog(
        Sourced<int> contractTerm,
        Timeline<ResponsibleContractEdition> responsibleContracts,
        Timeline<Money> frameCap,
        Timeline<Money> hearingAidCeiling,
        Timeline<IReadOnlySet<CareDomain>> fullCover,
        Timeline<OpticsRenewal> opticsRenewal,
        Timeline<int> hearingAidRenewalMonths,
        IReadOnlyDictionary<CareDomain, Timeline<IReadOnlyList<ValidityBand>>> prescriptionValidity,
        IReadOnlyDictionary<CareDomain, IReadOnlyList<SupportingDocument>> documents)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(contractTerm.Value, 1, nameof(contractTerm));
        ContractTerm = contractTerm;
        ResponsibleContracts = responsibleContracts;
        FrameCap = frameCap;
        HearingAidCeiling = hearingAidCeiling;
        FullCover = fullCover;
        OpticsRenewal = opticsRenewal;
        HearingAidRenewalMonths = hearingAidRenewalMonths;
        PrescriptionValidity = prescriptionValidity;
        foreach (var (domain, timeline) in prescriptionValidity)
        {
            foreach (var entry in timeline.Entries)
            {
                // Refuse a table with a gap at build time rather than leave someone without a validity.
                _ = new PrescriptionRules(new Dictionary<CareDomain, IReadOnlyList<ValidityBand>> { [domain] = entry.Value });
            }
        }

        _documents = documents;
    }

    /// <summary>The rules the platform ships with (<see cref="RegulatedRulesData"/>).</summary>
    public static RegulatedRulesCatalog Default { get; } = RegulatedRulesData.Catalog;

    /// <summary>Months a contract runs before its tacit renewal.</summary>
    public Sourced<int> ContractTerm { get; }

    /// <summary>Responsible-contract editions, by contract date.</summary>
    public Timeline<ResponsibleContractEdition> ResponsibleContracts { get; }

    /// <summary>The class B frame cap, statutory share included, by contract date.</summary>
    public Timeline<Money> FrameCap { get; }

    /// <summary>The class II hearing-aid ceiling per ear, statutory share included, by contract date.</summary>
    public Timeline<Money> HearingAidCeiling { get; }

    /// <summary>The domains whose "100% Santé" basket a responsible contract covers in full, by contract date.</summary>
    public Timeline<IReadOnlySet<CareDomain>> FullCover { get; }

    /// <summary>Optical renewal periods, by care date.</summary>
    public Timeline<OpticsRenewal> OpticsRenewal { get; }

    /// <summary>Months between two hearing aids for one ear, by care date.</summary>
    public Timeline<int> HearingAidRenewalMonths { get; }

    /// <summary>Prescription validity bands per domain, by care date.</summary>
    public IReadOnlyDictionary<CareDomain, Timeline<IReadOnlyList<ValidityBand>>> PrescriptionValidity { get; }

    /// <summary>
    /// The date a contract whose guarantee started on <paramref name="start"/> was signed or last
    /// renewed by <paramref name="careDate"/>: contracts renew tacitly at the end of each term, so
    /// this is the latest anniversary of the start on or before the care date.
    /// </summary>
    public DateOnly ContractDate(DateOnly start, DateOnly careDate)
    {
        if (careDate <= start)
        {
            return start;
        }

        var terms = ((careDate.Year - start.Year) * 12 + careDate.Month - start.Month) / ContractTerm.Value;
        var renewed = start.AddMonths(terms * ContractTerm.Value);
        return renewed > careDate ? start.AddMonths((terms - 1) * ContractTerm.Value) : renewed;
    }

    /// <summary>
    /// The rules for care on <paramref name="careDate"/> under a contract signed or last renewed on
    /// <paramref name="contractDate"/>; null when the statutory rules of the care date are not all known.
    /// </summary>
    public RegulatedRules? For(DateOnly careDate, DateOnly contractDate)
    {
        if (OpticsRenewal.On(careDate) is not { } renewal)
        {
            return null;
        }

        var bands = new Dictionary<CareDomain, IReadOnlyList<ValidityBand>>();
        foreach (var (domain, timeline) in PrescriptionValidity)
        {
            if (timeline.On(careDate) is not { } validity)
            {
                return null;
            }

            bands[domain] = validity.Value;
        }

        ResponsibleContractRules? contract = null;
        if (ResponsibleContracts.ForContract(contractDate, careDate) is { } edition
            && FrameCap.ForContract(contractDate, careDate) is { } frameCap)
        {
            contract = new ResponsibleContractRules(
                edition.Value.Name,
                new OpticsLimits(frameCap.Value, edition.Value.Equipment),
                HearingAidCeiling.ForContract(contractDate, careDate)?.Value,
                FullCover.ForContract(contractDate, careDate)?.Value ?? new HashSet<CareDomain>());
        }

        return new RegulatedRules(contract, renewal.Value, HearingAidRenewalMonths.On(careDate)?.Value, new PrescriptionRules(bands), _documents);
    }

    /// <summary>Every regulated figure of the catalog with its validity and its source, for the notes and the tests.</summary>
    public IEnumerable<(string Figure, DateRange Validity, Source Source)> Figures()
    {
        yield return ("contract-term", ContractTerm.Validity, ContractTerm.Source);
        foreach (var e in ResponsibleContracts.Entries)
        {
            yield return ("responsible-contract/" + e.Value.Name, e.Validity, e.Source);
            if (e.BindsAllContractsFrom is { } transition)
            {
                yield return ("responsible-contract/" + e.Value.Name + "/transition", new DateRange(transition.From, null), transition.Source);
            }
        }

        foreach (var e in FrameCap.Entries)
        {
            yield return ("frame-cap", e.Validity, e.Source);
        }

        foreach (var e in HearingAidCeiling.Entries)
        {
            yield return ("hearing-aid-class-II-ceiling", e.Validity, e.Source);
        }

        foreach (var e in FullCover.Entries)
        {
            yield return ("full-cover/" + string.Join('+', e.Value.Select(d => d.Code()).Order(StringComparer.Ordinal)), e.Validity, e.Source);
        }

        foreach (var e in OpticsRenewal.Entries)
        {
            yield return ("optics-renewal", e.Validity, e.Source);
        }

        foreach (var e in HearingAidRenewalMonths.Entries)
        {
            yield return ("hearing-aid-renewal", e.Validity, e.Source);
        }

        foreach (var (domain, timeline) in PrescriptionValidity)
        {
            foreach (var e in timeline.Entries)
            {
                yield return ("prescription-validity/" + domain.Code(), e.Validity, e.Source);
            }
        }
    }
}
