using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TiersPayant.Data;
using TiersPayant.Data.Records.Audit;

namespace TiersPayant.Security.Guard;

/// <summary>
/// The access decision on the guarded data path: allow, throttle or deny, for one actor and one
/// beneficiary, before anything of that beneficiary is read out. This version enforces hard caps
/// on distinct beneficiaries per rolling hour and day (counted from the disclosure log itself, so
/// every node sees the same counts) and on cards that match nobody.
/// </summary>
public sealed class AccessGuard(TiersPayantDbContext db, IOptions<GuardOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>Before looking for anyone: an actor that keeps presenting unknown cards waits.</summary>
    public async Task<GuardDecision> BeforeMatchAsync(Actor actor, CancellationToken cancellation)
    {
        var since = Now() - Hour;
        var misses = await db.MatchFailures.AsNoTracking()
            .Where(m => m.ActorKey == actor.Key && m.OccurredAt > since).Select(m => m.OccurredAt).ToListAsync(cancellation);
        return misses.Count >= options.Value.NoMatchPerHour
            ? GuardDecision.Throttle("no-match-cap", misses.Min() + Hour - Now())
            : GuardDecision.Allow;
    }

    /// <summary>Counts a presented card that matched nobody; the caller saves it with its own record.</summary>
    public void RecordMiss(Actor actor) =>
        db.MatchFailures.Add(new MatchFailureRecord { Id = Guid.CreateVersion7(), ActorKey = actor.Key, OccurredAt = Now() });

    /// <summary>May this actor be given data of this beneficiary now?</summary>
    public async Task<GuardDecision> AdmitAsync(Actor actor, Guid beneficiaryId, CancellationToken cancellation)
    {
        var now = Now();
        var dayAgo = now - Day;
        var seen = await Mine(actor).Where(d => d.OccurredAt > dayAgo)
            .GroupBy(d => d.BeneficiaryId)
            .Select(g => new { Beneficiary = g.Key, First = g.Min(d => d.OccurredAt) })
            .ToListAsync(cancellation);
        if (seen.Any(s => s.Beneficiary == beneficiaryId))
        {
            return GuardDecision.Allow; // the same person again: no one new is reached
        }

        var cap = options.Value.CapFor(actor.Profession);
        var lastHour = seen.Where(s => s.First > now - Hour).Select(s => s.First).ToList();
        if (lastHour.Count >= cap.PerHour)
        {
            return GuardDecision.Throttle("hourly-cap", lastHour.Min() + Hour - now);
        }

        return seen.Count >= cap.PerDay
            ? GuardDecision.Throttle("daily-cap", seen.Min(s => s.First) + Day - now)
            : GuardDecision.Allow;
    }

    private IQueryable<DisclosureRecord> Mine(Actor actor) => actor.Kind == ActorKinds.Account
        ? db.Disclosures.AsNoTracking().Where(d => d.AccountId == actor.AccountId)
        : db.Disclosures.AsNoTracking().Where(d => d.ClientId == actor.ClientId);

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}

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
}
