namespace TiersPayant.Data.Members;

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
