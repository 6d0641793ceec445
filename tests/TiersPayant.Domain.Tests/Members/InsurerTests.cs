using TiersPayant.Domain.Members;

namespace TiersPayant.Domain.Tests.Members;

public class InsurerTests
{
    private static readonly DateRange Year2025 = new(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));

    private static ContractPlan Plan(string code, params Guarantee[] guarantees) => new(code, "Santé " + code, responsible: true, guarantees);

    private static Insurer InsurerWith(params ContractPlan[] contracts) =>
        new(AmcNumber.Parse("123456789"), "Mutuelle Exemple", "TP-HARMONISE", "01", contracts);

    [Fact]
    public void Contract_covers_a_domain_it_has_a_guarantee_for_during_its_period()
    {
        var plan = Plan("OPT-2", new Guarantee(CareDomain.Optique, 200, Money.FromEuros(150), Year2025));

        Assert.True(plan.Covers(CareDomain.Optique, new DateOnly(2025, 1, 1)));
        Assert.True(plan.Covers(CareDomain.Optique, new DateOnly(2025, 12, 31)));
        Assert.False(plan.Covers(CareDomain.Optique, new DateOnly(2024, 12, 31)));
        Assert.False(plan.Covers(CareDomain.Optique, new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public void Contract_does_not_cover_a_domain_without_a_guarantee()
    {
        var plan = Plan("OPT-2", new Guarantee(CareDomain.Optique, 200, null, Year2025));

        Assert.False(plan.Covers(CareDomain.Dentaire, new DateOnly(2025, 6, 1)));
        Assert.False(Plan("EMPTY").Covers(CareDomain.Pharmacie, new DateOnly(2025, 6, 1)));
    }

    [Fact]
    public void Guarantee_without_an_end_covers_until_further_notice()
    {
        var plan = Plan("PHARMA", new Guarantee(CareDomain.Pharmacie, 100, null, new DateRange(new DateOnly(2020, 1, 1), null)));

        Assert.True(plan.Covers(CareDomain.Pharmacie, new DateOnly(2040, 1, 1)));
    }

    [Fact]
    public void Contract_with_two_guarantees_for_one_domain_is_refused()
    {
        Assert.ThrowsAny<ArgumentException>(() => Plan(
            "DUP",
            new Guarantee(CareDomain.Dentaire, 100, null, Year2025),
            new Guarantee(CareDomain.Dentaire, 300, null, Year2025)));
    }

    [Fact]
    public void Insurer_with_duplicate_contract_codes_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => InsurerWith(Plan("SANTE-1"), Plan("SANTE-2"), Plan("SANTE-1")));

        Assert.Equal("contracts", error.ParamName);
    }

    [Fact]
    public void Insurer_finds_its_contracts_by_code()
    {
        var insurer = InsurerWith(Plan("SANTE-1"), Plan("SANTE-2"));

        Assert.Equal("SANTE-2", insurer.FindContract("SANTE-2")?.Code);
        Assert.Null(insurer.FindContract("SANTE-3"));
        Assert.Equal(2, insurer.Contracts.Count);
    }

    [Fact]
    public void Insurer_keeps_its_contracts_when_the_callers_list_changes()
    {
        var contracts = new List<ContractPlan> { Plan("SANTE-1") };
        var insurer = InsurerWith([.. contracts]);

        contracts.Add(Plan("SANTE-2"));

        Assert.Single(insurer.Contracts);
    }
}
