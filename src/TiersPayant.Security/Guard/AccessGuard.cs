using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TiersPayant.Data;
using TiersPayant.Data.Guard;
using TiersPayant.Data.Protection;
using TiersPayant.Security.Audit;

namespace TiersPayant.Security.Guard;

/// <summary>
/// The access decision on the guarded data path: allow or throttle, for one reader and one
/// beneficiary, before anything of that beneficiary is read out. Hard caps on distinct
/// beneficiaries per rolling hour and day, per profession for professionals and per role for
/// staff, counted for the caller (account or API client) and for its whole practice (a portal
/// account and the practice's software share one budget); and a cap on cards that match nobody.
/// Counts are reserved, not read: the decision runs in a transaction that first takes the
/// practice's (or staff member's) lock row, so on every node sharing the database two racing
/// requests never both take the last place. Every throttle is kept in the guard's event log.
/// </summary>
public sealed partial class AccessGuard
{
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private readonly TiersPayantDbContext _db;
    private readonly DbContextOptions<TiersPayantDbContext> _own;
    private readonly DisclosureLog _log;
    private readonly GuardScopes _scopes;
    private readonly Containments _containments;
    private readonly IOptions<GuardOptions> _options;
    private readonly IOptions<Accounts.SessionBindingOptions> _binding;
    private readonly Detector _detector;
    private readonly TimeProvider _time;
    private readonly ILogger<AccessGuard> _logger;

    // This request's count of the presented card's misses, taken before the match (the guard is scoped to one request).
    private (string Key, GuardTags? Card, MissCounts Counts)? _misses;

    internal AccessGuard(
        TiersPayantDbContext db, DbContextOptions<TiersPayantDbContext> own, DisclosureLog log, GuardScopes scopes, Containments containments,
        Detector detector, IOptions<GuardOptions> options, IOptions<Accounts.SessionBindingOptions> binding, TimeProvider time, ILogger<AccessGuard> logger) =>
        (_db, _own, _log, _scopes, _containments, _detector, _options, _binding, _time, _logger) = (db, own, log, scopes, containments, detector, options, binding, time, logger);

    /// <summary>Before looking for anyone: an actor that keeps presenting unknown cards waits, and one guessing is contained.</summary>
    internal async Task<GuardDecision> BeforeMatchAsync(Actor actor, GuardTags? card, CancellationToken cancellation)
    {
        var reader = Reader.Of(actor);
        if (await ContainedAsync(reader, cancellation))
        {
            return Contained;
        }

        var since = await MissesSinceAsync(reader, cancellation);
        // Counted in the database, one row back: an actor may have missed thousands of times this hour.
        var misses = await Detector.MissesAsync(_db, reader, card, since, cancellation);
        _misses = (reader.CounterKey, card, misses);
        if (_detector.Enabled && misses.Count > 0)
        {
            await using var db = new TiersPayantDbContext(_own);
            var assessment = await _detector.AssessCardAsync(db, reader, card, misses, since, Now(), cancellation);
            if (await DecideAsync(db, reader, assessment, cancellation) is { } detected)
            {
                return await ActAsync(reader, detected, assessment, cancellation);
            }
        }

        if (misses.Count < (reader.Channel == Channels.Batch ? _options.Value.BatchNoMatchPerHour : _options.Value.NoMatchPerHour))
        {
            return GuardDecision.Allow;
        }

        var decision = GuardDecision.Throttle("no-match-cap", misses.First + Hour - Now());
        await RecordAsync(reader, decision, null, cancellation);
        return decision;
    }

    /// <summary>Counts a presented card that matched nobody, durably, with its keyed tags.</summary>
    internal Task RecordMissAsync(Actor actor, GuardTags? card, CancellationToken cancellation)
    {
        var reader = Reader.Of(actor);
        return _log.RecordMissAsync(reader.CounterKey, NetworkOf(reader), card, cancellation);
    }

    /// <summary>May this professional's actor be given data of this beneficiary now?</summary>
    public Task<GuardDecision> AdmitAsync(Actor actor, Guid beneficiaryId, CancellationToken cancellation) =>
        AdmitAsync(Reader.Of(actor), _options.Value.CapFor(actor.Profession, actor.Channel), beneficiaryId, null, cancellation);

    /// <summary>May this professional's actor be given data of this beneficiary, whose card has these tags, now?</summary>
    internal Task<GuardDecision> AdmitAsync(Actor actor, Guid beneficiaryId, GuardTags? tags, CancellationToken cancellation) =>
        AdmitAsync(Reader.Of(actor), _options.Value.CapFor(actor.Profession, actor.Channel), beneficiaryId, tags, cancellation);

    /// <summary>May this member of staff be given data of this beneficiary now?</summary>
    public Task<GuardDecision> AdmitAsync(StaffActor staff, Guid beneficiaryId, CancellationToken cancellation) =>
        AdmitAsync(Reader.Of(staff), _options.Value.CapForRole(staff.Role), beneficiaryId, null, cancellation);

    private async Task<GuardDecision> AdmitAsync(Reader reader, GuardCap cap, Guid beneficiaryId, GuardTags? tags, CancellationToken cancellation)
    {
        if (await ContainedAsync(reader, cancellation))
        {
            return Contained;
        }

        var now = Now();
        var (tenAgo, hourAgo, dayAgo) = (now - TenMinutes, now - Hour, now - Day);
        var windows = await WindowsAsync(reader, dayAgo, cancellation);
        var (own, last) = (windows[0], windows[^1]);
        var lockScope = last.Scope;

        // Someone this caller and its practice already reached is no one new in any scope: allowed
        // without a reservation (a committed row only ever leaves the window by aging). Read
        // through the index on (scope, person), without taking the lock.
        await using var db = new TiersPayantDbContext(_own);
        var inWindows = db.GuardReach.AsNoTracking()
            .Where(r => (r.Scope == own.Scope && r.FirstAt > own.Since) || (r.Scope == last.Scope && r.FirstAt > last.Since));
        var reachedIn = await inWindows.Where(r => r.BeneficiaryId == beneficiaryId).Select(r => r.Scope).Distinct().ToListAsync(cancellation);
        if (windows.All(w => reachedIn.Contains(w.Scope)))
        {
            return GuardDecision.Allow;
        }

        await _scopes.EnsureAsync(lockScope, cancellation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        await db.GuardScopes.Where(s => s.Scope == lockScope)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Decisions, x => x.Decisions + 1), cancellation);

        // Under the lock, in one query for both scopes: whether this person was reached meanwhile, and the counts.
        var tallies = await inWindows.GroupBy(r => r.Scope)
            .Select(g => new Tally(g.Key, g.Count(r => r.BeneficiaryId == beneficiaryId), new ReachCounts(g.Count(r => r.FirstAt > tenAgo), g.Count(r => r.FirstAt > hourAgo), g.Count())))
            .ToListAsync(cancellation);
        var network = NetworkOf(reader);
        foreach (var (scope, prefix, since) in windows)
        {
            var reach = db.GuardReach.AsNoTracking().Where(r => r.Scope == scope && r.FirstAt > since);
            var tally = tallies.SingleOrDefault(t => t.Scope == scope);
            if (tally is { Again: > 0 })
            {
                continue; // the same person again: no one new is reached in this scope
            }

            var counts = tally?.Counts ?? new ReachCounts(0, 0, 0);
            var decision = counts.Hour >= cap.PerHour
                ? GuardDecision.Throttle(prefix + "hourly-cap", await reach.Where(r => r.FirstAt > hourAgo).MinAsync(r => r.FirstAt, cancellation) + Hour - now)
                : counts.Day >= cap.PerDay
                ? GuardDecision.Throttle(prefix + "daily-cap", await reach.MinAsync(r => r.FirstAt, cancellation) + Day - now)
                : null;

            if (decision is not null)
            {
                await transaction.RollbackAsync(cancellation);
                if (decision.Reason == "daily-cap" && reader.Kind is ActorKinds.Account or ActorKinds.Client)
                {
                    // One credential past a whole day's hard cap is harvesting, not a busy day: contained, not throttled.
                    await _containments.ContainAsync(reader, "daily-cap", string.Create(CultureInfo.InvariantCulture,
                        $"{cap.PerDay} distinct people reached in 24 hours (the hard cap of {reader.CapTag}), and one more asked; {counts.Hour} in the last hour; through {reader.Channel} from {reader.SourceAddress}."),
                        cancellation);
                    return Contained;
                }

                await RecordAsync(reader, decision, null, cancellation);
                return decision;
            }

            // The detector scores interactive lookups; a batch is machine-speed by design and bounded by its hard caps.
            if (prefix.Length == 0 && _detector.Enabled && reader.Kind is ActorKinds.Account or ActorKinds.Client && reader.Channel != Channels.Batch)
            {
                // The card's misses as counted before the match, a moment ago in this request, if it was this card.
                var known = _misses is { } m && m.Key == reader.CounterKey && Equals(m.Card, tags) ? m.Counts : null;
                var assessment = await _detector.AssessReachAsync(db, reader, new Candidate(beneficiaryId, tags, network), counts, since, now, known, cancellation);
                if (await DecideAsync(db, reader, assessment, cancellation) is { } detected)
                {
                    await transaction.RollbackAsync(cancellation);
                    return await ActAsync(reader, detected, assessment, cancellation);
                }
            }

            db.GuardReach.Add(new GuardReachRecord
            {
                Id = Guid.CreateVersion7(), Scope = scope, BeneficiaryId = beneficiaryId, FirstAt = now, Network = network, MemberTag = tags?.Member, BlockTag = tags?.Block,
            });
        }

        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return GuardDecision.Allow;
    }

    // The caller's own scope, then its practice's: the practice's lock row serialises both. A batch
    // counts against its practice's batch budget, apart from the interactive one. An account or
    // client the security team gave back starts its own counts again from then.
    private async Task<Window[]> WindowsAsync(Reader reader, DateTime dayAgo, CancellationToken cancellation)
    {
        var restored = await _containments.RestoredAtAsync(reader.CounterKey, cancellation);
        var own = new Window(reader.CounterKey, string.Empty, restored is { } at && at > dayAgo ? at : dayAgo);
        var practiceScope = reader.Channel == Channels.Batch ? "practice-batch:" : "practice:";
        return reader.PracticeId is { } practice ? [own, new Window(practiceScope + practice.ToString("N"), "practice-", dayAgo)] : [own];
    }

    // The caller, or the API client it acts through, is contained: nothing is given.
    private async ValueTask<bool> ContainedAsync(Reader reader, CancellationToken cancellation) =>
        await _containments.IsContainedAsync(reader.CounterKey, cancellation)
        || (reader.ClientKey is { } client && await _containments.IsContainedAsync(client, cancellation));

    // Where the hour of unknown cards starts: an hour ago, or when the security team gave the caller back.
    private async Task<DateTime> MissesSinceAsync(Reader reader, CancellationToken cancellation)
    {
        var restoredAt = await _containments.RestoredAtAsync(reader.CounterKey, cancellation);
        return restoredAt is { } r && r > Now() - Hour ? r : Now() - Hour;
    }

    /// <summary>
    /// Forgets reserved counts and unknown cards older than <paramref name="before"/> (the guard
    /// reads at most a day of them; the rest is kept for baselines, <see cref="GuardOptions.RetentionDays"/>).
    /// Every node may run it: deleting rows already deleted is harmless. Returns the rows deleted.
    /// </summary>
    public async Task<int> PruneAsync(DateTime before, CancellationToken cancellation)
    {
        await using var db = new TiersPayantDbContext(_own);
        var reach = await db.GuardReach.Where(r => r.FirstAt < before).ExecuteDeleteAsync(cancellation);
        var misses = await db.MatchFailures.Where(m => m.OccurredAt < before).ExecuteDeleteAsync(cancellation);
        var logins = await db.LoginFailures.Where(f => f.OccurredAt < before).ExecuteDeleteAsync(cancellation);
        return reach + misses + logins;
    }

    // What the detector's score calls for: nothing (null), a step-up (a portal session), a throttle
    // (an API client) or containment; a session that passed a step-up lately is only contained.
    private async Task<GuardOutcome?> DecideAsync(TiersPayantDbContext db, Reader reader, Assessment assessment, CancellationToken cancellation)
    {
        var detection = _options.Value.Detection;
        if (assessment.Score >= detection.ContainScore)
        {
            return GuardOutcome.Deny;
        }

        if (assessment.Score < detection.StepUpScore)
        {
            return null;
        }

        if (reader.Channel == Channels.Portal && reader.Kind == ActorKinds.Account && reader.SessionId is { } session)
        {
            // Compared here: SQLite cannot compare date-time offsets in a query.
            var verifiedAt = await db.Sessions.AsNoTracking().Where(s => s.Id == session).Select(s => s.VerifiedAt).SingleOrDefaultAsync(cancellation);
            return verifiedAt is { } at && at > _time.GetUtcNow().AddHours(-detection.StepUpValidHours) ? null : GuardOutcome.StepUp;
        }

        // An API client slowed down once that keeps reaching for new people is contained.
        var hourAgo = Now() - Hour;
        var slowed = await db.GuardEvents.AsNoTracking().AnyAsync(e =>
            e.OccurredAt > hourAgo && e.Decision == "throttle" && e.Detail != null && e.ActorKind == reader.Kind
            && (reader.Kind == ActorKinds.Client ? e.ClientId == reader.ClientId : e.AccountId == reader.AccountId), cancellation);
        return slowed ? GuardOutcome.Deny : GuardOutcome.Throttle;
    }

    private async Task<GuardDecision> ActAsync(Reader reader, GuardOutcome outcome, Assessment assessment, CancellationToken cancellation)
    {
        var evidence = string.Create(CultureInfo.InvariantCulture, $"{assessment.Evidence}; score {assessment.Score}; through {reader.Channel} from {reader.SourceAddress}.");
        switch (outcome)
        {
            case GuardOutcome.Deny:
                var persisted = assessment.Score < _options.Value.Detection.ContainScore;
                await _containments.ContainAsync(reader, persisted ? Truncate("persisted+" + assessment.Reason, 40) : assessment.Reason,
                    persisted ? "Kept reaching for new people after being slowed down: " + evidence : evidence, cancellation);
                return Contained;
            case GuardOutcome.StepUp:
                await using (var db = new TiersPayantDbContext(_own))
                {
                    var at = new DateTimeOffset(Now(), TimeSpan.Zero);
                    await db.Sessions.Where(s => s.Id == reader.SessionId && s.EndedAt == null)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.GuardStepUpAt, at), cancellation);
                }

                var stepUp = GuardDecision.StepUp(assessment.Reason);
                await RecordAsync(reader, stepUp, evidence, cancellation);
                return stepUp;
            default:
                var throttle = GuardDecision.Throttle(assessment.Reason, TimeSpan.FromMinutes(15));
                await RecordAsync(reader, throttle, evidence, cancellation);
                return throttle;
        }
    }

    private static string Truncate(string value, int length) => value.Length > length ? value[..length] : value;

    private string? NetworkOf(Reader reader) =>
        System.Net.IPAddress.TryParse(reader.SourceAddress, out var address) ? Accounts.SessionPlace.NetworkOf(address, _binding.Value) : null;

    // A refusal leaves a durable trace and a log line, with who and why, never whom.
    private async Task RecordAsync(Reader reader, GuardDecision decision, string? detail, CancellationToken cancellation)
    {
        await using var db = new TiersPayantDbContext(_own);
        db.GuardEvents.Add(new GuardEventRecord
        {
            Id = Guid.CreateVersion7(),
            OccurredAt = Now(),
            Decision = decision.Outcome == GuardOutcome.StepUp ? "step-up" : decision.Outcome.ToString().ToLowerInvariant(),
            Reason = decision.Reason ?? "none",
            ActorKind = reader.Kind,
            AccountId = reader.AccountId,
            ClientId = reader.ClientId,
            PracticeId = reader.PracticeId,
            Role = reader.Role ?? reader.CapTag,
            Channel = reader.Channel,
            SourceAddress = reader.SourceAddress.Length > 45 ? reader.SourceAddress[..45] : reader.SourceAddress,
            Detail = detail is null ? null : Truncate(detail, 400),
        });
        await db.SaveChangesAsync(cancellation);
        _logger.LogWarning("Guard {Decision} {Scope} through {Channel}: {Reason}", decision.Outcome, reader.CounterKey, reader.Channel, decision.Reason);
    }

    // One counting scope of a decision, and where its window starts.
    private sealed record Window(string Scope, string Prefix, DateTime Since);

    // One scope's reach in its window: the person asked for (0 or 1), and the distinct people counted.
    private sealed record Tally(string Scope, int Again, ReachCounts Counts);

    /// <summary>The answer to a contained account or client: no data, whoever is asked for (403).</summary>
    private static GuardDecision Contained { get; } = GuardDecision.Deny("contained");

    private DateTime Now() => _time.GetUtcNow().UtcDateTime;
}
