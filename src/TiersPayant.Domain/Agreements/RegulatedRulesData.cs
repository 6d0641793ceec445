using TiersPayant.Domain.Members;
using TiersPayant.Domain.Regulation;

namespace TiersPayant.Domain.Agreements;

/// <summary>
/// The regulated rules the platform ships with, each figure with its validity and its source
/// (<see cref="Texts"/>). Rules read at the contract's date: the responsible-contract editions,
/// the class II hearing-aid ceiling, the full-cover obligation. Rules read at the care date:
/// renewal periods and prescription validity. Amounts per code are in <see cref="ReferenceCodeData"/>.
/// </summary>
public static class RegulatedRulesData
{
    private static readonly DateOnly ReformOptics = new(2020, 1, 1);
    private static readonly DateOnly ReformHearing = new(2021, 1, 1);
    private static readonly DateRange Rules2015 = new(new DateOnly(2015, 4, 1), new DateOnly(2019, 12, 31));

    /// <summary>The catalog.</summary>
    public static RegulatedRulesCatalog Catalog { get; } = new(
        contractTerm: new(12, new DateRange(new DateOnly(2015, 4, 1), null), Texts.YearlyRenewal),
        responsibleContracts: new([
            // Contracts signed or renewed from 1 April 2015; collective contracts older than the
            // decree took the rules at the latest on 1 January 2018.
            new(new ResponsibleContractEdition("responsable-2015",
                    Pairs(simple: (470, 50), simpleComplex: (610, 125), complex: (750, 200),
                        simpleVeryComplex: (660, 125), complexVeryComplex: (800, 200), veryComplex: (850, 200))),
                Rules2015, Texts.ResponsibleContract2014)
            {
                BindsAllContractsFrom = new Transition(new DateOnly(2018, 1, 1), Texts.Transition2015),
            },
            new(new ResponsibleContractEdition("responsable-2019",
                    Pairs(simple: (420, 50), simpleComplex: (560, 125), complex: (700, 200),
                        simpleVeryComplex: (610, 125), complexVeryComplex: (750, 200), veryComplex: (800, 200))),
                new DateRange(ReformOptics, null), Texts.ResponsibleContract2019),
        ]),
        frameCap: new([
            new(Money.FromEuros(150), Rules2015, Texts.FrameCap2015)
            {
                BindsAllContractsFrom = new Transition(new DateOnly(2018, 1, 1), Texts.Transition2015),
            },
            new(Money.FromEuros(100), new DateRange(ReformOptics, null), Texts.ResponsibleContract2019),
        ]),
        hearingAidCeiling: new(new Sourced<Money>(Money.FromEuros(1_700), new DateRange(ReformHearing, null), Texts.ResponsibleContract2019)),
        fullCover: new([
            new(Domains(CareDomain.Optique, CareDomain.Dentaire), new DateRange(ReformOptics, ReformHearing.AddDays(-1)), Texts.ResponsibleContractDecree2019),
            new(Domains(CareDomain.Optique, CareDomain.Dentaire, CareDomain.Audioprothese), new DateRange(ReformHearing, null), Texts.ResponsibleContractDecree2019),
        ]),
        opticsRenewal: new([
            // 2015: every two years, yearly for minors or when the sight changed.
            new(new OpticsRenewal(AdultFromAge: 18, AdultMonths: 24, ChildMonths: 12, AdultCorrectionChangeMonths: 12,
                    ChildCorrectionChangeMonths: 12, FaceChangeUnderAge: null, FaceChangeMonths: 12),
                Rules2015, Texts.OpticsRenewal2015),
            // 2020: two years from 16, yearly under 16, six months up to 6 when the frame no longer
            // fits the face; from 16 one year when the sight changed, under 16 no delay then.
            new(new OpticsRenewal(AdultFromAge: 16, AdultMonths: 24, ChildMonths: 12, AdultCorrectionChangeMonths: 12,
                    ChildCorrectionChangeMonths: 0, FaceChangeUnderAge: 6, FaceChangeMonths: 6),
                new DateRange(ReformOptics, null), Texts.OpticsRenewal2020),
        ]),
        hearingAidRenewalMonths: new(new Sourced<int>(48, new DateRange(new DateOnly(2019, 1, 1), null), Texts.HearingAidList2018)),
        prescriptionValidity: new Dictionary<CareDomain, Timeline<IReadOnlyList<ValidityBand>>>
        {
            [CareDomain.Optique] = new(new Sourced<IReadOnlyList<ValidityBand>>(
                [new(0, 15, 12), new(16, 42, 60), new(43, null, 36)], new DateRange(new DateOnly(2016, 10, 17), null), Texts.GlassesPrescription2016)),
            [CareDomain.Pharmacie] = new(new Sourced<IReadOnlyList<ValidityBand>>(
                [new(0, null, 3)], new DateRange(new DateOnly(2015, 4, 1), null), Texts.DrugPrescription)),
        },
        documents: new Dictionary<CareDomain, IReadOnlyList<SupportingDocument>>
        {
            // The platform's policy, not a regulated figure: the signed standard quote is what the
            // professional commits to; the prescription copy proves the need. Dentists prescribe
            // their own acts.
            [CareDomain.Optique] = [SupportingDocument.Prescription, SupportingDocument.Quote],
            [CareDomain.Audioprothese] = [SupportingDocument.Prescription, SupportingDocument.Quote],
            [CareDomain.Dentaire] = [SupportingDocument.Quote],
            [CareDomain.Pharmacie] = [SupportingDocument.Prescription],
        });

    private static HashSet<CareDomain> Domains(params CareDomain[] domains) => [.. domains];

    private static Dictionary<LensPair, EquipmentLimit> Pairs(
        (long Ceiling, long Floor) simple, (long Ceiling, long Floor) simpleComplex, (long Ceiling, long Floor) complex,
        (long Ceiling, long Floor) simpleVeryComplex, (long Ceiling, long Floor) complexVeryComplex, (long Ceiling, long Floor) veryComplex)
    {
        static EquipmentLimit Limit((long Ceiling, long Floor) euros) => new(Money.FromEuros(euros.Ceiling), Money.FromEuros(euros.Floor));
        return new Dictionary<LensPair, EquipmentLimit>
        {
            [new(ProductKind.LensSimple, ProductKind.LensSimple)] = Limit(simple),
            [new(ProductKind.LensSimple, ProductKind.LensComplex)] = Limit(simpleComplex),
            [new(ProductKind.LensComplex, ProductKind.LensComplex)] = Limit(complex),
            [new(ProductKind.LensSimple, ProductKind.LensVeryComplex)] = Limit(simpleVeryComplex),
            [new(ProductKind.LensComplex, ProductKind.LensVeryComplex)] = Limit(complexVeryComplex),
            [new(ProductKind.LensVeryComplex, ProductKind.LensVeryComplex)] = Limit(veryComplex),
        };
    }
}
