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

/// <summary>One of an insurer's contracts.</summary>
public sealed class ContractPlanRecord
{
    public Guid Id { get; set; }

    public required string InsurerAmc { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public bool Responsible { get; set; }

    public List<GuaranteeRecord> Guarantees { get; set; } = [];
}

/// <summary>What a contract pays in one care domain.</summary>
public sealed class GuaranteeRecord
{
    public Guid Id { get; set; }

    public Guid ContractPlanId { get; set; }

    public required string Domain { get; set; }

    public int PercentOfBase { get; set; }

    public long? YearlyAllowanceCents { get; set; }

    public DateOnly ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }
}
