namespace TiersPayant.Data.Accounts;

/// <summary>
/// A portal session, kept server-side so that ending it takes effect on every node at the next
/// request. The cookie carries a random token; only its hash is stored.
/// </summary>
public sealed class SessionRecord
{
    public Guid Id { get; set; }

    public required byte[] TokenHash { get; set; }

    public Guid AccountId { get; set; }

    /// <summary>How the second factor was proven: <c>totp</c>, <c>passkey</c>, <c>recovery-code</c>, <c>pro-sante-connect</c>.</summary>
    public required string Method { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>Idle timeout in seconds (shorter for staff).</summary>
    public int IdleSeconds { get; set; }

    /// <summary>The absolute end, whatever the activity.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary><c>logout</c>, <c>ended-by-user</c>, <c>ended-by-admin</c>, <c>idle</c>, <c>expired</c>.</summary>
    public string? EndedReason { get; set; }

    /// <summary>A short description of the browser (family and platform), for the session list.</summary>
    public required string Device { get; set; }

    /// <summary>The source address, for the account holder's own session list.</summary>
    public required string SourceAddress { get; set; }

    /// <summary>
    /// The network the session is bound to (the address's /24 in IPv4, /48 in IPv6, by default),
    /// with <see cref="Device"/> its browser family: a request from elsewhere must step up first.
    /// </summary>
    public string? Network { get; set; }

    /// <summary>When a request from another browser family or network was first asked to step up.</summary>
    public DateTimeOffset? StepUpAskedAt { get; set; }
}

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

/// <summary>
/// What the security team must see about accounts (a suspended second factor, a session stepped up
/// or refused from another device): no beneficiary's data, no password, no code.
/// </summary>
public sealed class SecurityEventRecord
{
    public Guid Id { get; set; }

    /// <summary><c>second-factor-suspended</c>, <c>second-factor-reset</c>, <c>step-up-asked</c>, <c>step-up-passed</c>, <c>step-up-refused</c>.</summary>
    public required string Kind { get; set; }

    public Guid AccountId { get; set; }

    public Guid? SessionId { get; set; }

    /// <summary>The staff account that acted, for events staff cause.</summary>
    public Guid? ActorId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Device family and network, never personal data of anyone else.</summary>
    public required string Detail { get; set; }
}

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

/// <summary>Failed logins counted per source address, in fixed windows, shared by every node.</summary>
public sealed class AddressFailureRecord
{
    /// <summary>Keyed hash of the address: counted without keeping it.</summary>
    public required byte[] AddressHash { get; set; }

    public DateTimeOffset WindowStart { get; set; }

    public int Failures { get; set; }
}
