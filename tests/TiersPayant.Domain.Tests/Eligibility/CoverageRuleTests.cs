using TiersPayant.Domain.Agreements;
using TiersPayant.Domain.Claims;
using TiersPayant.Domain.Eligibility;
using TiersPayant.Domain.Members;

namespace TiersPayant.Domain.Tests.Eligibility;

public sealed class CoverageRuleTests
{
    private static readonly DateOnly Day = new(2026, 3, 15);

    [Fact]
    public void Covered_when_the_rights_and_the_guarantee_both_run_that_day_over_the_period_where_both_run()
    {
        var coverage = CoverageRule.For(CareDomain.Optique, new DateRange(new(2026, 1, 1), new(2026, 12, 31)), new DateRange(new(2025, 6, 1), new(2026, 6, 30)), Day);

        Assert.True(coverage.Covered);
        Assert.Equal(new DateRange(new(2026, 1, 1), new(2026, 6, 30)), coverage.Period);
        Assert.Equal(EligibilityStatus.Covered, CoverageRule.StatusOf([coverage]));
    }

    [Fact]
    public void Open_ends_stay_open_and_the_other_side_closes_the_period()
    {
        var open = CoverageRule.For(CareDomain.Pharmacie, new DateRange(new(2020, 1, 1), null), new DateRange(new(2021, 1, 1), null), Day);
        var rightsEnd = CoverageRule.For(CareDomain.Pharmacie, new DateRange(new(2020, 1, 1), new(2026, 3, 14)), new DateRange(new(2021, 1, 1), null), Day);

        Assert.Equal((true, new DateRange(new(2021, 1, 1), null)), (open.Covered, open.Period));
        Assert.Equal((false, new DateRange(new(2021, 1, 1), new(2026, 3, 14))), (rightsEnd.Covered, rightsEnd.Period));
    }

    [Fact]
    public void No_guarantee_or_periods_that_never_meet_give_no_period_and_not_covered()
    {
        var rights = new DateRange(new(2026, 1, 1), null);
        var none = CoverageRule.For(CareDomain.Dentaire, rights, null, Day);
        var apart = CoverageRule.For(CareDomain.Dentaire, rights, new DateRange(new(2024, 1, 1), new(2025, 12, 31)), Day);

        Assert.Equal((false, (DateRange?)null), (none.Covered, none.Period));
        Assert.Equal((false, (DateRange?)null), (apart.Covered, apart.Period));
        Assert.Equal(EligibilityStatus.NotCovered, CoverageRule.StatusOf([none, apart]));
    }

    [Fact]
    public void The_status_codes_are_those_of_the_contract_and_read_back()
    {
        Assert.Equal(["covered", "not-covered", "no-match"], Enum.GetValues<EligibilityStatus>().Select(s => s.Code()));
        Assert.Equal(["accepted", "rejected", "cancelled"], Enum.GetValues<ClaimStatus>().Select(s => s.Code()));
        Assert.All(Enum.GetValues<EligibilityStatus>(), s => Assert.Equal(s, EligibilityStatuses.Parse(s.Code())));
        Assert.All(Enum.GetValues<ClaimStatus>(), s => Assert.Equal(s, ClaimStatuses.Parse(s.Code())));
        Assert.All(Enum.GetValues<AgreementStatus>(), s => Assert.Equal(s, AgreementStatuses.Parse(s.Code())));
        Assert.Throws<FormatException>(() => ClaimStatuses.Parse("paid"));
    }
}
