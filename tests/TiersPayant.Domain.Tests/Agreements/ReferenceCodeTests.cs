using TiersPayant.Domain.Agreements;

namespace TiersPayant.Domain.Tests.Agreements;

public class ReferenceCodeTests
{
    private static readonly ReferenceCodeTable Table = ReferenceCodeTable.Default;

    [Theory]
    [InlineData(Codes.FrameA, CareDomain.Optique, ProductKind.Frame, "A")]
    [InlineData(Codes.VeryComplexB, CareDomain.Optique, ProductKind.LensVeryComplex, "B")]
    [InlineData(Codes.AidClassIIChild, CareDomain.Audioprothese, ProductKind.HearingAid, "II")]
    [InlineData("hbld634", CareDomain.Dentaire, ProductKind.Crown, null)]
    [InlineData(" 3400935490124 ", CareDomain.Pharmacie, ProductKind.Drug, null)]
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

        Assert.Equal(8, optics.Count);
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
    public void Every_regulated_code_has_a_price_limit_in_the_2020_rules()
    {
        var regulated = Table.All.Where(c => c.Regime != PriceRegime.FreePrice).ToList();

        Assert.NotEmpty(regulated);
        Assert.All(regulated, c => Assert.NotNull(RegulatedRulesData.Rules2020.PriceLimit(c.Code)));
        Assert.All(RegulatedRulesData.Rules2020.PriceLimits.Keys, code => Assert.NotNull(Table.Find(code)));
    }

    [Fact]
    public void Class_A_statutory_share_is_sixty_percent_of_the_price_limit()
    {
        foreach (var code in Table.ForDomain(CareDomain.Optique).Where(c => c.Class == EquipmentClass.A))
        {
            var limit = RegulatedRulesData.Rules2020.PriceLimit(code.Code)!.Value;
            Assert.Equal(limit.Percent(6_000), code.StatutoryShare(limit, 1));
        }

        Assert.Equal(Money.FromEuros(18), Table.Find(Codes.FrameA)!.StatutoryShare(Money.FromEuros(30), 1));
    }

    [Fact]
    public void Class_I_hearing_aid_over_20_gets_240_euros_from_statutory_for_950()
    {
        var aid = Table.Find(Codes.AidClassIAdult)!;

        Assert.Equal(Money.FromEuros(950), RegulatedRulesData.Rules2020.PriceLimit(aid.Code));
        Assert.Equal(Money.FromEuros(240), aid.StatutoryShare(Money.FromEuros(950), 1));
        Assert.True(aid.SuitsAge(21));
        Assert.False(aid.SuitsAge(20));
        Assert.True(Table.Find(Codes.AidClassIChild)!.SuitsAge(20));
        Assert.Equal(Money.FromEuros(1_400), RegulatedRulesData.Rules2020.PriceLimit(Codes.AidClassIChild));
    }

    [Fact]
    public void Class_B_optics_has_the_five_cent_base()
    {
        Assert.All(
            Table.ForDomain(CareDomain.Optique).Where(c => c.Class == EquipmentClass.B),
            c => Assert.Equal(new Money(5), c.StatutoryBase));
    }

    [Fact]
    public void Drugs_carry_valid_CIP13_codes_and_the_three_statutory_rates()
    {
        var drugs = Table.ForDomain(CareDomain.Pharmacie);

        Assert.All(drugs, d => Assert.True(IsEan13(d.Code), d.Code));
        Assert.All(drugs, d => Assert.StartsWith("34009", d.Code, StringComparison.Ordinal));
        Assert.Equal([15, 30, 65], drugs.Select(d => d.StatutoryRate).Distinct().Order());
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
