using TiersPayant.Domain.Agreements;
using TiersPayant.Domain.Claims;
using TiersPayant.Domain.Members;
using TiersPayant.Domain.Regulation;
using static TiersPayant.Domain.Tests.Agreements.OpticsAgreementTests;

namespace TiersPayant.Domain.Tests.Agreements;

/// <summary>
/// The corrections of issue 15, each from its source's own figures: where the engine used to
/// differ from the official texts, the decision it now gives.
/// </summary>
public class RegulatoryCorrectionsTests
{
    private static readonly DateOnly Today = ContextBuilder.Today;

    // Mutualib / Cherche une bonne mutuelle: a €30 class A frame is €5.40 statutory (60 % of €9),
    // €24.60 insurer, nothing for the patient (it used to be €18 and €12).
    [Fact]
    public void A_thirty_euro_class_A_frame_is_5_40_statutory_and_24_60_insurer()
    {
        var decision = Decide(RequestBuilder.Optics().Frame("A", 30m).Build(), new ContextBuilder(new GuaranteeBuilder(CareDomain.Optique).Build()).Build());

        AssertShares(decision.Totals, 30m, 5.40m, 24.60m, 0m);
    }

    // Surdi 13: from 1 January 2021, a €950 class I aid is €240 statutory and €710 insurer.
    // Décret n° 2019-21: full cover binds contracts signed or renewed from 1 January 2021 only; a
    // contract last renewed on 1 July 2020 pays on its own terms until July 2021.
    [Fact]
    public void Class_I_full_cover_binds_contracts_renewed_from_2021()
    {
        var request = RequestBuilder.Audiology().Line(Codes.AidClassIAdult, 950m, "I", "right").Build();
        var care = new DateOnly(2021, 3, 1);
        ContextBuilder Context(DateOnly start) =>
            new ContextBuilder(new GuaranteeBuilder(CareDomain.Audioprothese).From(start).Build()).CareOn(care).Aged(70);

        var renewed2021 = Decide(request, Context(new DateOnly(2020, 1, 1)).Build());
        var renewedJuly2020 = Decide(request, Context(new DateOnly(2020, 7, 1)).Build());

        AssertShares(renewed2021.Totals, 950m, 240m, 710m, 0m);
        AssertShares(renewedJuly2020.Totals, 950m, 240m, 160m, 550m); // 100 % of the €400 base less €240
    }

    // Dispofi (citing the draft order) and the issue's own figures: in 2020 a class I aid for an
    // adult was limited to €1,100 on a €350 base, so €210 statutory; full cover only came in 2021,
    // so a contract paying 100 % of the base adds €140 and the patient pays the rest.
    [Fact]
    public void A_class_I_aid_in_2020_is_limited_to_1100_euros_on_a_350_euro_base()
    {
        var care = new DateOnly(2020, 6, 1);
        var context = new ContextBuilder(new GuaranteeBuilder(CareDomain.Audioprothese).From(new DateOnly(2020, 1, 1)).Build()).CareOn(care).Aged(70).Build();

        var atLimit = Decide(RequestBuilder.Audiology().Line(Codes.AidClassIAdult, 1_100m, "I", "right").Build(), context);
        var above = Decide(RequestBuilder.Audiology().Line(Codes.AidClassIAdult, 1_150m, "I", "right").Build(), context);

        AssertShares(atLimit.Totals, 1_100m, 210m, 140m, 750m);
        Assert.Equal([AgreementReasons.PriceAboveLimit], above.Lines.Single().Reasons);
    }

    // R. 871-2, 4° b: €1,700 per class II aid, statutory included, for contracts from 2021.
    [Fact]
    public void Class_II_ceiling_applies_to_contracts_from_2021_only()
    {
        var request = RequestBuilder.Audiology().Line(Codes.AidClassIIAdult, 2_500m, "II", "left").Build();
        var care = new DateOnly(2021, 3, 1);
        ContextBuilder Context(DateOnly start) =>
            new ContextBuilder(new GuaranteeBuilder(CareDomain.Audioprothese).ActualCosts().From(start).Build()).CareOn(care).Aged(70);

        AssertShares(Decide(request, Context(new DateOnly(2020, 1, 1)).Build()).Totals, 2_500m, 240m, 1_460m, 800m);
        AssertShares(Decide(request, Context(new DateOnly(2020, 7, 1)).Build()).Totals, 2_500m, 240m, 2_260m, 0m);
    }

    // Arrêté of 27 December 2018 and CNMSS: a blind adult has the €1,400 class I figures: €840 statutory.
    [Fact]
    public void A_blind_adult_gets_the_1400_euro_class_I_aid_in_full()
    {
        var request = RequestBuilder.Audiology().Line(Codes.AidClassIBlind, 1_400m, "I", "left").Build();

        var decision = Decide(request, new ContextBuilder(new GuaranteeBuilder(CareDomain.Audioprothese).Build()).Aged(58).Build());

        AssertShares(decision.Totals, 1_400m, 840m, 560m, 0m);
    }

    // Dental rate (RDV Médecins, Que Choisir): 70 % until 14 October 2023, 60 % from 15 October 2023.
    [Theory]
    [InlineData("2023-10-14", 84)]
    [InlineData("2023-10-15", 72)]
    public void A_crown_before_15_October_2023_is_paid_at_70_percent(string care, decimal statutory)
    {
        var day = DateOnly.Parse(care, System.Globalization.CultureInfo.InvariantCulture);
        var context = new ContextBuilder(new GuaranteeBuilder(CareDomain.Dentaire).Build()).CareOn(day).Prescription(null).Build();

        var decision = Decide(RequestBuilder.Dental().Line(Codes.CrownFree, 400m).Build(), context);

        AssertShares(decision.Totals, 400m, statutory, 120m - statutory, 280m); // 100 % of the €120 base
    }

    // MGEFI (LPP since 2020): under 16, a change of sight needs no minimum delay.
    [Fact]
    public void A_child_whose_sight_changed_renews_without_delay()
    {
        var request = RequestBuilder.Optics().Frame("B", 60m).SimpleLenses("B", 50m).Build();
        var context = new ContextBuilder(new GuaranteeBuilder(CareDomain.Optique).Build()).Aged(12)
            .HadGlasses(Today.AddMonths(-2)).CorrectionChanged().Build();

        var decision = Decide(request, context);

        Assert.DoesNotContain(AgreementReasons.RenewalPeriodNotElapsed, decision.Reasons);
        Assert.Equal(AgreementStatus.Accepted, decision.Status);
    }

    // An invoice whose code was closed on its care date is refused with a reason, not paid at old figures.
    [Fact]
    public void An_invoice_line_with_a_code_closed_on_its_care_date_is_refused()
    {
        var source = Fixtures.TestSource;
        var closed = new ReferenceCode("2210546", "Monture avant 18 ans (code générique antérieur à 2020)", CareDomain.Optique, ProductKind.Frame,
            null, PriceRegime.FreePrice,
            new Sourced<CodeListing>(new CodeListing(Example: false), new DateRange(new DateOnly(2015, 1, 1), new DateOnly(2019, 12, 31)), source),
            new Timeline<Money>(new Sourced<Money>(new Money(30_49), new DateRange(new DateOnly(2015, 1, 1), new DateOnly(2019, 12, 31)), source)),
            new Timeline<int>(new Sourced<int>(60, new DateRange(new DateOnly(2015, 1, 1), new DateOnly(2019, 12, 31)), source)));
        var table = new ReferenceCodeTable([closed, .. ReferenceCodeTable.Default.All]);
        var agreed = new AgreedLine(0, "2210546", 1, new Money(30_49), null, null, new Shares(new Money(30_49), new Money(18_29), new Money(12_20), Money.Zero));

        var lines = ClaimAdjudication.MarkCodesNotInForce(
            ClaimAdjudication.LinesAgainstAgreement([agreed], [new AgreementLine("2210546", 1, new Money(30_49))]), table, new DateOnly(2020, 1, 2));
        var (status, reasons, settled) = ClaimAdjudication.Settle([], lines);

        Assert.Equal(ClaimStatus.Rejected, status);
        Assert.Equal([AgreementReasons.CodeNotInForce], reasons);
        Assert.Equal(Money.Zero, settled[0].Amounts.Insurer);
        Assert.Empty(ClaimAdjudication.MarkCodesNotInForce(
            ClaimAdjudication.LinesAgainstAgreement([agreed], [new AgreementLine("2210546", 1, new Money(30_49))]), table, new DateOnly(2019, 12, 31))[0].Reasons);
    }
}
