namespace TiersPayant.Data.Members;

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
