namespace TiersPayant.Data.Accounts;

/// <summary>A practice: officine, shop, cabinet, establishment.</summary>
public sealed class PracticeRecord
{
    public Guid Id { get; set; }

    public required string Profession { get; set; }

    public required string Name { get; set; }

    public required string City { get; set; }

    public required string BillingNumber { get; set; }

    public string? Finess { get; set; }

    /// <summary>The account the practice is paid to (electronic form); null until given. Checked when a run pays it.</summary>
    public string? Iban { get; set; }

    /// <summary>Its bank's BIC, when known (optional in SEPA).</summary>
    public string? Bic { get; set; }
}
