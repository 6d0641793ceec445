using TiersPayant.Domain.Agreements;
using TiersPayant.Domain.Members;

namespace TiersPayant.Domain.Tests.Agreements;

public class RegulatedRulesTests
{
    private static readonly RegulatedRulesCatalog Catalog = RegulatedRulesCatalog.Default;

    [Theory]
    [InlineData("2015-04-01", "responsable-2015")]
    [InlineData("2019-12-31", "responsable-2015")]
    [InlineData("2020-01-01", "100-sante-2020")]
    [InlineData("2031-07-14", "100-sante-2020")]
    public void Rules_are_picked_by_care_date(string careDate, string expected)
    {
        Assert.Equal(expected, Catalog.For(DateOnly.Parse(careDate, System.Globalization.CultureInfo.InvariantCulture))?.Name);
    }

    [Fact]
    public void No_rules_apply_before_2015()
    {
        Assert.Null(Catalog.For(new DateOnly(2015, 3, 31)));
    }

    [Fact]
    public void Overlapping_editions_are_refused()
    {
        var later = RegulatedRulesData.Rules2020 with { Name = "later", Validity = new DateRange(new DateOnly(2024, 1, 1), null) };

        Assert.Throws<ArgumentException>(() => new RegulatedRulesCatalog([RegulatedRulesData.Rules2020, later]));
    }

    [Theory]
    [InlineData(ProductKind.LensSimple, ProductKind.LensSimple, 420, 50)]
    [InlineData(ProductKind.LensComplex, ProductKind.LensSimple, 560, 125)]
    [InlineData(ProductKind.LensComplex, ProductKind.LensComplex, 700, 200)]
    [InlineData(ProductKind.LensSimple, ProductKind.LensVeryComplex, 610, 125)]
    [InlineData(ProductKind.LensVeryComplex, ProductKind.LensComplex, 750, 200)]
    [InlineData(ProductKind.LensVeryComplex, ProductKind.LensVeryComplex, 800, 200)]
    public void The_2020_class_B_ceilings_and_floors_are_those_of_the_domain_notes(ProductKind first, ProductKind second, long ceiling, long floor)
    {
        var optics = RegulatedRulesData.Rules2020.Optics;

        Assert.Equal(Money.FromEuros(ceiling), optics.CeilingFor([first, second]));
        Assert.Equal(Money.FromEuros(floor), optics.FloorFor(first, second));
        Assert.Equal(Money.FromEuros(100), optics.FrameCap);
    }

    [Theory]
    [InlineData(ProductKind.LensSimple, 470)]
    [InlineData(ProductKind.LensComplex, 750)]
    [InlineData(ProductKind.LensVeryComplex, 850)]
    public void The_2015_ceilings_are_those_of_the_domain_notes(ProductKind kind, long ceiling)
    {
        var optics = RegulatedRulesData.Rules2015.Optics;

        Assert.Equal(Money.FromEuros(ceiling), optics.CeilingFor([kind, kind]));
        Assert.Equal(Money.FromEuros(150), optics.FrameCap);
    }

    [Fact]
    public void A_single_lens_weighs_half_its_pair()
    {
        Assert.Equal(Money.FromEuros(210), RegulatedRulesData.Rules2020.Optics.CeilingFor([ProductKind.LensSimple]));
        Assert.Null(RegulatedRulesData.Rules2020.Optics.CeilingFor([]));
    }

    [Fact]
    public void Audiology_2020_has_the_class_II_ceiling_and_a_four_year_renewal()
    {
        Assert.Equal(Money.FromEuros(1_700), RegulatedRulesData.Rules2020.Audiology.ClassTwoCeiling);
        Assert.Equal(48, RegulatedRulesData.Rules2020.Audiology.RenewalMonths);
        Assert.Null(RegulatedRulesData.Rules2015.Audiology.ClassTwoCeiling);
    }

    [Theory]
    [InlineData(40, false, false, 24)]
    [InlineData(16, false, false, 24)]
    [InlineData(15, false, false, 12)]
    [InlineData(40, true, false, 12)]
    [InlineData(15, true, false, 12)]
    [InlineData(5, false, true, 6)]
    [InlineData(5, true, true, 6)]
    [InlineData(6, false, true, 12)]
    [InlineData(40, false, true, 24)]
    public void Optical_renewal_period_depends_on_age_and_on_what_changed(int age, bool correctionChanged, bool faceChanged, int months)
    {
        Assert.Equal(months, RegulatedRulesData.Rules2020.Optics.Renewal.MonthsFor(age, correctionChanged, faceChanged));
    }

    [Fact]
    public void The_2015_renewal_treats_minors_as_children_and_knows_no_face_change()
    {
        var renewal = RegulatedRulesData.Rules2015.Optics.Renewal;

        Assert.Equal(12, renewal.MonthsFor(17, false, false));
        Assert.Equal(24, renewal.MonthsFor(18, false, false));
        Assert.Equal(12, renewal.MonthsFor(4, false, true));
    }

    [Theory]
    [InlineData("2010-06-01", "2025-05-31", "2026-05-30")] // 14 at prescription: 1 year
    [InlineData("2009-06-01", "2025-06-01", "2030-05-31")] // just 16: 5 years
    [InlineData("1983-01-01", "2025-06-01", "2030-05-31")] // 42: 5 years
    [InlineData("1982-01-01", "2025-06-01", "2028-05-31")] // 43: 3 years
    public void Optical_prescription_validity_depends_on_age_on_the_prescription_date(string birth, string prescribed, string lastValid)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;

        Assert.Equal(
            DateOnly.Parse(lastValid, culture),
            RegulatedRulesData.Rules2020.Prescriptions.LastValidDay(CareDomain.Optique, DateOnly.Parse(birth, culture), DateOnly.Parse(prescribed, culture)));
    }

    [Fact]
    public void Dental_needs_no_prescription()
    {
        var prescriptions = RegulatedRulesData.Rules2020.Prescriptions;

        Assert.False(prescriptions.Requires(CareDomain.Dentaire));
        Assert.Null(prescriptions.LastValidDay(CareDomain.Dentaire, new DateOnly(1980, 1, 1), new DateOnly(2025, 1, 1)));
        Assert.True(prescriptions.Requires(CareDomain.Optique));
    }

    [Fact]
    public void Prescription_bands_with_a_gap_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new PrescriptionRules(new Dictionary<CareDomain, IReadOnlyList<ValidityBand>>
        {
            [CareDomain.Optique] = [new(0, 15, 12), new(17, null, 60)],
        }));
        Assert.Throws<ArgumentException>(() => new PrescriptionRules(new Dictionary<CareDomain, IReadOnlyList<ValidityBand>>
        {
            [CareDomain.Optique] = [new(0, 15, 12)],
        }));
    }

    [Theory]
    [InlineData("1985-03-10", "2025-03-09", 39)]
    [InlineData("1985-03-10", "2025-03-10", 40)]
    [InlineData("2000-02-29", "2001-02-27", 0)]
    [InlineData("2000-02-29", "2001-02-28", 1)]
    [InlineData("2025-06-16", "2025-06-01", 0)]
    public void Ages_count_full_years(string birth, string on, int years)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;

        Assert.Equal(years, Ages.FullYears(DateOnly.Parse(birth, culture), DateOnly.Parse(on, culture)));
    }
}
