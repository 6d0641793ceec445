using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Guard;
using TiersPayant.Data.Protection;

namespace TiersPayant.Security.Guard;

/// <summary>The guard's decisions for a chunk of a batch (the batch door of <see cref="GuardedBeneficiaries"/>).</summary>
public sealed partial class AccessGuard
{
    /// <summary>
    /// Whether a chunk of a batch may take the batch door's quick way: the caller is not contained
    /// and no card it presented matched nobody within the hour. Then nothing decided before a match
    /// refuses (no miss cap, no card to weigh), just as <see cref="BeforeMatchAsync"/> would allow.
    /// </summary>
    internal async Task<bool> QuietBatchAsync(Actor actor, CancellationToken cancellation)
    {
        var reader = Reader.Of(actor);
        if (reader.Channel != Channels.Batch || _options.Value.BatchNoMatchPerHour <= 0 || await ContainedAsync(reader, cancellation))
        {
            return false;
        }

        return (await Detector.MissesAsync(_db, reader, null, await MissesSinceAsync(reader, cancellation), cancellation)).Count == 0;
    }

    /// <summary>
    /// The batch door's decision for a chunk's people, in file order, as <see cref="AdmitAsync(Actor, Guid, GuardTags?, CancellationToken)"/>
    /// would take them one after the other (the detector does not score a batch): one read of who
    /// was already reached, one lock and tally for the practice, and the new people reserved together
    /// up to the first one a cap would refuse. Returns how many of <paramref name="people"/> (a
    /// prefix) are allowed; the caller takes the rest card by card, which refuses and records as usual.
    /// </summary>
    internal async Task<int> AdmitBatchAsync(Actor actor, IReadOnlyList<(Guid Id, GuardTags Tags)> people, CancellationToken cancellation)
    {
        var reader = Reader.Of(actor);
        if (people.Count == 0 || reader.Channel != Channels.Batch || await ContainedAsync(reader, cancellation))
        {
            return 0;
        }

        var cap = _options.Value.CapFor(actor.Profession, actor.Channel);
        var now = Now();
        var (tenAgo, hourAgo, dayAgo) = (now - TenMinutes, now - Hour, now - Day);
        var windows = await WindowsAsync(reader, dayAgo, cancellation);
        var (own, last) = (windows[0], windows[^1]);
        var ids = people.Select(p => p.Id).Distinct().ToList();
        await using var db = new TiersPayantDbContext(_own);
        var inWindows = db.GuardReach.AsNoTracking()
            .Where(r => (r.Scope == own.Scope && r.FirstAt > own.Since) || (r.Scope == last.Scope && r.FirstAt > last.Since));
        var reached = inWindows.Where(r => ids.Contains(r.BeneficiaryId)).Select(r => new { r.Scope, r.BeneficiaryId }).Distinct();
        var known = (await reached.ToListAsync(cancellation)).Select(r => (r.Scope, r.BeneficiaryId)).ToHashSet();
        if (ids.All(id => windows.All(w => known.Contains((w.Scope, id)))))
        {
            return people.Count;
        }

        await _scopes.EnsureAsync(last.Scope, cancellation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        await db.GuardScopes.Where(s => s.Scope == last.Scope)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Decisions, x => x.Decisions + 1), cancellation);

        // Under the lock: who was reached meanwhile, and each scope's counts.
        known = (await reached.ToListAsync(cancellation)).Select(r => (r.Scope, r.BeneficiaryId)).ToHashSet();
        var counts = (await inWindows.GroupBy(r => r.Scope)
                .Select(g => new { g.Key, Counts = new ReachCounts(g.Count(r => r.FirstAt > tenAgo), g.Count(r => r.FirstAt > hourAgo), g.Count()) })
                .ToListAsync(cancellation))
            .ToDictionary(t => t.Key, t => t.Counts);
        var network = NetworkOf(reader);
        var allowed = 0;
        foreach (var (id, tags) in people)
        {
            var fresh = windows.Where(w => !known.Contains((w.Scope, id))).ToList();
            if (fresh.Any(w => counts.GetValueOrDefault(w.Scope) is { } c && (c.Hour >= cap.PerHour || c.Day >= cap.PerDay)))
            {
                break; // this one is refused: decided (and recorded) card by card, with everything after it
            }

            foreach (var w in fresh)
            {
                var c = counts.GetValueOrDefault(w.Scope) ?? new ReachCounts(0, 0, 0);
                counts[w.Scope] = new ReachCounts(c.TenMinutes + 1, c.Hour + 1, c.Day + 1);
                known.Add((w.Scope, id));
                db.GuardReach.Add(new GuardReachRecord
                {
                    Id = Guid.CreateVersion7(), Scope = w.Scope, BeneficiaryId = id, FirstAt = now, Network = network, MemberTag = tags.Member, BlockTag = tags.Block,
                });
            }

            allowed++;
        }

        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return allowed;
    }
}
