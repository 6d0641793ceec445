namespace TiersPayant.Domain.Agreements;

/// <summary>
/// The codes the platform ships with. LPP and CIP13 numbers are shaped like the real ones (seven
/// digits; thirteen with a valid EAN-13 check digit) but are examples to be replaced from the
/// official lists before production; CCAM codes are the crown acts of the dental convention.
/// Amounts are data, as DOMAIN.md asks: class A statutory bases equal their price limit
/// (statutory pays 60 % of it); class B optics have the €0.05 symbolic base; hearing aids have a
/// €400 base over 20 and €1,400 at 20 and under, so that 60 % gives the €240 of DOMAIN.md.
/// </summary>
internal static class ReferenceCodeData
{
    private static readonly Money Symbolic = new(5);

    public static IReadOnlyList<ReferenceCode> Rows { get; } =
    [
        Optics("2210546", "Monture adulte classe A (100 % Santé)", ProductKind.Frame, EquipmentClass.A, Money.FromEuros(30)),
        Optics("2223342", "Monture adulte classe B (tarif libre)", ProductKind.Frame, EquipmentClass.B, Symbolic),
        Optics("2203240", "Verre unifocal simple classe A (100 % Santé)", ProductKind.LensSimple, EquipmentClass.A, Money.FromEuros(60)),
        Optics("2259966", "Verre complexe classe A (100 % Santé)", ProductKind.LensComplex, EquipmentClass.A, Money.FromEuros(120)),
        Optics("2227038", "Verre très complexe classe A (100 % Santé)", ProductKind.LensVeryComplex, EquipmentClass.A, Money.FromEuros(185)),
        Optics("2290217", "Verre unifocal simple classe B", ProductKind.LensSimple, EquipmentClass.B, Symbolic),
        Optics("2280660", "Verre complexe classe B", ProductKind.LensComplex, EquipmentClass.B, Symbolic),
        Optics("2234239", "Verre très complexe classe B", ProductKind.LensVeryComplex, EquipmentClass.B, Symbolic),

        HearingAid("2355084", "Aide auditive classe I (100 % Santé), patient de plus de 20 ans", EquipmentClass.I, 400, minAge: 21, maxAge: null),
        HearingAid("2335791", "Aide auditive classe I (100 % Santé), patient de 20 ans ou moins", EquipmentClass.I, 1_400, minAge: null, maxAge: 20),
        HearingAid("2391330", "Aide auditive classe II, patient de plus de 20 ans", EquipmentClass.II, 400, minAge: 21, maxAge: null),
        HearingAid("2359680", "Aide auditive classe II, patient de 20 ans ou moins", EquipmentClass.II, 1_400, minAge: null, maxAge: 20),

        Crown("HBLD634", "Couronne dentoportée céramométallique sur incisive, canine ou première prémolaire (100 % Santé)", PriceRegime.FullCover, 12_000),
        Crown("HBLD491", "Couronne dentoportée céramométallique sur deuxième prémolaire (tarif maîtrisé)", PriceRegime.CappedPrice, 12_000),
        Crown("HBLD734", "Couronne dentoportée céramométallique sur molaire (tarif libre)", PriceRegime.FreePrice, 10_750),

        Drug("3400935490124", "Paracétamol 1 g, boîte de 8 comprimés", 218, 65),
        Drug("3400934988653", "Amoxicilline 1 g, boîte de 6 comprimés", 332, 65),
        Drug("3400930264706", "Trimébutine 100 mg, boîte de 30 comprimés", 289, 30),
        Drug("3400934127717", "Diosmine 600 mg, boîte de 30 comprimés", 612, 15),
    ];

    private static ReferenceCode Optics(string code, string label, ProductKind kind, EquipmentClass equipmentClass, Money statutoryBase) =>
        new(code, label, CareDomain.Optique, kind, equipmentClass,
            equipmentClass == EquipmentClass.A ? PriceRegime.FullCover : PriceRegime.FreePrice, statutoryBase, 60);

    private static ReferenceCode HearingAid(string code, string label, EquipmentClass equipmentClass, long baseEuros, int? minAge, int? maxAge) =>
        new(code, label, CareDomain.Audioprothese, ProductKind.HearingAid, equipmentClass,
            equipmentClass == EquipmentClass.I ? PriceRegime.FullCover : PriceRegime.FreePrice, Money.FromEuros(baseEuros), 60)
        {
            MinAge = minAge,
            MaxAge = maxAge,
        };

    private static ReferenceCode Crown(string code, string label, PriceRegime regime, long baseCents) =>
        new(code, label, CareDomain.Dentaire, ProductKind.Crown, null, regime, new Money(baseCents), 60);

    private static ReferenceCode Drug(string code, string label, long priceCents, int rate) =>
        new(code, label, CareDomain.Pharmacie, ProductKind.Drug, null, PriceRegime.FreePrice, new Money(priceCents), rate);
}
