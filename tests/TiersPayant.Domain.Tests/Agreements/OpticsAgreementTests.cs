using TiersPayant.Domain.Agreements;
using TiersPayant.Domain.Members;
using static TiersPayant.Domain.Tests.Agreements.Amounts;

namespace TiersPayant.Domain.Tests.Agreements;

/// <summary>Worked optics cases: each figure below is computed by hand in the comment next to it.</summary>
public class OpticsAgreementTests
{
    private static readonly DateOnly Today = ContextBuilder.Today;

    internal static AgreementDecision Decide(AgreementRequest request, AgreementContext context)
    {
        var evaluation = AgreementEngine.Evaluate(request, context);
        Assert.Empty(evaluation.Errors);
        return evaluation.Decision!;
    }

    internal static void AssertShares(Shares shares, decimal total, decimal statutory, decimal insurer, decimal patient) =>
        Assert.Equal(new Shares(Euros(total), Euros(statutory), Euros(insurer), Euros(patient)), shares);

    private static GuaranteeBuilder Optics() => new(CareDomain.Optique);

    [Fact]
    public void Class_A_glasses_leave_nothing_to_the_patient()
    {
        var request = RequestBuilder.Optics().Frame("A", 30m).SimpleLenses("A", 60m).Build();

        // Plain 100 % of the base: "100% Santé" is owed by the responsible contract, not by its terms.
        var decision = Decide(request, new ContextBuilder(Optics().Build()).Build());

        Assert.Equal(AgreementStatus.Accepted, decision.Status);
        Assert.Empty(decision.Reasons);
        // Mutualib: a €30 class A frame is 60 % of its €9 base from statutory (€5.40), €24.60 from the insurer.
        AssertShares(decision.Lines[0].Amounts, 30m, 5.40m, 24.60m, 0m);
        AssertShares(decision.Lines[1].Amounts, 60m, 9m, 51m, 0m); // fixture lens: 60 % of its €15 base
        AssertShares(decision.Lines[2].Amounts, 60m, 9m, 51m, 0m);
        AssertShares(decision.Totals, 150m, 23.40m, 126.60m, 0m);
        Assert.Equal(new DateRange(Today, new DateOnly(2025, 12, 15)), decision.Validity);
        Assert.Equal("responsable-2019", decision.RulesEdition);
    }

    [Fact]
    public void Class_A_below_its_limit_is_also_free_for_the_patient()
    {
        var decision = Decide(RequestBuilder.Optics().Frame("A", 25m).Build(), new ContextBuilder(Optics().Build()).Build());

        AssertShares(decision.Totals, 25m, 5.40m, 19.60m, 0m); // statutory on the €9 base, the insurer the rest
    }

    [Fact]
    public void Class_A_priced_above_its_limit_is_refused_and_the_rest_is_partial()
    {
        var request = RequestBuilder.Optics().Frame("A", 35m).SimpleLenses("A", 60m).Build();

        var decision = Decide(request, new ContextBuilder(Optics().Build()).Build());

        Assert.Equal(AgreementStatus.Partial, decision.Status);
        Assert.Equal([AgreementReasons.PriceAboveLimit], decision.Lines[0].Reasons);
        AssertShares(decision.Lines[0].Amounts, 35m, 0m, 0m, 35m);
        AssertShares(decision.Lines[1].Amounts, 60m, 9m, 51m, 0m);
    }

    [Fact]
    public void Class_B_glasses_at_the_ceiling_are_paid_in_full()
    {
        // €100 frame + 2 × €160 simple lenses = €420, the ceiling for two simple lenses; the
        // frame is exactly at its €100 cap. Statutory: 60 % of the €0.05 base = €0.03 each.
        var request = RequestBuilder.Optics().Frame("B", 100m).SimpleLenses("B", 160m).Build();

        var decision = Decide(request, new ContextBuilder(Optics().ActualCosts().Build()).Build());

        Assert.Equal(AgreementStatus.Accepted, decision.Status);
        AssertShares(decision.Lines[0].Amounts, 100m, 0.03m, 99.97m, 0m);
        AssertShares(decision.Totals, 420m, 0.09m, 419.91m, 0m);
    }

    [Fact]
    public void Class_B_glasses_over_the_ceilings_are_partial_with_a_capped_share()
    {
        var request = RequestBuilder.Optics().Frame("B", 150m).SimpleLenses("B", 200m).Build();

        var decision = Decide(request, new ContextBuilder(Optics().ActualCosts().Build()).Build());

        Assert.Equal(AgreementStatus.Partial, decision.Status);
        Assert.Equal([AgreementReasons.FrameCeilingReached, AgreementReasons.CeilingReached], decision.Reasons);
        // Frame cap: €100 − €0.03 = €99.97. Then €420 − €0.09 = €419.91 for the whole equipment,
        // shared in proportion to 99.97 / 199.97 / 199.97: 83.97, 167.97, 167.97.
        AssertShares(decision.Lines[0].Amounts, 150m, 0.03m, 83.97m, 66m);
        AssertShares(decision.Lines[1].Amounts, 200m, 0.03m, 167.97m, 32m);
        AssertShares(decision.Lines[2].Amounts, 200m, 0.03m, 167.97m, 32m);
        AssertShares(decision.Totals, 550m, 0.09m, 419.91m, 130m);
    }

    [Fact]
    public void Non_responsible_contract_pays_actual_costs_beyond_the_ceilings()
    {
        var request = RequestBuilder.Optics().Frame("B", 150m).SimpleLenses("B", 200m).Build();

        var decision = Decide(request, new ContextBuilder(Optics().ActualCosts().Build()).NotResponsible().Build());

        Assert.Equal(AgreementStatus.Accepted, decision.Status);
        Assert.Equal(RegulatedRules.NotResponsible, decision.RulesEdition);
        AssertShares(decision.Totals, 550m, 0.09m, 549.91m, 0m);
    }

    [Fact]
    public void Fixed_amount_is_spread_over_the_equipment_to_the_cent()
    {
        // 100 % of the base leaves €0.02 per item; the €150 is spread over the rooms left
        // (79.95 / 99.95 / 99.95): 42.85, 53.58, 53.57 — the odd cent to the larger remainder,
        // then to the earlier line.
        var request = RequestBuilder.Optics().Frame("B", 80m).SimpleLenses("B", 100m).Build();

        var decision = Decide(request, new ContextBuilder(Optics().Fixed(150m).Build()).Build());

        Assert.Equal(AgreementStatus.Accepted, decision.Status);
        AssertShares(decision.Lines[0].Amounts, 80m, 0.03m, 42.87m, 37.10m);
        AssertShares(decision.Lines[1].Amounts, 100m, 0.03m, 53.60m, 46.37m);
        AssertShares(decision.Lines[2].Amounts, 100m, 0.03m, 53.59m, 46.38m);
        AssertShares(decision.Totals, 280m, 0.09m, 150.06m, 129.85m);
    }

    [Fact]
    public void Mixing_a_class_B_frame_with_class_A_lenses_is_allowed()
    {
        var request = RequestBuilder.Optics().Frame("B", 120m).SimpleLenses("A", 60m).Build();

        var decision = Decide(request, new ContextBuilder(Optics().Fixed(80m).Build()).Build());

        Assert.Equal(AgreementStatus.Accepted, decision.Status);
        AssertShares(decision.Lines[0].Amounts, 120m, 0.03m, 80.02m, 39.95m); // €0.02 of the base + €80
        AssertShares(decision.Lines[1].Amounts, 60m, 9m, 51m, 0m);
        AssertShares(decision.Totals, 240m, 18.03m, 182.02m, 39.95m);
    }

    [Fact]
    public void Guarantee_ceiling_per_equipment_makes_the_answer_partial()
    {
        var request = RequestBuilder.Optics().Frame("B", 80m).SimpleLenses("B", 100m).Build();

        var decision = Decide(request, new ContextBuilder(Optics().Fixed(300m).EquipmentCeiling(200m).Build()).Build());

        Assert.Equal(AgreementStatus.Partial, decision.Status);
        Assert.Equal([AgreementReasons.EquipmentCeilingReached], decision.Reasons);
        AssertShares(decision.Totals, 280m, 0.09m, 200m, 79.91m);
    }

    [Fact]
    public void Responsible_contract_pays_at_least_the_floor_on_class_B_glasses()
    {
        var request = RequestBuilder.Optics().Frame("B", 80m).SimpleLenses("B", 100m).Build();

        var responsible = Decide(request, new ContextBuilder(Optics().Build()).Build());
        var free = Decide(request, new ContextBuilder(Optics().Build()).NotResponsible().Build());

        AssertShares(responsible.Totals, 280m, 0.09m, 49.91m, 230m); // raised to the €50 floor, statutory included
        AssertShares(free.Totals, 280m, 0.09m, 0.06m, 279.85m); // 100 % of the €0.05 bases, less statutory
    }

    [Fact]
    public void Price_above_the_insurers_reference_goes_to_a_person()
    {
        var request = RequestBuilder.Optics().Frame("B", 300m).SimpleLenses("B", 90m).Build();

        var decision = Decide(request, new ContextBuilder(Optics().Fixed(100m).ReferencePrice(ProductKind.Frame, 250m).Build()).Build());

        Assert.Equal(AgreementStatus.Pending, decision.Status);
        Assert.Equal([AgreementReasons.PriceAboveInsurerReference], decision.Lines[0].Reasons);
        Assert.Empty(decision.Lines[1].Reasons);
        Assert.Null(decision.Validity);
    }

    [Fact]
    public void Missing_quote_leaves_the_request_pending_with_its_amounts()
    {
        var request = RequestBuilder.Optics().Frame("A", 30m).SimpleLenses("A", 60m).Build();

        var decision = Decide(request, new ContextBuilder(Optics().Build()).Without(SupportingDocument.Quote).Build());

        Assert.Equal(AgreementStatus.Pending, decision.Status);
        Assert.Equal([AgreementReasons.MissingDocument], decision.Reasons);
        Assert.Equal([SupportingDocument.Quote], decision.MissingDocuments);
        AssertShares(decision.Totals, 150m, 23.40m, 126.60m, 0m);
        Assert.Null(decision.Validity);
    }

    [Fact]
    public void Document_the_insurer_adds_is_required_too()
    {
        var request = RequestBuilder.Optics().Frame("A", 30m).Build();
        var context = new ContextBuilder(Optics().Requires(SupportingDocument.Audiogram).Build()).Without(SupportingDocument.Audiogram).Build();

        Assert.Equal([SupportingDocument.Audiogram], Decide(request, context).MissingDocuments);
    }

    [Fact]
    public void Contract_without_optics_on_the_care_date_refuses_but_statutory_still_pays()
    {
        var request = RequestBuilder.Optics().Frame("A", 30m).Build();

        var decision = Decide(request, new ContextBuilder(Optics().From(Today.AddDays(1)).Build()).Build());

        Assert.Equal(AgreementStatus.Refused, decision.Status);
        Assert.Equal([AgreementReasons.NotCovered], decision.Reasons);
        AssertShares(decision.Totals, 30m, 5.40m, 0m, 24.60m);
        Assert.Null(decision.Validity);
    }

    [Fact]
    public void Guarantee_of_another_domain_does_not_cover_optics()
    {
        var context = new ContextBuilder(new GuaranteeBuilder(CareDomain.Dentaire).Build()).Build();

        Assert.Equal(AgreementStatus.Refused, Decide(RequestBuilder.Optics().Frame("A", 30m).Build(), context).Status);
    }
}
