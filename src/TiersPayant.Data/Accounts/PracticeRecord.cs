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
}
