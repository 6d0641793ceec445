using TiersPayant.Domain.Agreements;
using static TiersPayant.Domain.Tests.Agreements.OpticsAgreementTests;

namespace TiersPayant.Domain.Tests.Agreements;

public class RenewalAndPrescriptionTests
{
    private static readonly DateOnly Today = ContextBuilder.Today;

    private static readonly AgreementRequest ClassAGlasses = RequestBuilder.Optics().Frame("A", 30m).SimpleLenses("A", 60m).Build();

    private static ContextBuilder Context() => new(new GuaranteeBuilder(CareDomain.Optique).Build());

    [Fact]
    public void Child_renews_glasses_after_one_year()
    {
        var decision = Decide(ClassAGlasses, Context().Aged(10).HadGlasses(Today.AddMonths(-12)).Build());

        Assert.Equal(AgreementStatus.Accepted, decision.Status);
    }

    [Fact]
    public void Child_cannot_renew_glasses_before_one_year()
    {
        var decision = Decide(ClassAGlasses, Context().Aged(10).HadGlasses(Today.AddMonths(-12).AddDays(1)).Build());

        Assert.Equal(AgreementStatus.Refused, decision.Status);
    }

    [Fact]
    public void Adult_renewal_at_18_months_is_refused()
    {
        var decision = Decide(ClassAGlasses, Context().Aged(40).HadGlasses(Today.AddMonths(-18)).Build());

        Assert.Equal(AgreementStatus.Refused, decision.Status);
        Assert.Equal([AgreementReasons.RenewalPeriodNotElapsed], decision.Reasons);
        Assert.All(decision.Lines, line => Assert.Equal([AgreementReasons.RenewalPeriodNotElapsed], line.Reasons));
        // The statutory insurance applies the same renewal rule: it pays nothing either.
        AssertShares(decision.Totals, 150m, 0m, 0m, 150m);
        Assert.Null(decision.Validity);
    }

    [Fact]
    public void Adult_renews_after_two_years()
    {
        Assert.Equal(AgreementStatus.Accepted, Decide(ClassAGlasses, Context().Aged(40).HadGlasses(Today.AddYears(-2)).Build()).Status);
    }

    [Fact]
    public void Sixteen_year_old_waits_two_years()
    {
        Assert.Equal(AgreementStatus.Refused, Decide(ClassAGlasses, Context().Aged(16).HadGlasses(Today.AddMonths(-13)).Build()).Status);
    }

    [Fact]
    public void Adult_whose_correction_changed_renews_after_one_year()
    {
        var context = Context().Aged(40).HadGlasses(Today.AddMonths(-18)).CorrectionChanged().Build();

        Assert.Equal(AgreementStatus.Accepted, Decide(ClassAGlasses, context).Status);
    }

    [Fact]
    public void A_change_of_correction_already_used_does_not_shorten_the_period_again()
    {
        // The last glasses were delivered on this very prescription, which showed the change.
        var context = Context().Aged(40).PrescribedOn(Today.AddMonths(-20)).CorrectionChanged()
            .HadGlasses(Today.AddMonths(-18), withNewPrescription: true).Build();

        Assert.Equal(AgreementStatus.Refused, Decide(ClassAGlasses, context).Status);
    }

    [Fact]
    public void Young_child_whose_face_changed_renews_after_six_months()
    {
        var changed = Context().Aged(4).HadGlasses(Today.AddMonths(-7)).FaceChanged().Build();
        var unchanged = Context().Aged(4).HadGlasses(Today.AddMonths(-7)).Build();

        Assert.Equal(AgreementStatus.Accepted, Decide(ClassAGlasses, changed).Status);
        Assert.Equal(AgreementStatus.Refused, Decide(ClassAGlasses, unchanged).Status);
    }

    [Fact]
    public void Renewal_is_counted_per_component()
    {
        // New left lens last year: the frame and the right lens may be renewed, the left may not.
        var context = Context().Aged(40).HadGlasses(Today.AddYears(-3))
            .Had(Today.AddMonths(-10), ProductKind.LensComplex, Side.Left).Build();

        var decision = Decide(ClassAGlasses, context);

        Assert.Equal(AgreementStatus.Partial, decision.Status);
        Assert.Equal([[], [], [AgreementReasons.RenewalPeriodNotElapsed]], decision.Lines.Select(l => l.Reasons));
    }

    [Fact]
    public void A_renewal_refusal_says_from_which_day_each_component_may_be_renewed()
    {
        // Adult: two years from the last glasses; the left lens alone was renewed ten months ago.
        var glasses = Today.AddMonths(-18);
        var lens = Today.AddMonths(-10);
        var context = Context().Aged(40).HadGlasses(glasses).Had(lens, ProductKind.LensComplex, Side.Left).Build();

        var decision = Decide(ClassAGlasses, context);

        Assert.Equal([glasses.AddMonths(24), glasses.AddMonths(24), lens.AddMonths(24)], decision.Lines.Select(l => l.RenewableFrom));
        Assert.All(decision.Lines, l => Assert.True(l.RenewableFrom > Today));
    }

    [Fact]
    public void A_renewal_date_follows_the_period_that_applied_and_is_absent_when_renewal_is_allowed()
    {
        // A child renews after one year; the adult of the same history may renew now.
        var child = Decide(ClassAGlasses, Context().Aged(10).HadGlasses(Today.AddMonths(-6)).Build());
        var adult = Decide(ClassAGlasses, Context().Aged(40).HadGlasses(Today.AddYears(-2)).Build());

        Assert.All(child.Lines, l => Assert.Equal(Today.AddMonths(-6).AddMonths(12), l.RenewableFrom));
        Assert.All(adult.Lines, l => Assert.Null(l.RenewableFrom));
    }

    [Fact]
    public void Expired_prescription_refuses_the_request()
    {
        // 47 on the prescription date: valid 3 years, up to the day before the anniversary.
        var context = Context().BornOn(new DateOnly(1975, 1, 1)).PrescribedOn(new DateOnly(2022, 6, 15)).Build();

        var decision = Decide(ClassAGlasses, context);

        Assert.Equal(AgreementStatus.Refused, decision.Status);
        Assert.Equal([AgreementReasons.PrescriptionExpired], decision.Reasons);
        AssertShares(decision.Totals, 150m, 0m, 0m, 150m);
    }

    [Fact]
    public void Prescription_on_its_last_day_is_valid_and_ends_the_agreement()
    {
        var context = Context().BornOn(new DateOnly(1975, 1, 1)).PrescribedOn(new DateOnly(2022, 6, 17)).Build();

        var decision = Decide(ClassAGlasses, context);

        Assert.Equal(AgreementStatus.Accepted, decision.Status);
        Assert.Equal(new TiersPayant.Domain.Members.DateRange(Today, Today), decision.Validity);
    }

    [Fact]
    public void Child_prescription_is_valid_one_year_only()
    {
        var fresh = Context().Aged(12).PrescribedOn(Today.AddMonths(-11)).Build();
        var old = Context().Aged(12).PrescribedOn(Today.AddMonths(-13)).Build();

        Assert.Equal(AgreementStatus.Accepted, Decide(ClassAGlasses, fresh).Status);
        Assert.Equal(AgreementStatus.Refused, Decide(ClassAGlasses, old).Status);
    }

    // Décret n° 2019-21: the 2019 rules bind contracts signed or renewed from 1 January 2020; a
    // contract last renewed in July 2019 keeps the 2015 rules (€470, frame €150) until July 2020.
    [Fact]
    public void The_responsible_contract_rules_follow_the_contract_date_not_the_care_date()
    {
        var request = RequestBuilder.Optics().Frame("B", 200m).SimpleLenses("B", 200m).Build();
        var renewedInJuly = new GuaranteeBuilder(CareDomain.Optique).ActualCosts().From(new DateOnly(2019, 7, 1)).Build();
        var renewedInJanuary = new GuaranteeBuilder(CareDomain.Optique).ActualCosts().From(new DateOnly(2019, 1, 1)).Build();
        var care = new DateOnly(2020, 6, 10);

        var old = Decide(request, new ContextBuilder(renewedInJuly).CareOn(care).Build());
        var renewed = Decide(request, new ContextBuilder(renewedInJanuary).CareOn(care).Build());

        Assert.Equal("responsable-2015", old.RulesEdition);
        AssertShares(old.Totals, 600m, 0.09m, 469.91m, 130m); // €470 ceiling, frame within €150
        Assert.Equal(AgreementStatus.Partial, old.Status);
        Assert.Equal("responsable-2019", renewed.RulesEdition);
        AssertShares(renewed.Totals, 600m, 0.09m, 419.91m, 180m); // €420 ceiling, frame within €100
    }

    [Fact]
    public void Class_A_did_not_exist_before_2020()
    {
        var decision = Decide(RequestBuilder.Optics().Frame("A", 30m).Build(), Context().CareOn(new DateOnly(2019, 6, 10)).Build());

        Assert.Equal(AgreementStatus.Refused, decision.Status);
        Assert.Equal([AgreementReasons.CodeNotInForce], decision.Reasons);
    }
}
