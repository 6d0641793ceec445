using TiersPayant.Domain.Members;

namespace TiersPayant.Domain.Agreements;

/// <summary>
/// The editions of the regulated rules the platform ships with. Figures come from DOMAIN.md;
/// those it does not give are marked "(check)" where they are set and listed in the module's notes.
/// </summary>
public static class RegulatedRulesData
{
    private static readonly IReadOnlyDictionary<CareDomain, IReadOnlyList<SupportingDocument>> Documents =
        new Dictionary<CareDomain, IReadOnlyList<SupportingDocument>>
        {
            // The signed standard quote is what the professional commits to; the prescription copy
            // proves the need. Dentists prescribe their own acts.
            [CareDomain.Optique] = [SupportingDocument.Prescription, SupportingDocument.Quote],
            [CareDomain.Audioprothese] = [SupportingDocument.Prescription, SupportingDocument.Quote],
            [CareDomain.Dentaire] = [SupportingDocument.Quote],
            [CareDomain.Pharmacie] = [SupportingDocument.Prescription],
        };

    /// <summary>
    /// Optics: under 16, 1 year; 16 to 42, 5 years; over 42, 3 years (DOMAIN.md). Audiology 1 year
    /// and pharmacy 3 months (check). Dental needs no prescription.
    /// </summary>
    private static readonly PrescriptionRules Prescriptions = new(new Dictionary<CareDomain, IReadOnlyList<ValidityBand>>
    {
        [CareDomain.Optique] = [new(0, 15, 12), new(16, 42, 60), new(43, null, 36)],
        [CareDomain.Audioprothese] = [new(0, null, 12)],
        [CareDomain.Pharmacie] = [new(0, null, 3)],
    });

    /// <summary>
    /// Responsible-contract rules of 2015 (decree of 18 November 2014), for care from 1 April 2015
    /// (check) to 31 December 2019: equipment ceilings €470 simple, €750 complex, €850 very
    /// complex, frame €150 (DOMAIN.md); mixed pairs €610, €660, €800 and floors €50, €125, €200
    /// (check); renewal every 2 years from 18, yearly for minors or when the correction changes
    /// (check); hearing aids every 5 years (check). No "100% Santé" basket existed: no price limits.
    /// </summary>
    public static RegulatedRules Rules2015 { get; } = new(
        "responsable-2015",
        new DateRange(new DateOnly(2015, 4, 1), new DateOnly(2019, 12, 31)),
        new Dictionary<string, Money>(StringComparer.OrdinalIgnoreCase),
        new OpticsRules(
            Money.FromEuros(150),
            Pairs(simple: (470, 50), simpleComplex: (610, 125), complex: (750, 200),
                simpleVeryComplex: (660, 125), complexVeryComplex: (800, 200), veryComplex: (850, 200)),
            new OpticsRenewal(AdultFromAge: 18, AdultMonths: 24, ChildMonths: 12, CorrectionChangeMonths: 12,
                FaceChangeUnderAge: null, FaceChangeMonths: 12)),
        new AudiologyRules(ClassTwoCeiling: null, RenewalMonths: 60),
        Prescriptions,
        Documents);

    /// <summary>
    /// The "100% Santé" rules, for care from 1 January 2020. Class A frame €30 (DOMAIN.md), class A
    /// lenses €60 simple, €120 complex, €185 very complex (check: the public range of €120 to €370
    /// a pair); class B ceilings €420 (floor €50), €560, €700 (floor €200), €610, €750, €800,
    /// frame €100 (DOMAIN.md), other floors €125 and €200 (check); renewal every 2 years from 16,
    /// yearly under 16 or when the correction changes, 6 months under 6 when the face changes.
    /// Hearing aids class I €950 over 20 and €1,400 at 20 and under, class II ceiling €1,700 per
    /// ear statutory included, renewal every 4 years per ear (DOMAIN.md). Dental crowns: €500 on
    /// the "100% Santé" basket, €550 "tarif maîtrisé" (check).
    /// </summary>
    public static RegulatedRules Rules2020 { get; } = new(
        "100-sante-2020",
        new DateRange(new DateOnly(2020, 1, 1), null),
        new Dictionary<string, Money>(StringComparer.OrdinalIgnoreCase)
        {
            ["2210546"] = Money.FromEuros(30),
            ["2203240"] = Money.FromEuros(60),
            ["2259966"] = Money.FromEuros(120),
            ["2227038"] = Money.FromEuros(185),
            ["2355084"] = Money.FromEuros(950),
            ["2335791"] = Money.FromEuros(1_400),
            ["HBLD634"] = Money.FromEuros(500),
            ["HBLD491"] = Money.FromEuros(550),
        },
        new OpticsRules(
            Money.FromEuros(100),
            Pairs(simple: (420, 50), simpleComplex: (560, 125), complex: (700, 200),
                simpleVeryComplex: (610, 125), complexVeryComplex: (750, 200), veryComplex: (800, 200)),
            new OpticsRenewal(AdultFromAge: 16, AdultMonths: 24, ChildMonths: 12, CorrectionChangeMonths: 12,
                FaceChangeUnderAge: 6, FaceChangeMonths: 6)),
        new AudiologyRules(ClassTwoCeiling: Money.FromEuros(1_700), RenewalMonths: 48),
        Prescriptions,
        Documents);

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
