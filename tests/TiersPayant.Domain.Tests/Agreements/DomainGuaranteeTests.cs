using TiersPayant.Domain.Agreements;
using TiersPayant.Domain.Members;

namespace TiersPayant.Domain.Tests.Agreements;

public class DomainGuaranteeTests
{
    private static readonly DateRange Since2024 = new(new DateOnly(2024, 1, 1), null);

    [Fact]
    public void Member_file_guarantee_reads_as_percent_of_base_and_fixed_amount()
    {
        var basic = new Guarantee(CareDomain.Optique, 200, Money.FromEuros(150), Since2024);

        var rich = DomainGuarantee.FromBasic(basic);

        Assert.Equal((CareDomain.Optique, 200, Money.FromEuros(150)), (rich.Domain, rich.PercentOfBase, rich.FixedAmount));
        Assert.Same(Since2024, rich.Period);
        Assert.False(rich.ActualCosts);
        Assert.Null(rich.EquipmentCeiling);
        Assert.Equal(Money.Zero, DomainGuarantee.FromBasic(basic with { YearlyAllowance = null }).FixedAmount);
    }

    [Fact]
    public void New_guarantee_pays_the_statutory_co_payment_only()
    {
        var guarantee = new DomainGuarantee(CareDomain.Dentaire, Since2024);

        Assert.Equal(100, guarantee.PercentOfBase);
        Assert.Equal(Money.Zero, guarantee.FixedAmount);
        Assert.Empty(guarantee.ReferencePrices);
    }

    [Fact]
    public void Negative_terms_are_refused()
    {
        var guarantee = new DomainGuarantee(CareDomain.Dentaire, Since2024);

        Assert.Throws<ArgumentOutOfRangeException>(() => guarantee with { PercentOfBase = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => guarantee with { FixedAmount = new Money(-1) });
        Assert.Throws<ArgumentOutOfRangeException>(() => guarantee with { EquipmentCeiling = new Money(-1) });
    }

    [Fact]
    public void Guarantee_covers_its_domain_during_its_period_only()
    {
        var guarantee = new DomainGuarantee(CareDomain.Optique, new DateRange(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)));

        Assert.True(guarantee.Covers(CareDomain.Optique, new DateOnly(2024, 12, 31)));
        Assert.False(guarantee.Covers(CareDomain.Optique, new DateOnly(2025, 1, 1)));
        Assert.False(guarantee.Covers(CareDomain.Audioprothese, new DateOnly(2024, 6, 1)));
    }

    [Fact]
    public void Period_window_starts_on_the_first_of_January_of_its_first_year()
    {
        Assert.Equal(new DateOnly(2025, 1, 1), new PeriodCeiling(Money.FromEuros(500), 1).WindowStart(new DateOnly(2025, 6, 16)));
        Assert.Equal(new DateOnly(2024, 1, 1), new PeriodCeiling(Money.FromEuros(500), 2).WindowStart(new DateOnly(2025, 6, 16)));
    }

    [Fact]
    public void Wire_codes_of_statuses_documents_and_sides_read_as_the_contract_writes_them()
    {
        Assert.Equal(["accepted", "partial", "refused", "pending"], Enum.GetValues<AgreementStatus>().Select(s => s.Code()));
        Assert.Equal(["prescription", "quote", "audiogram", "radiograph"], SupportingDocuments.All.Select(d => d.Code()));
        Assert.Equal(["right", "left"], Sides.All.Select(s => s.Code()));
        Assert.True(SupportingDocuments.TryParse("Quote", out var quote) && quote == SupportingDocument.Quote);
        Assert.False(Sides.TryParse("both", out _));
    }
}
