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

    /// <summary>
    /// When the access guard asked this session to confirm its holder (the second factor again)
    /// before it reaches anyone else; cleared when the holder passes.
    /// </summary>
    public DateTimeOffset? GuardStepUpAt { get; set; }

    /// <summary>When the holder last passed a step-up in this session.</summary>
    public DateTimeOffset? VerifiedAt { get; set; }
}
