using TiersPayant.Domain.Agreements;
using static TiersPayant.Domain.Tests.Agreements.OpticsAgreementTests;

namespace TiersPayant.Domain.Tests.Agreements;

public class AudiologyAndDentalAgreementTests
{
    private static readonly DateOnly Today = ContextBuilder.Today;

    private static ContextBuilder Hearing(GuaranteeBuilder guarantee) => new ContextBuilder(guarantee.Build()).Aged(70);

    private static GuaranteeBuilder Audiology() => new(CareDomain.Audioprothese);

    private static ContextBuilder Teeth(GuaranteeBuilder guarantee) => new ContextBuilder(guarantee.Build()).Prescription(null);

    private static GuaranteeBuilder Dental() => new(CareDomain.Dentaire);

    [Fact]
    public void Class_I_hearing_aids_leave_nothing_to_the_patient()
    {
        var request = RequestBuilder.Audiology()
            .Line(Codes.AidClassIAdult, 950m, "I", "right")
            .Line(Codes.AidClassIAdult, 950m, "I", "left")
            .Build();

        var decision = Decide(request, Hearing(Audiology()).Build());

        Assert.Equal(AgreementStatus.Accepted, decision.Status);
        AssertShares(decision.Lines[0].Amounts, 950m, 240m, 710m, 0m);
        AssertShares(decision.Totals, 1_900m, 480m, 1_420m, 0m);
    }

    [Fact]
    public void Class_I_hearing_aid_for_a_teenager_has_its_own_limit_and_base()
    {
        var request = RequestBuilder.Audiology().Line(Codes.AidClassIChild, 1_400m, "I", "left").Build();

        var decision = Decide(request, Hearing(Audiology()).Aged(15).Build());

        AssertShares(decision.Totals, 1_400m, 840m, 560m, 0m); // 60 % of the €1,400 base
    }

    [Fact]
    public void Hearing_aid_code_for_another_age_band_is_refused()
    {
        var request = RequestBuilder.Audiology().Line(Codes.AidClassIAdult, 950m, "I", "left").Build();

        // Arrêté of 27 December 2018: the child rules apply "jusqu'à leur vingtième anniversaire";
        // at 19 the adult code is refused, at 20 it is the right one.
        var decision = Decide(request, Hearing(Audiology()).Aged(19).Build());

        Assert.Equal([AgreementReasons.CodeNotForAge], decision.Reasons);
        Assert.Empty(Decide(request, Hearing(Audiology()).Aged(20, extraMonths: 0).Build()).Reasons);
    }

    [Fact]
    public void Class_II_hearing_aid_is_paid_as_the_guarantee_says()
    {
        var request = RequestBuilder.Audiology().Line(Codes.AidClassIIAdult, 1_800m, "II", "right").Build();

        // 100 % of the €400 base less the €240 statutory share = €160, plus €1,000 per ear.
        var decision = Decide(request, Hearing(Audiology().Fixed(1_000m)).Build());

        Assert.Equal(AgreementStatus.Accepted, decision.Status);
        AssertShares(decision.Totals, 1_800m, 240m, 1_160m, 400m);
    }

    [Fact]
    public void Class_II_hearing_aid_is_capped_at_1700_euros_statutory_included()
    {
        var request = RequestBuilder.Audiology().Line(Codes.AidClassIIAdult, 1_800m, "II", "right").Build();

        var decision = Decide(request, Hearing(Audiology().ActualCosts()).Build());

        Assert.Equal(AgreementStatus.Partial, decision.Status);
        Assert.Equal([AgreementReasons.CeilingReached], decision.Reasons);
        AssertShares(decision.Totals, 1_800m, 240m, 1_460m, 100m);
    }

    [Fact]
    public void Hearing_aid_renewal_waits_four_years_per_ear()
    {
        var request = RequestBuilder.Audiology()
            .Line(Codes.AidClassIAdult, 950m, "I", "right")
            .Line(Codes.AidClassIAdult, 950m, "I", "left")
            .Build();
        var context = Hearing(Audiology())
            .Had(Today.AddYears(-4), ProductKind.HearingAid, Side.Right)
            .Had(Today.AddYears(-4).AddDays(1), ProductKind.HearingAid, Side.Left)
            .Build();

        var decision = Decide(request, context);

        Assert.Equal(AgreementStatus.Partial, decision.Status);
        Assert.Empty(decision.Lines[0].Reasons);
        Assert.Equal([AgreementReasons.RenewalPeriodNotElapsed], decision.Lines[1].Reasons);
    }

    [Fact]
    public void Dental_crown_of_the_100_sante_basket_leaves_nothing_to_the_patient()
    {
        var request = RequestBuilder.Dental().Line(Codes.Crown100Sante, 500m).Build();

        var decision = Decide(request, Teeth(Dental()).Build());

        Assert.Equal(AgreementStatus.Accepted, decision.Status);
        AssertShares(decision.Totals, 500m, 72m, 428m, 0m); // 60 % of the €120 base
    }

    [Fact]
    public void Free_price_crown_is_paid_at_the_guarantees_percent_of_the_base()
    {
        var request = RequestBuilder.Dental().Line(Codes.CrownFree, 800m).Build();

        // 300 % of the €120 base = €360, less the €72 statutory share (60 % since 15 October 2023).
        var decision = Decide(request, Teeth(Dental().PercentOfBase(300)).Build());

        Assert.Equal(AgreementStatus.Accepted, decision.Status);
        AssertShares(decision.Totals, 800m, 72m, 288m, 440m);
    }

    [Fact]
    public void Controlled_price_crown_above_its_limit_is_refused()
    {
        var request = RequestBuilder.Dental().Line(Codes.CrownControlled, 600m).Build();

        var decision = Decide(request, Teeth(Dental().PercentOfBase(300)).Build());

        Assert.Equal(AgreementStatus.Refused, decision.Status);
        Assert.Equal([AgreementReasons.PriceAboveLimit], decision.Reasons);
    }

    [Fact]
    public void Yearly_ceiling_counts_what_the_insurer_already_paid_this_year()
    {
        var request = RequestBuilder.Dental().Line(Codes.CrownFree, 800m).Build();
        var context = Teeth(Dental().PercentOfBase(300).PeriodCeiling(500m))
            .Had(new DateOnly(2025, 2, 3), ProductKind.Crown, insurerPaid: 400m)
            .Had(new DateOnly(2024, 11, 3), ProductKind.Crown, insurerPaid: 400m)
            .Build();

        var decision = Decide(request, context);

        Assert.Equal(AgreementStatus.Partial, decision.Status);
        Assert.Equal([AgreementReasons.PeriodCeilingReached], decision.Reasons);
        AssertShares(decision.Totals, 800m, 72m, 100m, 628m); // €500 − €400 already paid in 2025
    }

    [Fact]
    public void Two_year_ceiling_also_counts_last_year()
    {
        var request = RequestBuilder.Dental().Line(Codes.CrownFree, 800m).Build();
        var context = Teeth(Dental().PercentOfBase(300).PeriodCeiling(900m, calendarYears: 2))
            .Had(new DateOnly(2024, 11, 3), ProductKind.Crown, insurerPaid: 700m)
            .Had(new DateOnly(2023, 12, 31), ProductKind.Crown, insurerPaid: 700m)
            .Build();

        AssertShares(Decide(request, context).Totals, 800m, 72m, 200m, 528m);
    }

    [Fact]
    public void Fixed_amount_per_crown_counts_each_unit()
    {
        var request = RequestBuilder.Dental().Line(Codes.CrownFree, 800m, quantity: 2).Build();

        // Two crowns: 2 × (€120 × 100 % − €72) = €96, plus 2 × €150.
        var decision = Decide(request, Teeth(Dental().Fixed(150m)).Build());

        AssertShares(decision.Totals, 1_600m, 144m, 396m, 1_060m);
    }

    [Fact]
    public void Dental_quote_is_required()
    {
        var request = RequestBuilder.Dental().Line(Codes.Crown100Sante, 500m).Build();

        var decision = Decide(request, Teeth(Dental()).Without(SupportingDocument.Quote).Build());

        Assert.Equal(AgreementStatus.Pending, decision.Status);
        Assert.Equal([SupportingDocument.Quote], decision.MissingDocuments);
    }
}
