using TiersPayant.Domain.Agreements;
using TiersPayant.Domain.Members;
using TiersPayant.Domain.Regulation;

namespace TiersPayant.Domain.Tests.Agreements;

/// <summary>
/// The regulated rules and how they are picked: responsible-contract limits by the contract's date
/// (its signature or last renewal), statutory conditions by the care date. Each figure is checked
/// against the text named in <see cref="Texts"/>.
/// </summary>
public class RegulatedRulesTests
{
    private static readonly RegulatedRulesCatalog Catalog = RegulatedRulesCatalog.Default;

    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static RegulatedRules Rules(string care, string contract) => Catalog.For(D(care), D(contract))!;

    // Décret n° 2019-21 (notice): contracts signed or renewed from 1 January 2020 follow the 2019
    // rules; décret n° 2014-1374: contracts from 1 April 2015 the 2015 ones; older collective
    // contracts took the 2015 rules at the latest on 1 January 2018 (Legisocial).
    [Theory]
    [InlineData("2025-06-16", "2025-01-01", "responsable-2019")]
    [InlineData("2020-03-01", "2020-01-01", "responsable-2019")]
    [InlineData("2020-03-01", "2019-07-01", "responsable-2015")] // renewed in July 2019: 2015 rules until July 2020
    [InlineData("2017-06-01", "2015-04-01", "responsable-2015")]
    [InlineData("2017-06-01", "2014-09-01", "hors-contrat-responsable")] // an older contract, before the end of the transition
    [InlineData("2018-01-01", "2014-09-01", "responsable-2015")] // the transition ended on 31 December 2017
    public void Responsible_contract_rules_are_picked_by_the_contract_date(string care, string contract, string expected)
    {
        Assert.Equal(expected, Rules(care, contract).Name);
    }

    [Fact]
    public void No_rules_apply_before_the_oldest_prescription_rules_the_platform_knows()
    {
        // Décret n° 2016-1381, article 3: the prescription validity applies from 17 October 2016.
        Assert.Null(Catalog.For(new DateOnly(2016, 10, 16), new DateOnly(2016, 1, 1)));
        Assert.NotNull(Catalog.For(new DateOnly(2016, 10, 17), new DateOnly(2016, 1, 1)));
    }

    [Theory]
    [InlineData("2015-01-01", "2025-06-16", "2025-01-01")] // renewed each 1 January
    [InlineData("2019-07-15", "2020-07-14", "2019-07-15")] // not yet renewed in 2020
    [InlineData("2019-07-15", "2020-07-15", "2020-07-15")]
    [InlineData("2025-03-01", "2025-02-01", "2025-03-01")] // care before the start: the start
    public void Contract_date_is_the_latest_yearly_renewal_of_the_guarantee_on_or_before_the_care_date(string start, string care, string expected)
    {
        Assert.Equal(D(expected), Catalog.ContractDate(D(start), D(care)));
    }

    [Fact]
    public void Overlapping_periods_are_refused()
    {
        var source = Texts.ResponsibleContract2019;

        Assert.Throws<ArgumentException>(() => new Timeline<int>([
            new Sourced<int>(1, new DateRange(new DateOnly(2020, 1, 1), null), source),
            new Sourced<int>(2, new DateRange(new DateOnly(2024, 1, 1), null), source),
        ]));
    }

    // R. 871-2, 3° as written by décret n° 2019-21: a) 50/420, b) 125/560, c) 200/700, d) 125/610, e) 200/750, f) 200/800.
    [Theory]
    [InlineData(ProductKind.LensSimple, ProductKind.LensSimple, 420, 50)]
    [InlineData(ProductKind.LensComplex, ProductKind.LensSimple, 560, 125)]
    [InlineData(ProductKind.LensComplex, ProductKind.LensComplex, 700, 200)]
    [InlineData(ProductKind.LensSimple, ProductKind.LensVeryComplex, 610, 125)]
    [InlineData(ProductKind.LensVeryComplex, ProductKind.LensComplex, 750, 200)]
    [InlineData(ProductKind.LensVeryComplex, ProductKind.LensVeryComplex, 800, 200)]
    public void The_2019_class_B_ceilings_and_floors_are_those_of_article_R871_2(ProductKind first, ProductKind second, long ceiling, long floor)
    {
        var optics = Rules("2025-06-16", "2025-01-01").Contract!.Optics;

        Assert.Equal(Money.FromEuros(ceiling), optics.CeilingFor([first, second]));
        Assert.Equal(Money.FromEuros(floor), optics.FloorFor(first, second));
        Assert.Equal(Money.FromEuros(100), optics.FrameCap);
    }

    // Décret n° 2014-1374 as quoted by Acuité: a) 470, c) 750, f) 850; frame €150 (France 3).
    [Theory]
    [InlineData(ProductKind.LensSimple, 470)]
    [InlineData(ProductKind.LensComplex, 750)]
    [InlineData(ProductKind.LensVeryComplex, 850)]
    public void The_2015_ceilings_are_those_of_the_2014_decree(ProductKind kind, long ceiling)
    {
        var optics = Rules("2019-06-01", "2019-01-01").Contract!.Optics;

        Assert.Equal(Money.FromEuros(ceiling), optics.CeilingFor([kind, kind]));
        Assert.Equal(Money.FromEuros(150), optics.FrameCap);
    }

    [Fact]
    public void A_single_lens_weighs_half_its_pair()
    {
        var optics = Rules("2025-06-16", "2025-01-01").Contract!.Optics;

        Assert.Equal(Money.FromEuros(210), optics.CeilingFor([ProductKind.LensSimple]));
        Assert.Null(optics.CeilingFor([]));
    }

    // Décret n° 2019-21: the hearing-aid rules bind contracts signed or renewed from 1 January 2021;
    // R. 871-2, 4°: class II at most €1,700 per aid; LPP § V.2.1: renewal after four years per ear, since 2019.
    [Fact]
    public void The_class_II_ceiling_and_full_cover_in_audiology_bind_contracts_from_2021()
    {
        var contract2021 = Rules("2021-06-01", "2021-01-01").Contract!;
        var contract2020 = Rules("2020-12-01", "2020-01-01").Contract!;

        Assert.Equal(Money.FromEuros(1_700), contract2021.HearingAidCeiling);
        Assert.Contains(CareDomain.Audioprothese, contract2021.FullCover);
        Assert.Null(contract2020.HearingAidCeiling);
        Assert.DoesNotContain(CareDomain.Audioprothese, contract2020.FullCover);
        Assert.Contains(CareDomain.Optique, contract2020.FullCover);
        Assert.Equal(48, Rules("2019-01-01", "2019-01-01").HearingAidRenewalMonths);
        Assert.Null(Rules("2018-12-31", "2018-01-01").HearingAidRenewalMonths);
    }

    // LPP since 2020 (MGEFI): 2 years from 16, 1 year under 16, 6 months before 6 when the face
    // changed; from 16, 1 year when the sight changed; under 16, no minimum delay then.
    [Theory]
    [InlineData(40, false, false, 24)]
    [InlineData(16, false, false, 24)]
    [InlineData(15, false, false, 12)]
    [InlineData(40, true, false, 12)]
    [InlineData(16, true, false, 12)]
    [InlineData(15, true, false, 0)] // the correction: under 16 a change of sight needs no delay
    [InlineData(5, false, true, 6)]
    [InlineData(5, true, true, 0)]
    [InlineData(6, false, true, 12)]
    [InlineData(40, false, true, 24)]
    public void Optical_renewal_period_depends_on_age_and_on_what_changed(int age, bool correctionChanged, bool faceChanged, int months)
    {
        Assert.Equal(months, Rules("2025-06-16", "2025-01-01").OpticsRenewal.MonthsFor(age, correctionChanged, faceChanged));
    }

    [Fact]
    public void The_2015_renewal_treats_minors_as_children_and_knows_no_face_change()
    {
        // Cocoon: every two years, except children under 18 and a change of sight (then one year).
        var renewal = Rules("2019-06-01", "2019-01-01").OpticsRenewal;

        Assert.Equal(12, renewal.MonthsFor(17, false, false));
        Assert.Equal(24, renewal.MonthsFor(18, false, false));
        Assert.Equal(12, renewal.MonthsFor(17, true, false));
        Assert.Equal(12, renewal.MonthsFor(3, false, true));
    }

    // Décret n° 2016-1381 (D. 4362-12-1): 1 year under 16, 5 years from 16 to 42, 3 years over 42.
    [Theory]
    [InlineData("2010-06-01", "2025-05-31", "2026-05-30")] // 14 at prescription: 1 year
    [InlineData("2009-06-01", "2025-06-01", "2030-05-31")] // just 16: 5 years
    [InlineData("1983-01-01", "2025-06-01", "2030-05-31")] // 42: 5 years
    [InlineData("1982-01-01", "2025-06-01", "2028-05-31")] // 43: 3 years
    public void Optical_prescription_validity_depends_on_age_on_the_prescription_date(string birth, string prescribed, string lastValid)
    {
        Assert.Equal(D(lastValid), Rules("2025-06-16", "2025-01-01").Prescriptions.LastValidDay(CareDomain.Optique, D(birth), D(prescribed)));
    }

    [Fact]
    public void Dental_needs_no_prescription_and_drugs_one_of_less_than_three_months()
    {
        var prescriptions = Rules("2025-06-16", "2025-01-01").Prescriptions;

        Assert.False(prescriptions.Requires(CareDomain.Dentaire));
        Assert.Null(prescriptions.LastValidDay(CareDomain.Dentaire, new DateOnly(1980, 1, 1), new DateOnly(2025, 1, 1)));
        Assert.True(prescriptions.Requires(CareDomain.Optique));
        // R. 5132-22 CSP: first delivery on a prescription less than three months old.
        Assert.Equal(new DateOnly(2025, 3, 31), prescriptions.LastValidDay(CareDomain.Pharmacie, new DateOnly(1980, 1, 1), new DateOnly(2025, 1, 1)));
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
        Assert.Equal(years, Ages.FullYears(D(birth), D(on)));
    }
}
