using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TiersPayant.Data;
using TiersPayant.Data.Guard;

namespace TiersPayant.Security.Guard;

/// <summary>
/// What is usual for each account, API client, practice and profession, learned from the last
/// weeks of the guard's reserved counts (<see cref="DetectionOptions.LearningDays"/>) and kept in
/// <c>guard_baselines</c>, so every node measures against the same thing. Learning runs every hour
/// (and from <c>tiers guard learn</c>); a node rereads a scope's row at most every five minutes.
/// </summary>
public sealed class GuardBaselines(IServiceScopeFactory scopes, IOptions<GuardOptions> options, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    /// <summary>The lock row (<c>guard_scopes</c>) held while the baselines are rewritten.</summary>
    private const string LearningScope = "guard:learning";
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private readonly ConcurrentDictionary<string, (GuardBaselineRecord? Row, long ReadAtTicks)> _cache = new(StringComparer.Ordinal);

    /// <summary>The scope's learned baseline, or null when nothing was learned for it.</summary>
    internal async ValueTask<GuardBaselineRecord?> GetAsync(TiersPayantDbContext db, string scope, CancellationToken cancellation)
    {
        var now = time.GetUtcNow().UtcTicks;
        if (_cache.TryGetValue(scope, out var cached) && now - cached.ReadAtTicks < CacheFor.Ticks)
        {
            return cached.Row;
        }

        var row = await db.GuardBaselines.AsNoTracking().SingleOrDefaultAsync(b => b.Scope == scope, cancellation);
        _cache[scope] = (row, now);
        return row;
    }

    /// <summary>The hour of the week (0 = Monday 00:00 to 01:00, Paris time) of a UTC instant.</summary>
    public static int HourOfWeek(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Paris);
        return ((((int)local.DayOfWeek) + 6) % 7 * 24) + local.Hour;
    }

    /// <summary>Learns every scope's baseline again from the learning window; returns the rows written.</summary>
    public async Task<int> LearnAsync(CancellationToken cancellation)
    {
        var detection = options.Value.Detection;
        var now = time.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-detection.LearningDays);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();

        var practices = await db.Practices.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Profession, cancellation);
        var accounts = await db.Users.AsNoTracking().Where(u => u.PracticeId != null)
            .ToDictionaryAsync(u => u.Id, u => u.PracticeId!.Value, cancellation);
        var followed = new HashSet<(Guid Practice, Guid Beneficiary)>();
        await foreach (var c in db.Claims.AsNoTracking().Where(c => c.CreatedAt > since && c.BeneficiaryId != null).Select(c => new { c.PracticeId, BeneficiaryId = c.BeneficiaryId!.Value }).AsAsyncEnumerable().WithCancellation(cancellation))
        {
            followed.Add((c.PracticeId, c.BeneficiaryId));
        }

        await foreach (var a in db.Agreements.AsNoTracking().Where(a => a.CreatedAt > since).Select(a => new { a.PracticeId, a.BeneficiaryId }).AsAsyncEnumerable().WithCancellation(cancellation))
        {
            followed.Add((a.PracticeId, a.BeneficiaryId));
        }

        var learned = new List<GuardBaselineRecord>();
        var rows = db.GuardReach.AsNoTracking()
            .Where(r => r.FirstAt > since && !r.Scope.StartsWith("staff:"))
            .OrderBy(r => r.Scope).ThenBy(r => r.FirstAt)
            .Select(r => new Reached(r.Scope, r.FirstAt, r.Network, r.BeneficiaryId))
            .AsAsyncEnumerable();
        var current = new List<Reached>();
        await foreach (var row in rows.WithCancellation(cancellation))
        {
            if (current.Count > 0 && current[0].Scope != row.Scope)
            {
                learned.Add(Learn(current, practices, accounts, followed, now));
                current.Clear();
            }

            current.Add(row);
        }

        if (current.Count > 0)
        {
            learned.Add(Learn(current, practices, accounts, followed, now));
        }

        learned.AddRange(ByProfession(learned, detection.MinActiveDays, now));

        await scope.ServiceProvider.GetRequiredService<GuardScopes>().EnsureAsync(LearningScope, cancellation);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
            // Several nodes learn every hour: one rewrite at a time (the learning scope's lock row,
            // held until the commit), or the second one's inserts would meet the first one's rows.
            await db.GuardScopes.Where(s => s.Scope == LearningScope)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Decisions, x => x.Decisions + 1), cancellation);
            await db.GuardBaselines.ExecuteDeleteAsync(cancellation);
            db.GuardBaselines.AddRange(learned);
            await db.SaveChangesAsync(cancellation);
            await transaction.CommitAsync(cancellation);
        });
        _cache.Clear();
        return learned.Count;
    }

    private static GuardBaselineRecord Learn(
        List<Reached> rows, Dictionary<Guid, string> practices, Dictionary<Guid, Guid> accounts, HashSet<(Guid, Guid)> followed, DateTime now)
    {
        var scope = rows[0].Scope;
        Guid? practice = scope.StartsWith("practice:", StringComparison.Ordinal) && Guid.TryParse(scope["practice:".Length..], out var p) ? p
            : scope.StartsWith("account:", StringComparison.Ordinal) && Guid.TryParse(scope["account:".Length..], out var a) && accounts.TryGetValue(a, out var ap) ? ap
            : null;

        var days = new Dictionary<DateOnly, int>();
        var hours = new Dictionary<(DateOnly, int), int>();
        var week = new char[168];
        Array.Fill(week, '0');
        var networks = new Dictionary<string, int>(StringComparer.Ordinal);
        var maxTen = 0;
        var start = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(rows[i].FirstAt, DateTimeKind.Utc), Paris);
            var day = DateOnly.FromDateTime(local);
            days[day] = days.GetValueOrDefault(day) + 1;
            hours[(day, local.Hour)] = hours.GetValueOrDefault((day, local.Hour)) + 1;
            week[HourOfWeek(rows[i].FirstAt)] = '1';
            if (rows[i].Network is { } network)
            {
                networks[network] = networks.GetValueOrDefault(network) + 1;
            }

            while (rows[i].FirstAt - rows[start].FirstAt >= TimeSpan.FromMinutes(10))
            {
                start++;
            }

            maxTen = Math.Max(maxTen, i - start + 1);
        }

        var followedUp = practice is { } id ? rows.Count(r => followed.Contains((id, r.BeneficiaryId))) : -1;
        return new GuardBaselineRecord
        {
            Scope = scope,
            Profession = practice is { } known && practices.TryGetValue(known, out var profession) ? profession : string.Empty,
            ActiveDays = days.Count,
            MaxTenMinutes = maxTen,
            MaxHourly = hours.Values.Max(),
            MaxDaily = days.Values.Max(),
            Hours = new string(week),
            Networks = string.Join(',', networks.OrderByDescending(n => n.Value).Take(20).Select(n => n.Key)),
            FollowUpPerMille = followedUp < 0 ? -1 : (int)(1000L * followedUp / rows.Count),
            ComputedAt = now,
        };
    }

    // A profession's baseline: the 95th percentile of its established practices' busiest periods.
    private static IEnumerable<GuardBaselineRecord> ByProfession(List<GuardBaselineRecord> learned, int minActiveDays, DateTime now) =>
        learned.Where(b => b.Scope.StartsWith("practice:", StringComparison.Ordinal) && b.Profession.Length > 0 && b.ActiveDays >= minActiveDays)
            .GroupBy(b => b.Profession, StringComparer.Ordinal)
            .Select(g => new GuardBaselineRecord
            {
                Scope = "profession:" + g.Key,
                Profession = g.Key,
                ActiveDays = g.Count(),
                MaxTenMinutes = Percentile95(g.Select(b => b.MaxTenMinutes)),
                MaxHourly = Percentile95(g.Select(b => b.MaxHourly)),
                MaxDaily = Percentile95(g.Select(b => b.MaxDaily)),
                Hours = new string([.. Enumerable.Range(0, 168).Select(h => g.Any(b => b.Hours[h] == '1') ? '1' : '0')]),
                Networks = string.Empty,
                FollowUpPerMille = g.Select(b => b.FollowUpPerMille).Order().ElementAt(g.Count() / 2),
                ComputedAt = now,
            });

    private static int Percentile95(IEnumerable<int> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(0.95 * sorted.Length) - 1)];
    }

    private sealed record Reached(string Scope, DateTime FirstAt, string? Network, Guid BeneficiaryId);
}
