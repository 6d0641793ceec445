namespace TiersPayant.Data.Members;

/// <summary>An insurer (AMC) row. Holds no personal data.</summary>
public sealed class InsurerRecord
{
    public required string Amc { get; set; }

    public required string Name { get; set; }

    public required string ConventionType { get; set; }

    public required string RoutingCriterion { get; set; }

    public List<ContractPlanRecord> Contracts { get; set; } = [];

    /// <summary>The account the platform collects from under the insurer's SEPA direct-debit mandate; null without a mandate.</summary>
    public string? Iban { get; set; }

    public string? Bic { get; set; }

    /// <summary>The mandate's unique reference (UMR), when the insurer signed one.</summary>
    public string? MandateId { get; set; }

    public DateOnly? MandateSignedOn { get; set; }
}
