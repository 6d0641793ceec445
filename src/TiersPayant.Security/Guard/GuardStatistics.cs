using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;

namespace TiersPayant.Security.Guard;

/// <summary>
/// Counts for the security console's evidence and charts, from the guard's reserved counts and
/// unknown cards: how many, when; never whom.
/// </summary>
public sealed class GuardStatistics(TiersPayantDbContext db)
{
    /// <summary>New distinct people reached by <paramref name="scope"/> per clock hour (UTC) in [from, to).</summary>
    public async Task<IReadOnlyList<HourCount>> ReachPerHourAsync(string scope, DateTime from, DateTime to, CancellationToken cancellation)
    {
        var times = await db.GuardReach.AsNoTracking().Where(r => r.Scope == scope && r.FirstAt >= from && r.FirstAt < to)
            .Select(r => r.FirstAt).ToListAsync(cancellation);
        var misses = await db.MatchFailures.AsNoTracking().Where(m => m.ActorKey == scope && m.OccurredAt >= from && m.OccurredAt < to)
            .Select(m => m.OccurredAt).ToListAsync(cancellation);
        var start = new DateTime(from.Year, from.Month, from.Day, from.Hour, 0, 0, DateTimeKind.Utc);
        var hours = new List<HourCount>();
        for (var hour = start; hour < to; hour = hour.AddHours(1))
        {
            var end = hour.AddHours(1);
            hours.Add(new HourCount(hour, times.Count(t => t >= hour && t < end), misses.Count(t => t >= hour && t < end)));
        }

        return hours;
    }

    /// <summary>
    /// The whole platform hour by hour (UTC) in [from, to): requests about a person, new distinct
    /// people reached per profession (counted per practice), cards that matched nobody, failed logins.
    /// </summary>
    public async Task<PlatformHours> PlatformPerHourAsync(DateTime from, DateTime to, CancellationToken cancellation)
    {
        var professions = await db.Practices.AsNoTracking().ToDictionaryAsync(p => "practice:" + p.Id.ToString("N"), p => p.Profession, cancellation);
        var reached = await db.GuardReach.AsNoTracking().Where(r => r.Scope.StartsWith("practice:") && r.FirstAt >= from && r.FirstAt < to)
            .Select(r => new { r.Scope, r.FirstAt }).ToListAsync(cancellation);
        var misses = await db.MatchFailures.AsNoTracking().Where(m => m.OccurredAt >= from && m.OccurredAt < to).Select(m => m.OccurredAt).ToListAsync(cancellation);
        var disclosures = await db.Disclosures.AsNoTracking().Where(d => d.OccurredAt >= from && d.OccurredAt < to && d.ActorKind != ActorKinds.System)
            .Select(d => d.OccurredAt).ToListAsync(cancellation);
        var logins = await db.LoginFailures.AsNoTracking().Where(f => f.OccurredAt >= from && f.OccurredAt < to).Select(f => f.OccurredAt).ToListAsync(cancellation);
        var start = new DateTime(from.Year, from.Month, from.Day, from.Hour, 0, 0, DateTimeKind.Utc);
        var hours = Enumerable.Range(0, (int)Math.Ceiling((to - start).TotalHours)).Select(h => start.AddHours(h)).ToList();
        int Slot(DateTime t) => (int)(t - start).TotalHours;
        var people = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var r in reached)
        {
            var profession = professions.GetValueOrDefault(r.Scope, "?");
            if (!people.TryGetValue(profession, out var counts))
            {
                people[profession] = counts = new int[hours.Count];
            }

            counts[Slot(r.FirstAt)]++;
        }

        var noMatch = new int[hours.Count];
        misses.ForEach(m => noMatch[Slot(m)]++);
        var failures = new int[hours.Count];
        logins.ForEach(l => failures[Slot(l)]++);
        var requests = (int[])noMatch.Clone();
        disclosures.ForEach(d => requests[Slot(d)]++);
        return new PlatformHours(hours, people, noMatch, failures, requests);
    }

    /// <summary>The learned baseline of a scope (<c>account:ID</c>, <c>client:ID</c>, <c>practice:ID</c>, <c>profession:CODE</c>), if any.</summary>
    public Task<Data.Guard.GuardBaselineRecord?> BaselineAsync(string scope, CancellationToken cancellation) =>
        db.GuardBaselines.AsNoTracking().SingleOrDefaultAsync(b => b.Scope == scope, cancellation);
}

/// <summary>The platform hour by hour: people reached per profession, unknown cards, failed logins.</summary>
/// <param name="Hours">The first instant (UTC) of each hour.</param>
/// <param name="PeopleByProfession">New distinct people per hour, by the practices' profession.</param>
/// <param name="NoMatch">Cards that matched nobody per hour.</param>
/// <param name="LoginFailures">Failed password steps per hour.</param>
/// <param name="Requests">Requests about a person: the disclosures made and the cards that matched nobody.</param>
public sealed record PlatformHours(IReadOnlyList<DateTime> Hours, IReadOnlyDictionary<string, int[]> PeopleByProfession, int[] NoMatch, int[] LoginFailures, int[] Requests);

/// <summary>One clock hour: new distinct people reached, and cards that matched nobody.</summary>
public sealed record HourCount(DateTime Hour, int People, int NoMatch);
