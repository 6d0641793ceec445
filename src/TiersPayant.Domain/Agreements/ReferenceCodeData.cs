using TiersPayant.Domain.Members;
using TiersPayant.Domain.Regulation;

namespace TiersPayant.Domain.Agreements;

/// <summary>
/// The codes the platform ships with, each figure dated and sourced (<see cref="Texts"/>).
/// <list type="bullet">
/// <item>Optics and audiology: since 1 July 2021 the statutory insurance takes an individual LPP
/// code per manufacturer product (about 10,000 in optics), grouped in bands that share a base and
/// a price limit; that list could not be read here. The codes below stand for one product of
/// each band (<see cref="CodeListing.Example"/>, in the 29990xx–29991xx range, which the LPP does
/// not use) and carry the band's figures. The class A lens bands are not shipped: their per-band
/// bases and price limits could not be read from a source (see the README's "Rules").</item>
/// <item>Dental: the CCAM crown acts, with their base and, for "100% Santé" and capped acts, the
/// convention's price limits.</item>
/// <item>Pharmacy: real CIP13 presentations from the public drug database (extract of June 2022),
/// with their price (dispensing fee included) and rate as of that extract.</item>
/// </list>
/// </summary>
internal static class ReferenceCodeData
{
    private static readonly DateOnly Optics2020 = new(2020, 1, 1);
    private static readonly DateOnly Hearing2019 = new(2019, 1, 1);
    private static readonly DateOnly Hearing2021 = new(2021, 1, 1);
    private static readonly DateOnly DentalRateChange = new(2023, 10, 15);
    private static readonly DateOnly DrugExtract = new(2022, 6, 3);

    private static readonly Timeline<int> OpticsRate = Rate(60, Optics2020, Texts.OpticsRate);
    private static readonly Timeline<int> HearingRate = Rate(60, Hearing2019, Texts.HearingAidBases2019);

    /// <summary>Dental prosthesis: 70 % until 14 October 2023, 60 % from 15 October 2023.</summary>
    private static readonly Timeline<int> DentalRate = new([
        new(70, new DateRange(Optics2020, DentalRateChange.AddDays(-1)), Texts.DentalRateBefore2023),
        new(60, new DateRange(DentalRateChange, null), Texts.DentalRate2023),
    ]);

    private static readonly Sourced<AgeBand> Adults20 = new(new AgeBand(20, null), new DateRange(Hearing2019, null), Texts.HearingAidAgeBand);
    private static readonly Sourced<AgeBand> Under20 = new(new AgeBand(null, 19), new DateRange(Hearing2019, null), Texts.HearingAidAgeBand);

    /// <summary>The statutory base of a hearing aid from the 20th birthday, either class.</summary>
    private static readonly Timeline<Money> AdultBases = new([
        new(new Money(300_00), Year(2019), Texts.HearingAidBases2019),
        new(new Money(350_00), Year(2020), Texts.HearingAids2019To2021),
        new(new Money(400_00), new DateRange(Hearing2021, null), Texts.HearingAidBase2021),
    ]);

    public static IReadOnlyList<ReferenceCode> Rows { get; } =
    [
        Optics("2999001", "Monture classe A (100 % Santé)", ProductKind.Frame, EquipmentClass.A,
            Amount(9_00, Optics2020, Texts.ClassAFrame), Amount(30_00, Optics2020, Texts.ClassAFrame)),
        Optics("2999002", "Monture classe B (tarif libre)", ProductKind.Frame, EquipmentClass.B, Symbolic()),
        Optics("2999011", "Verre simple classe B : unifocal, sphère de -6,00 à +6,00 et cylindre jusqu'à +4,00", ProductKind.LensSimple, EquipmentClass.B, Symbolic()),
        Optics("2999012", "Verre complexe classe B : unifocal hors de -6,00/+6,00 ou cylindre au-delà de +4,00, ou multifocal de sphère -4,00 à +4,00", ProductKind.LensComplex, EquipmentClass.B, Symbolic()),
        Optics("2999013", "Verre très complexe classe B : multifocal ou progressif de sphère hors de -4,00/+4,00", ProductKind.LensVeryComplex, EquipmentClass.B, Symbolic()),

        // Hearing aids: the base goes with the age band, whatever the class (from the 20th birthday
        // €300 in 2019, €350 in 2020, €400 from 2021; €1,400 before it and for blind patients). The
        // class I price limit for adults stepped down from €1,300 (2019) and €1,100 (2020) to €950.
        HearingAid("2999101", "Aide auditive classe I (100 % Santé), à partir de 20 ans", EquipmentClass.I, Adults20,
            AdultBases,
            new Timeline<Money>([
                new(new Money(1_300_00), Year(2019), Texts.HearingAids2019To2021),
                new(new Money(1_100_00), Year(2020), Texts.HearingAids2019To2021),
                new(new Money(950_00), new DateRange(Hearing2021, null), Texts.HearingAids2021),
            ])),
        HearingAid("2999102", "Aide auditive classe I (100 % Santé), avant 20 ans", EquipmentClass.I, Under20,
            Amount(1_400_00, Hearing2019, Texts.HearingAidBases2019), Amount(1_400_00, Hearing2021, Texts.HearingAids2021)),
        HearingAid("2999103", "Aide auditive classe I (100 % Santé), patient atteint de cécité", EquipmentClass.I, null,
            Amount(1_400_00, Hearing2019, Texts.HearingAidBases2019), Amount(1_400_00, Hearing2021, Texts.HearingAidAgeBand)),
        HearingAid("2999111", "Aide auditive classe II, à partir de 20 ans", EquipmentClass.II, Adults20, AdultBases, null),
        HearingAid("2999112", "Aide auditive classe II, avant 20 ans", EquipmentClass.II, Under20,
            Amount(1_400_00, Hearing2019, Texts.HearingAidBases2019), null),
        HearingAid("2999113", "Aide auditive classe II, patient atteint de cécité", EquipmentClass.II, null,
            Amount(1_400_00, Hearing2019, Texts.HearingAidBases2019), null),

        // Dental crowns: the €120 base is read for 2024; the convention raised the crown base before
        // the 2020 price limits, from €107.50, on a date not read (1 April 2019 or 1 January 2020),
        // so the codes are billable from 2020.
        Crown("HBLD634", "Pose d'une couronne dentaire dentoportée céramométallique sur une incisive, une canine ou une première prémolaire (100 % Santé)",
            PriceRegime.FullCover, Texts.DentalCrowns2024, Amount(500_00, Optics2020, Texts.DentalConvention2018)),
        Crown("HBLD491", "Pose d'une couronne dentaire dentoportée céramométallique sur une deuxième prémolaire (tarif maîtrisé)",
            PriceRegime.CappedPrice, Texts.DentalConvention2018, Amount(550_00, Optics2020, Texts.DentalConvention2018)),
        Crown("HBLD734", "Pose d'une couronne dentaire dentoportée céramométallique sur une molaire (tarif libre)",
            PriceRegime.FreePrice, Texts.DentalCrowns2024, null),

        Drug("3400935955838", "Doliprane 1000 mg (paracétamol), 8 comprimés", 2_09, 65),
        Drug("3400933054960", "Clamoxyl 1 g (amoxicilline), 6 comprimés dispersibles", 3_01, 65),
        Drug("3400933904678", "Débridat 100 mg (trimébutine), 30 comprimés pelliculés", 4_52, 15),
        Drug("3400932054411", "Vogalène 15 mg (métopimazine), 20 gélules", 4_72, 30),
    ];

    private static DateRange Year(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    private static Timeline<Money> Symbolic() => Amount(5, Optics2020, Texts.OpticsClasses);

    private static Timeline<Money> Amount(long cents, DateOnly from, Source source) => new(new Sourced<Money>(new Money(cents), new DateRange(from, null), source));

    private static Timeline<int> Rate(int percent, DateOnly from, Source source) => new(new Sourced<int>(percent, new DateRange(from, null), source));

    private static Sourced<CodeListing> Example(DateOnly from, Source source) => new(new CodeListing(Example: true), new DateRange(from, null), source);

    private static ReferenceCode Optics(string code, string label, ProductKind kind, EquipmentClass equipmentClass, Timeline<Money> bases, Timeline<Money>? priceLimit = null) =>
        new(code, label, CareDomain.Optique, kind, equipmentClass,
            equipmentClass == EquipmentClass.A ? PriceRegime.FullCover : PriceRegime.FreePrice,
            Example(Optics2020, Texts.OpticsClasses), bases, OpticsRate, priceLimit);

    private static ReferenceCode HearingAid(
        string code, string label, EquipmentClass equipmentClass, Sourced<AgeBand>? ages, Timeline<Money> bases, Timeline<Money>? priceLimit) =>
        new(code, label, CareDomain.Audioprothese, ProductKind.HearingAid, equipmentClass,
            equipmentClass == EquipmentClass.I ? PriceRegime.FullCover : PriceRegime.FreePrice,
            Example(Hearing2019, Texts.HearingAidList2018), bases, HearingRate, priceLimit, ages);

    private static ReferenceCode Crown(string code, string label, PriceRegime regime, Source listing, Timeline<Money>? priceLimit) =>
        new(code, label, CareDomain.Dentaire, ProductKind.Crown, null, regime,
            new Sourced<CodeListing>(new CodeListing(Example: false), new DateRange(Optics2020, null), listing),
            Amount(120_00, Optics2020, Texts.DentalCrowns2024), DentalRate, priceLimit);

    private static ReferenceCode Drug(string code, string label, long priceCents, int rate) =>
        new(code, label, CareDomain.Pharmacie, ProductKind.Drug, null, PriceRegime.FreePrice,
            new Sourced<CodeListing>(new CodeListing(Example: false), new DateRange(DrugExtract, null), Texts.DrugDatabase),
            Amount(priceCents, DrugExtract, Texts.DrugDatabase), Rate(rate, DrugExtract, Texts.DrugDatabase));
}
