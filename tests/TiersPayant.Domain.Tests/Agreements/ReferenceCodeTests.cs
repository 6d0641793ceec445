using TiersPayant.Domain.Agreements;
using TiersPayant.Domain.Members;
using TiersPayant.Domain.Regulation;

namespace TiersPayant.Domain.Tests.Agreements;

public class ReferenceCodeTests
{
    private static readonly ReferenceCodeTable Table = ReferenceCodeTable.Default;

    [Theory]
    [InlineData(Codes.FrameA, CareDomain.Optique, ProductKind.Frame, "A")]
    [InlineData(Codes.VeryComplexB, CareDomain.Optique, ProductKind.LensVeryComplex, "B")]
    [InlineData(Codes.AidClassIIChild, CareDomain.Audioprothese, ProductKind.HearingAid, "II")]
    [InlineData("hbld634", CareDomain.Dentaire, ProductKind.Crown, null)]
    [InlineData(" 3400935955838 ", CareDomain.Pharmacie, ProductKind.Drug, null)]
    public void Table_finds_a_code_ignoring_case_and_spaces(string code, CareDomain domain, ProductKind kind, string? cls)
    {
        var found = Table.Find(code);

        Assert.NotNull(found);
        Assert.Equal(domain, found.Domain);
        Assert.Equal(kind, found.Kind);
        Assert.Equal(cls, found.Class?.Code());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2210547")]
    [InlineData("HBLD")]
    public void Table_does_not_find_an_unknown_code(string? code)
    {
        Assert.Null(Table.Find(code));
    }

    [Fact]
    public void Table_lists_the_codes_of_a_domain_and_nothing_for_a_domain_without_codes()
    {
        var optics = Table.ForDomain(CareDomain.Optique);

        Assert.Equal(5, optics.Count);
        Assert.All(optics, c => Assert.Equal(CareDomain.Optique, c.Domain));
        Assert.Equal(
            ["frame", "lens-simple", "lens-complex", "lens-very-complex"],
            optics.Select(c => c.Kind.Code()).Distinct());
        Assert.Equal(["A", "B"], optics.Select(c => c.Class!.Value.Code()).Distinct().Order());
        Assert.Empty(Table.ForDomain(CareDomain.Transport));
        Assert.Equal(Table.All.Count, CareDomains.All.Sum(d => Table.ForDomain(d).Count));
    }

    [Fact]
    public void Classes_are_A_or_B_in_optics_I_or_II_in_audiology_and_absent_elsewhere()
    {
        foreach (var code in Table.All)
        {
            var expected = code.Domain switch
            {
                CareDomain.Optique => [EquipmentClass.A, EquipmentClass.B],
                CareDomain.Audioprothese => [EquipmentClass.I, EquipmentClass.II],
                _ => Array.Empty<EquipmentClass?>(),
            };
            if (expected.Length == 0)
            {
                Assert.Null(code.Class);
            }
            else
            {
                Assert.Contains(code.Class, expected);
            }
        }
    }

    [Fact]
    public void Every_figure_of_every_code_names_its_source_and_validity()
    {
        foreach (var code in Table.All)
        {
            var figures = code.Figures().ToList();
            Assert.Contains(figures, f => f.Figure == "base");
            Assert.Contains(figures, f => f.Figure == "rate");
            Assert.All(figures, f => AssertSourced(code.Code + " " + f.Figure, f.Validity, f.Source));
            if (code.Regime != PriceRegime.FreePrice)
            {
                Assert.Contains(figures, f => f.Figure == "price-limit");
            }
        }
    }

    [Fact]
    public void Every_figure_of_the_rules_names_its_source_and_validity()
    {
        var figures = RegulatedRulesCatalog.Default.Figures().ToList();

        Assert.NotEmpty(figures);
        Assert.All(figures, f => AssertSourced(f.Figure, f.Validity, f.Source));
    }

    [Fact]
    public void A_figure_without_a_source_cannot_be_written()
    {
        Assert.Throws<ArgumentNullException>(() => new Sourced<Money>(Money.FromEuros(9), new DateRange(new DateOnly(2020, 1, 1), null), null!));
        Assert.Throws<ArgumentException>(() => new Source("Arrêté", " ", new DateOnly(2018, 12, 3), "https://www.legifrance.gouv.fr/"));
        Assert.Throws<ArgumentException>(() => new Source("Arrêté", "LPP", new DateOnly(2018, 12, 3), "legifrance"));
    }

    internal static void AssertSourced(string figure, DateRange validity, Source source)
    {
        Assert.False(string.IsNullOrWhiteSpace(source.Title), figure);
        Assert.False(string.IsNullOrWhiteSpace(source.Article), figure);
        Assert.StartsWith("https://", source.Url, StringComparison.Ordinal);
        Assert.NotEqual(default, validity.From);
        // A figure can only come from a text dated before the figure ends, or read since.
        Assert.True(source.Date <= (validity.To ?? DateOnly.MaxValue) || source.Kind == SourceKind.Secondary, figure);
    }

    // Mutualib: a class A frame has a €9 base, 60 % of which is €5.40; its price limit is €30.
    [Fact]
    public void Class_A_frame_has_the_nine_euro_base_under_its_thirty_euro_limit()
    {
        var tariff = Table.Find(Codes.FrameA)!.TariffOn(new DateOnly(2025, 6, 16))!;

        Assert.Equal(new Tariff(Money.FromEuros(9), 60, Money.FromEuros(30)), tariff);
        Assert.Equal(new Money(5_40), tariff.StatutoryShare(Money.FromEuros(30), 1));
    }

    // Surdi 13 (2021 figures): class I over 20, €950 limit, 60 % of a €400 base = €240; until the
    // 20th birthday €1,400 limit and base (arrêté of 27 December 2018: "jusqu'à leur vingtième anniversaire").
    [Fact]
    public void Class_I_hearing_aid_from_20_gets_240_euros_from_statutory_for_950()
    {
        var aid = Table.Find(Codes.AidClassIAdult)!;
        var tariff = aid.TariffOn(new DateOnly(2025, 6, 16))!;

        Assert.Equal(Money.FromEuros(950), tariff.PriceLimit);
        Assert.Equal(Money.FromEuros(240), tariff.StatutoryShare(Money.FromEuros(950), 1));
        Assert.True(aid.SuitsAge(20)); // the correction: a 20-year-old is an adult
        Assert.False(aid.SuitsAge(19));
        Assert.False(Table.Find(Codes.AidClassIChild)!.SuitsAge(20));
        Assert.True(Table.Find(Codes.AidClassIChild)!.SuitsAge(19));
        Assert.Equal(Money.FromEuros(1_400), Table.Find(Codes.AidClassIChild)!.TariffOn(new DateOnly(2025, 6, 16))!.PriceLimit);
    }

    // CNMSS: blind patients, whatever their age, have the €1,400 base; the C2S order holds them to it as a price.
    [Fact]
    public void Blind_adults_have_the_1400_euro_class_I_limit_at_any_age()
    {
        var aid = Table.Find(Codes.AidClassIBlind)!;

        Assert.True(aid.SuitsAge(67));
        Assert.Equal(new Tariff(Money.FromEuros(1_400), 60, Money.FromEuros(1_400)), aid.TariffOn(new DateOnly(2025, 6, 16)));
    }

    // Dispofi (citing the draft order on hearing-aid prices): from the 20th birthday the class I
    // limit was €1,300 in 2019 and €1,100 in 2020 on bases of €300 and €350 (60 %: €180 and €210),
    // before the €950 limit and €400 base of 2021; class II shares the base. The engine used to
    // apply no figure (not billable) in 2020 and had no limit for 2019.
    [Theory]
    [InlineData("2019-06-01", 1_300, 300, 180)]
    [InlineData("2020-06-01", 1_100, 350, 210)]
    [InlineData("2021-01-01", 950, 400, 240)]
    public void Adult_hearing_aids_follow_the_stepped_figures_of_2019_to_2021(string care, int limit, int basis, int statutory)
    {
        var day = DateOnly.Parse(care, System.Globalization.CultureInfo.InvariantCulture);

        var classI = Table.Find(Codes.AidClassIAdult)!.TariffOn(day)!;
        var classII = Table.Find(Codes.AidClassIIAdult)!.TariffOn(day)!;

        Assert.Equal(new Tariff(Money.FromEuros(basis), 60, Money.FromEuros(limit)), classI);
        Assert.Equal(Money.FromEuros(statutory), classI.StatutoryShare(Money.FromEuros(limit), 1));
        Assert.Equal(new Tariff(Money.FromEuros(basis), 60, null), classII);
        Assert.Null(Table.Find(Codes.AidClassIAdult)!.TariffOn(new DateOnly(2018, 12, 31)));
    }

    [Fact]
    public void Class_B_optics_has_the_five_cent_base()
    {
        Assert.All(
            Table.ForDomain(CareDomain.Optique).Where(c => c.Class == EquipmentClass.B),
            c => Assert.Equal(new Money(5), c.TariffOn(new DateOnly(2025, 6, 16))!.Base));
    }

    // Public drug database (June 2022): Débridat (trimebutine) is reimbursed at 15 %; diosmin is
    // no longer reimbursed (venotonics delisted on 1 January 2008) and is not listed.
    [Fact]
    public void Drugs_carry_real_CIP13_codes_with_their_listed_rates()
    {
        var drugs = Table.ForDomain(CareDomain.Pharmacie);
        var day = new DateOnly(2025, 6, 16);

        Assert.All(drugs, d => Assert.True(IsEan13(d.Code), d.Code));
        Assert.All(drugs, d => Assert.StartsWith("34009", d.Code, StringComparison.Ordinal));
        Assert.All(drugs, d => Assert.False(d.Listing.Value.Example, d.Code));
        Assert.Equal(15, Table.Find(Codes.Trimebutine)!.TariffOn(day)!.Rate);
        Assert.Equal(65, Table.Find(Codes.Paracetamol)!.TariffOn(day)!.Rate);
        Assert.Equal([15, 30, 65], drugs.Select(d => d.TariffOn(day)!.Rate).Distinct().Order());
        Assert.DoesNotContain(drugs, d => d.Label.Contains("iosmin", StringComparison.OrdinalIgnoreCase));
    }

    // The optics and hearing LPP codes before 2020 were generic codes with other meanings
    // (2210546: a frame before the 18th birthday, €30.49); none is billed any more.
    [Theory]
    [InlineData("2210546")]
    [InlineData("2223342")]
    [InlineData("2203240")]
    public void Pre_2020_generic_optics_codes_are_unknown(string code)
    {
        Assert.Null(Table.Find(code));
    }

    // Crowns: a €120 base (2024 order); 70 % until 14 October 2023, 60 % from 15 October 2023.
    [Theory]
    [InlineData("2023-10-14", 84)]
    [InlineData("2023-10-15", 72)]
    public void Crown_statutory_share_follows_the_dental_rate_of_the_care_date(string care, long euros)
    {
        var tariff = Table.Find(Codes.CrownFree)!.TariffOn(DateOnly.Parse(care, System.Globalization.CultureInfo.InvariantCulture))!;

        Assert.Equal(Money.FromEuros(120), tariff.Base);
        Assert.Equal(Money.FromEuros(euros), tariff.StatutoryShare(Money.FromEuros(600), 1));
    }

    // Convention of 2018, annex IV: HBLD634 €500 and HBLD491 €550 from 1 January 2020.
    [Fact]
    public void Crown_price_limits_are_those_of_the_dental_convention()
    {
        var day = new DateOnly(2025, 6, 16);

        Assert.Equal(Money.FromEuros(500), Table.Find(Codes.Crown100Sante)!.TariffOn(day)!.PriceLimit);
        Assert.Equal(Money.FromEuros(550), Table.Find(Codes.CrownControlled)!.TariffOn(day)!.PriceLimit);
        Assert.Null(Table.Find(Codes.CrownFree)!.TariffOn(day)!.PriceLimit);
    }

    [Fact]
    public void A_code_outside_its_listing_has_no_tariff()
    {
        var frame = Table.Find(Codes.FrameA)!;

        Assert.False(frame.InForce(new DateOnly(2019, 12, 31)));
        Assert.Null(frame.TariffOn(new DateOnly(2019, 12, 31)));
        Assert.True(frame.InForce(new DateOnly(2020, 1, 1)));
    }

    [Fact]
    public void Dental_crowns_cover_the_three_price_regimes()
    {
        Assert.Equal(PriceRegime.FullCover, Table.Find(Codes.Crown100Sante)!.Regime);
        Assert.Equal(PriceRegime.CappedPrice, Table.Find(Codes.CrownControlled)!.Regime);
        Assert.Equal(PriceRegime.FreePrice, Table.Find(Codes.CrownFree)!.Regime);
    }

    [Fact]
    public void Kind_codes_are_the_wire_values_and_read_back()
    {
        Assert.Equal(
            ["frame", "lens-simple", "lens-complex", "lens-very-complex", "hearing-aid", "crown", "drug"],
            ProductKinds.All.Select(k => k.Code()));
        Assert.All(ProductKinds.All, kind => Assert.True(ProductKinds.TryParse(kind.Code().ToUpperInvariant(), out var read) && read == kind));
        Assert.All(EquipmentClasses.All, c => Assert.True(EquipmentClasses.TryParse(c.Code().ToLowerInvariant(), out var read) && read == c));
        Assert.False(EquipmentClasses.TryParse("C", out _));
    }

    [Fact]
    public void Table_with_a_code_twice_is_refused()
    {
        var code = Table.All[0];

        Assert.Throws<ArgumentException>(() => new ReferenceCodeTable([code, code with { }]));
    }

    private static bool IsEan13(string code) =>
        code.Length == 13 && code.All(char.IsAsciiDigit)
        && (10 - (code[..12].Select((c, i) => (c - '0') * (i % 2 == 0 ? 1 : 3)).Sum() % 10)) % 10 == code[12] - '0';
}
