namespace TiersPayant.Data.Members;

/// <summary>An insurer (AMC) row. Holds no personal data.</summary>
public sealed class InsurerRecord
{
    public required string Amc { get; set; }

    public required string Name { get; set; }

    public required string ConventionType { get; set; }

    public required string RoutingCriterion { get; set; }

    public List<ContractPlanRecord> Contracts { get; set; } = [];
}
