using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TiersPayant.Data;
using TiersPayant.Data.Audit;
using TiersPayant.Security.Audit;

namespace TiersPayant.Security.Guard;

/// <summary>
/// The access decision on the guarded data path: allow, throttle or deny, for one reader and one
/// beneficiary, before anything of that beneficiary is read out. This version enforces hard caps
/// on distinct beneficiaries per rolling hour and day (counted from the disclosure log itself, so
/// every node sees the same counts), per profession for professionals and per role for staff, and
/// on cards that match nobody.
/// </summary>
public sealed class AccessGuard
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private readonly TiersPayantDbContext _db;
    private readonly DisclosureLog _log;
    private readonly IOptions<GuardOptions> _options;
    private readonly TimeProvider _time;

    internal AccessGuard(TiersPayantDbContext db, DisclosureLog log, IOptions<GuardOptions> options, TimeProvider time) =>
        (_db, _log, _options, _time) = (db, log, options, time);

    /// <summary>Before looking for anyone: an actor that keeps presenting unknown cards waits.</summary>
    public async Task<GuardDecision> BeforeMatchAsync(Actor actor, CancellationToken cancellation)
    {
        var since = Now() - Hour;
        var misses = await _db.MatchFailures.AsNoTracking()
            .Where(m => m.ActorKey == actor.Key && m.OccurredAt > since).Select(m => m.OccurredAt).ToListAsync(cancellation);
        return misses.Count >= _options.Value.NoMatchPerHour
            ? GuardDecision.Throttle("no-match-cap", misses.Min() + Hour - Now())
            : GuardDecision.Allow;
    }

    /// <summary>Counts a presented card that matched nobody, durably.</summary>
    internal Task RecordMissAsync(Actor actor, CancellationToken cancellation) => _log.RecordMissAsync(actor.Key, cancellation);

    /// <summary>May this professional's actor be given data of this beneficiary now?</summary>
    public Task<GuardDecision> AdmitAsync(Actor actor, Guid beneficiaryId, CancellationToken cancellation) =>
        AdmitAsync(Reader.Of(actor), _options.Value.CapFor(actor.Profession), beneficiaryId, cancellation);

    /// <summary>May this member of staff be given data of this beneficiary now?</summary>
    public Task<GuardDecision> AdmitAsync(StaffActor staff, Guid beneficiaryId, CancellationToken cancellation) =>
        AdmitAsync(Reader.Of(staff), _options.Value.CapForRole(staff.Role), beneficiaryId, cancellation);

    private async Task<GuardDecision> AdmitAsync(Reader reader, GuardCap cap, Guid beneficiaryId, CancellationToken cancellation)
    {
        var now = Now();
        var dayAgo = now - Day;
        var seen = await Mine(reader).Where(d => d.OccurredAt > dayAgo)
            .GroupBy(d => d.BeneficiaryId)
            .Select(g => new { Beneficiary = g.Key, First = g.Min(d => d.OccurredAt) })
            .ToListAsync(cancellation);
        if (seen.Any(s => s.Beneficiary == beneficiaryId))
        {
            return GuardDecision.Allow; // the same person again: no one new is reached
        }

        var lastHour = seen.Where(s => s.First > now - Hour).Select(s => s.First).ToList();
        if (lastHour.Count >= cap.PerHour)
        {
            return GuardDecision.Throttle("hourly-cap", lastHour.Min() + Hour - now);
        }

        return seen.Count >= cap.PerDay
            ? GuardDecision.Throttle("daily-cap", seen.Min(s => s.First) + Day - now)
            : GuardDecision.Allow;
    }

    private IQueryable<DisclosureRecord> Mine(Reader reader) => reader.Kind switch
    {
        ActorKinds.Client => _db.Disclosures.AsNoTracking().Where(d => d.ActorKind == ActorKinds.Client && d.ClientId == reader.ClientId),
        _ => _db.Disclosures.AsNoTracking().Where(d => d.ActorKind == reader.Kind && d.AccountId == reader.AccountId),
    };

    private DateTime Now() => _time.GetUtcNow().UtcDateTime;
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
