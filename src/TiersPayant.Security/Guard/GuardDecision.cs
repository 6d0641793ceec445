namespace TiersPayant.Security.Guard;

/// <summary>What the guard decided.</summary>
/// <param name="Outcome">Allow, throttle or deny.</param>
/// <param name="Reason">A stable code, e.g. <c>hourly-cap</c>; null when allowed.</param>
/// <param name="RetryAfter">For a throttle: when asking again may succeed.</param>
public sealed record GuardDecision(GuardOutcome Outcome, string? Reason, TimeSpan? RetryAfter)
{
    /// <summary>Go on.</summary>
    public static GuardDecision Allow { get; } = new(GuardOutcome.Allow, null, null);

    /// <summary>Not now.</summary>
    public static GuardDecision Throttle(string reason, TimeSpan retryAfter) =>
        new(GuardOutcome.Throttle, reason, retryAfter < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : retryAfter);

    /// <summary>Not at all.</summary>
    public static GuardDecision Deny(string reason) => new(GuardOutcome.Deny, reason, null);

    /// <summary>Closed by a switch (an insurer's data): 503, nothing read.</summary>
    public static GuardDecision Closed(string reason) => new(GuardOutcome.Closed, reason, null);

    /// <summary>Not before the portal session's holder confirms it is them (the second factor again).</summary>
    public static GuardDecision StepUp(string reason) => new(GuardOutcome.StepUp, reason, null);
}

/// <summary>The guard's possible answers.</summary>
public enum GuardOutcome
{
    /// <summary>Go on.</summary>
    Allow,

    /// <summary>Refused for now (429).</summary>
    Throttle,

    /// <summary>Refused (403).</summary>
    Deny,

    /// <summary>The portal session must confirm its holder first (the second factor again), then ask again.</summary>
    StepUp,

    /// <summary>A switch closes this data for now (503).</summary>
    Closed,
}
