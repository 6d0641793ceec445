using TiersPayant.Domain.Agreements;
using TiersPayant.Domain.Claims;

namespace TiersPayant.Domain.Tests.Claims;

public sealed class ClaimAdjudicationTests
{
    private static readonly AgreedLine Frame = new(0, "2999001", 1, new Money(3000), "A", null,
        new Shares(new Money(3000), new Money(900), new Money(2100), Money.Zero));

    [Fact]
    public void A_line_as_agreed_is_paid_as_agreed_and_a_cheaper_one_lowers_the_insurers_share_first()
    {
        var same = ClaimAdjudication.LinesAgainstAgreement([Frame], [new AgreementLine("2999001", 1, new Money(3000), "A", null)]).Single();
        var cheaper = ClaimAdjudication.LinesAgainstAgreement([Frame], [new AgreementLine("2999001", 1, new Money(2000), "A", null)]).Single();

        Assert.Equal((900, 2100, 0), (same.Amounts.Statutory.Cents, same.Amounts.Insurer.Cents, same.Amounts.Patient.Cents));
        Assert.Equal((900, 1100, 0), (cheaper.Amounts.Statutory.Cents, cheaper.Amounts.Insurer.Cents, cheaper.Amounts.Patient.Cents));
        Assert.Empty(same.Reasons);
    }

    [Fact]
    public void A_line_not_agreed_or_above_the_agreement_rejects_the_invoice_and_nothing_is_paid()
    {
        var lines = ClaimAdjudication.LinesAgainstAgreement([Frame],
            [new AgreementLine("2999001", 1, new Money(3500), "A", null), new AgreementLine("9999999", 1, new Money(100), null, null)]);

        var (status, reasons, settled) = ClaimAdjudication.Settle([], lines);

        Assert.Equal(ClaimStatus.Rejected, status);
        Assert.Equal([ClaimAdjudication.AmountAboveAgreement, ClaimAdjudication.LineNotAgreed], reasons);
        Assert.All(settled, l => Assert.Equal((0L, 0L, l.Amounts.Total.Cents), (l.Amounts.Statutory.Cents, l.Amounts.Insurer.Cents, l.Amounts.Patient.Cents)));
    }

    [Fact]
    public void An_agreement_refused_expired_already_invoiced_or_with_closed_rights_is_said_so()
    {
        var day = new DateOnly(2026, 6, 1);
        var open = ClaimAdjudication.AgainstAgreement(AgreementStatus.Partial, day, day.AddMonths(6), false, true, day.AddDays(3));
        var all = ClaimAdjudication.AgainstAgreement(AgreementStatus.Pending, day, day.AddDays(1), true, false, day.AddDays(3));

        Assert.Empty(open);
        Assert.Equal(["agreement-not-agreed", "agreement-expired", "agreement-already-invoiced", "rights-closed"], all);
    }

    [Fact]
    public void A_code_already_paid_that_day_is_a_duplicate()
    {
        var lines = ClaimAdjudication.LinesAgainstAgreement([Frame], [new AgreementLine("2999001", 1, new Money(3000), "A", null)]);

        var marked = ClaimAdjudication.MarkDuplicates(lines, new HashSet<string> { "2999001" });

        Assert.Equal(ClaimStatus.Rejected, ClaimAdjudication.Settle([], marked).Status);
        Assert.Contains(ClaimAdjudication.Duplicate, marked.Single().Reasons);
    }

    [Theory]
    [InlineData(ClaimStatus.Accepted, null)]
    [InlineData(ClaimStatus.Rejected, "not-accepted")]
    [InlineData(ClaimStatus.Cancelled, "not-accepted")]
    public void Only_an_accepted_invoice_can_be_cancelled_paid_or_not(ClaimStatus status, string? why) =>
        Assert.Equal(why, ClaimStatuses.WhyNotCancellable(status));

    [Fact]
    public void A_manager_grants_or_refuses_only_a_pending_request()
    {
        var day = new DateOnly(2026, 3, 10);
        var granted = AgreementReview.Decide(AgreementStatus.Pending, true, day, [AgreementReasons.MissingDocument, AgreementReasons.CeilingReached]);
        var refused = AgreementReview.Decide(AgreementStatus.Pending, false, day, [AgreementReasons.MissingDocument]);

        Assert.Equal((AgreementStatus.Accepted, (DateOnly?)day.AddMonths(AgreementEngine.ValidityMonths).AddDays(-1)), (granted.Status, granted.ValidUntil));
        Assert.Equal([AgreementReasons.CeilingReached, AgreementReasons.AcceptedByInsurer], granted.Reasons);
        Assert.Equal((AgreementStatus.Refused, (DateOnly?)null), (refused.Status, refused.ValidUntil));
        Assert.Throws<InvalidOperationException>(() => AgreementReview.Decide(AgreementStatus.Accepted, true, day, []));
    }
}
