namespace TiersPayant.Data.Platform;

/// <summary>A platform-wide setting (e.g. whether this database holds demo data).</summary>
public sealed class PlatformSetting
{
    public required string Key { get; set; }

    public required string Value { get; set; }
}
