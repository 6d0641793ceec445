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

    /// <summary>The learned baseline of a scope (<c>account:ID</c>, <c>client:ID</c>, <c>practice:ID</c>, <c>profession:CODE</c>), if any.</summary>
    public Task<Data.Guard.GuardBaselineRecord?> BaselineAsync(string scope, CancellationToken cancellation) =>
        db.GuardBaselines.AsNoTracking().SingleOrDefaultAsync(b => b.Scope == scope, cancellation);
}

/// <summary>One clock hour: new distinct people reached, and cards that matched nobody.</summary>
public sealed record HourCount(DateTime Hour, int People, int NoMatch);
