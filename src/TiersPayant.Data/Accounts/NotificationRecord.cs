namespace TiersPayant.Data.Accounts;

/// <summary>A message for an account holder (shown at the next login, e-mailed where SMTP is configured).</summary>
public sealed class NotificationRecord
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    /// <summary><c>new-device</c>, <c>second-factor-failed</c>, …</summary>
    public required string Kind { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>What to tell, without personal data of anyone else (device, time, coarse place).</summary>
    public required string Detail { get; set; }

    public DateTimeOffset? ShownAt { get; set; }

    public DateTimeOffset? EmailedAt { get; set; }
}
