namespace TiersPayant.Data.Records;

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

/// <summary>A platform-wide setting (e.g. whether this database holds demo data).</summary>
public sealed class PlatformSetting
{
    public required string Key { get; set; }

    public required string Value { get; set; }
}
