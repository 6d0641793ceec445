namespace TiersPayant.Domain.Members;

/// <summary>
/// A complementary insurer (AMC) that delegates its members' third-party payment to the platform.
/// The card's AMC number, convention type and secondary routing criterion lead to it.
/// </summary>
public sealed class Insurer
{
    private readonly List<ContractPlan> _contracts;

    /// <summary>Creates an insurer with its contracts; contract codes are unique.</summary>
    public Insurer(AmcNumber amc, string name, string conventionType, string routingCriterion, IEnumerable<ContractPlan> contracts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Amc = amc;
        Name = name;
        ConventionType = conventionType;
        RoutingCriterion = routingCriterion;
        _contracts = [.. contracts];
        var duplicate = _contracts.GroupBy(c => c.Code, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Contract code {duplicate.Key} appears twice.", nameof(contracts));
        }
    }

    /// <summary>The AMC number on the card.</summary>
    public AmcNumber Amc { get; }

    /// <summary>The insurer's name.</summary>
    public string Name { get; }

    /// <summary>Convention type printed on the card (e.g. the name of the tiers-payant convention).</summary>
    public string ConventionType { get; }

    /// <summary>Secondary routing criterion printed on the card.</summary>
    public string RoutingCriterion { get; }

    /// <summary>The contracts it sells.</summary>
    public IReadOnlyList<ContractPlan> Contracts => _contracts;

    /// <summary>The contract with this code, if any.</summary>
    public ContractPlan? FindContract(string code) =>
        _contracts.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.Ordinal));
}

/// <summary>
/// A contract an insurer sells ("garantie" grid): whether it is a responsible contract, and what
/// it pays per care domain.
/// </summary>
public sealed class ContractPlan
{
    /// <summary>Creates a contract with one guarantee per domain at most.</summary>
    public ContractPlan(string code, string name, bool responsible, IEnumerable<Guarantee> guarantees)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Code = code;
        Name = name;
        Responsible = responsible;
        Guarantees = guarantees.ToDictionary(g => g.Domain);
    }

    /// <summary>The contract code used in member files.</summary>
    public string Code { get; }

    /// <summary>The commercial name.</summary>
    public string Name { get; }

    /// <summary>True for a "contrat responsable" (regulated floors and ceilings apply).</summary>
    public bool Responsible { get; }

    /// <summary>What it pays, per domain.</summary>
    public IReadOnlyDictionary<CareDomain, Guarantee> Guarantees { get; }

    /// <summary>True when the contract covers <paramref name="domain"/> on <paramref name="day"/>.</summary>
    public bool Covers(CareDomain domain, DateOnly day) =>
        Guarantees.TryGetValue(domain, out var g) && g.Period.Contains(day);
}

/// <summary>
/// What a contract pays in one domain: a share of the statutory base (in percent of the base,
/// 100 meaning the ticket modérateur only), an optional fixed allowance per year, during a period.
/// </summary>
/// <param name="Domain">The care domain.</param>
/// <param name="PercentOfBase">Percent of the statutory base reimbursed in total (statutory share included), e.g. 100, 200, 300.</param>
/// <param name="YearlyAllowance">A fixed amount on top, per beneficiary and calendar year, if any.</param>
/// <param name="Period">When the guarantee applies.</param>
public sealed record Guarantee(CareDomain Domain, int PercentOfBase, Money? YearlyAllowance, DateRange Period);
