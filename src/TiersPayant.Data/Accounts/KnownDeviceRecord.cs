namespace TiersPayant.Data.Accounts;

/// <summary>A browser that has completed a login for an account: a login from any other is "new".</summary>
public sealed class KnownDeviceRecord
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public required byte[] DeviceHash { get; set; }

    public DateTimeOffset FirstSeenAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>Consecutive wrong passwords from this browser: a known device is slowed on its own, never by others' failures.</summary>
    public int FailedLogins { get; set; }

    /// <summary>Before this instant no password from this browser is checked.</summary>
    public DateTimeOffset? WaitUntil { get; set; }
}
