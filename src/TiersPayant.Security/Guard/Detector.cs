using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TiersPayant.Data;
using TiersPayant.Data.Protection;

namespace TiersPayant.Security.Guard;

/// <summary>
/// The detector inside the guard's decision: for an account or an API client about to reach a
/// new person (or presenting a card), the signals of harvesting, each worth points, read from the
/// state every node shares (reserved counts, unknown cards, follow-ups, learned baselines):
/// <list type="bullet">
/// <item>distinct people in ten minutes, an hour, a day, against the scope's own busiest (or its profession's);</item>
/// <item>new people at machine speed or at machine-regular intervals; from two networks at once;</item>
/// <item>cards that match nobody, one birth date tried again and again, membership numbers that follow one another;</item>
/// <item>rights checks never followed by an agreement or an invoice where the profession follows up;</item>
/// <item>outside the practice's hours, from a network the scope never used.</item>
/// </list>
/// Everything it says is explainable: each signal carries its evidence, in counts, never whom.
/// </summary>
internal sealed class Detector(GuardBaselines baselines, IOptions<GuardOptions> options)
{
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>Whether the detector runs at all.</summary>
    public bool Enabled => options.Value.Detection.Enabled;

    /// <summary>
    /// The signals of a reader about to reach one more person, given what its own scope reached
    /// since <c>since</c> (a day ago, or when the security team gave it back), and the reader's
    /// misses within the hour when the caller already counted them for this card.
    /// </summary>
    public async Task<Assessment> AssessReachAsync(
        TiersPayantDbContext db, Reader reader, Candidate candidate, ReachCounts counts, DateTime since, DateTime now, MissCounts? misses, CancellationToken cancellation)
    {
        var detection = options.Value.Detection;
        var norms = detection.NormsFor(reader.CapTag);
        var own = await baselines.GetAsync(db, reader.CounterKey, cancellation);
        var practice = reader.PracticeId is { } id ? await baselines.GetAsync(db, "practice:" + id.ToString("N"), cancellation) : null;
        var profession = await baselines.GetAsync(db, "profession:" + reader.CapTag, cancellation);
        var (learned, basis) = own is { } o && o.ActiveDays >= detection.MinActiveDays ? (o, "its own last weeks")
            : profession is { ActiveDays: >= 3 } p ? (p, "its profession's practices")
            : (null, "the profession's floor");

        var signals = new List<Signal>();
        Level(signals, "burst", counts.TenMinutes + 1, Limit(norms.TenMinutes, learned?.MaxTenMinutes, detection), "in ten minutes", basis);
        Level(signals, "hour-above-usual", counts.Hour + 1, Limit(norms.Hourly, learned?.MaxHourly, detection), "in an hour", basis);
        Level(signals, "day-above-usual", counts.Day + 1, Limit(norms.Daily, learned?.MaxDaily, detection), "in 24 hours", basis);

        var recent = await db.GuardReach.AsNoTracking()
            .Where(r => r.Scope == reader.CounterKey && r.FirstAt > since)
            .OrderByDescending(r => r.FirstAt).Take(8).Select(r => new { r.FirstAt, r.Network }).ToListAsync(cancellation);
        var times = new List<DateTime> { now };
        times.AddRange(recent.Select(r => r.FirstAt));
        if (times.Count >= 5 && times[0] - times[4] < TimeSpan.FromSeconds(15))
        {
            // Five different cards in fifteen seconds: no one types that fast at a counter (through the
            // portal's form it is a script holding a session: contained on its own; software slows down first).
            signals.Add(new Signal("machine-speed", reader.Channel == Channels.Portal ? 100 : 50,
                Invariant($"5 new people in {(times[0] - times[4]).TotalSeconds:0.0} s")));
        }
        else if (times.Count >= 8 && Regular(times) is { } regular)
        {
            signals.Add(new Signal("regular-intervals", 40, regular));
        }

        var elsewhere = recent.Where(r => r.FirstAt > now - TenMinutes && r.Network is not null && r.Network != candidate.Network)
            .Select(r => r.Network!).Distinct(StringComparer.Ordinal).ToList();
        if (candidate.Network is not null && elsewhere.Count > 0)
        {
            signals.Add(new Signal("two-networks", 50, $"reached from {candidate.Network} and {elsewhere[0]} within ten minutes"));
        }

        var hourSince = Later(since, now - Hour);
        misses ??= await MissesAsync(db, reader, candidate.Tags, hourSince, cancellation);
        signals.AddRange(await CardSignalsAsync(db, reader, candidate.Tags, misses, counts.Hour + 1, hourSince, cancellation));

        if (norms.FollowsUp && reader.PracticeId is { } practiceId && practice?.FollowUpPerMille is null or -1 or >= 500)
        {
            var cutoff = now - TimeSpan.FromMinutes(norms.FollowUpMinutes);
            var old = db.GuardReach.AsNoTracking().Where(r => r.Scope == reader.CounterKey && r.FirstAt > since && r.FirstAt < cutoff);
            var reached = await old.CountAsync(cancellation);
            if (reached >= 5)
            {
                var followed = await old.CountAsync(r =>
                    db.Claims.Any(c => c.PracticeId == practiceId && c.BeneficiaryId == r.BeneficiaryId)
                    || db.Agreements.Any(a => a.PracticeId == practiceId && a.BeneficiaryId == r.BeneficiaryId), cancellation);
                if (followed * 4 < reached)
                {
                    signals.Add(new Signal("no-follow-up", 50, Invariant(
                        $"{reached - followed} of {reached} people checked more than {norms.FollowUpMinutes} minutes ago were followed by no agreement or invoice")));
                }
            }
        }

        var hours = practice ?? own;
        if (hours is not null && hours.ActiveDays >= detection.MinActiveDays && OffHours(hours.Hours, now))
        {
            signals.Add(new Signal("off-hours", 25, "outside the hours the practice has worked in the last weeks"));
        }

        if (own is not null && own.ActiveDays >= detection.MinActiveDays && candidate.Network is { } network
            && !own.Networks.Split(',').Contains(network, StringComparer.Ordinal))
        {
            signals.Add(new Signal("new-network", 25, $"from {network}, a network not used in the last weeks"));
        }

        return new Assessment(signals);
    }

    /// <summary>
    /// The signals of a card presented before anyone is looked for: guessing, within the hour from
    /// <paramref name="since"/>, given the reader's <paramref name="misses"/> counted from then.
    /// </summary>
    public async Task<Assessment> AssessCardAsync(
        TiersPayantDbContext db, Reader reader, GuardTags? tags, MissCounts misses, DateTime since, DateTime now, CancellationToken cancellation)
    {
        var hour = await db.GuardReach.AsNoTracking().CountAsync(r => r.Scope == reader.CounterKey && r.FirstAt > since, cancellation);
        return new Assessment(await CardSignalsAsync(db, reader, tags, misses, hour, since, cancellation));
    }

    /// <summary>
    /// A reader's cards that matched nobody since <paramref name="since"/>, counted in one query:
    /// how many, the first one's time, and how many share the presented card's birth date.
    /// </summary>
    public static async Task<MissCounts> MissesAsync(TiersPayantDbContext db, Reader reader, GuardTags? card, DateTime since, CancellationToken cancellation)
    {
        var birth = card?.Birth;
        return await db.MatchFailures.AsNoTracking()
            .Where(m => m.ActorKey == reader.CounterKey && m.OccurredAt > since)
            .GroupBy(m => 1)
            .Select(g => new MissCounts(g.Count(), g.Min(m => m.OccurredAt), g.Count(m => m.BirthTag == birth)))
            .SingleOrDefaultAsync(cancellation) ?? MissCounts.None;
    }

    // Cards that match nobody, the same birth date again and again, numbers that follow one another.
    private static async Task<List<Signal>> CardSignalsAsync(
        TiersPayantDbContext db, Reader reader, GuardTags? tags, MissCounts misses, int reachedInHour, DateTime since, CancellationToken cancellation)
    {
        var signals = new List<Signal>();
        var missed = misses.Count;
        if (missed >= 10 && missed >= 3 * reachedInHour)
        {
            signals.Add(new Signal("no-match-share", 70, Invariant($"{missed} cards matching nobody in an hour, against {reachedInHour} people found")));
        }
        else if (missed >= 5 && missed >= reachedInHour)
        {
            signals.Add(new Signal("no-match-share", 40, Invariant($"{missed} cards matching nobody in an hour, against {reachedInHour} people found")));
        }

        if (tags is null)
        {
            return signals;
        }

        if (misses.SameBirth >= 4)
        {
            signals.Add(new Signal("birth-date-repeat", 50, Invariant($"one birth date presented with {misses.SameBirth} identities that matched nobody in an hour")));
        }

        // Neighbouring numbers that match are common enough (a collective contract's employees were
        // numbered together): a sequence is three with a guess among them, or five found. The
        // numbers found and the numbers guessed in the presented card's block, in one query.
        var found = db.GuardReach.AsNoTracking()
            .Where(r => r.Scope == reader.CounterKey && r.FirstAt > since && r.BlockTag == tags.Block && r.MemberTag != tags.Member)
            .Select(r => new { Tag = r.MemberTag!, Guessed = false });
        var guesses = db.MatchFailures.AsNoTracking()
            .Where(m => m.ActorKey == reader.CounterKey && m.OccurredAt > since && m.BlockTag == tags.Block && m.MemberTag != tags.Member)
            .Select(m => new { Tag = m.MemberTag!, Guessed = true });
        var block = await found.Union(guesses).ToListAsync(cancellation);
        var guessed = block.Count(b => b.Guessed);
        var numbers = block.Select(b => b.Tag).Distinct(StringComparer.Ordinal).Count() + 1;
        if ((numbers >= 3 && guessed > 0) || block.Count(b => !b.Guessed) + 1 >= 5)
        {
            signals.Add(new Signal("sequence", 60, Invariant($"{numbers} membership numbers of one block of ten presented within an hour, {guessed} of them matching nobody")));
        }

        return signals;
    }

    private static void Level(List<Signal> signals, string code, int count, int limit, string window, string basis)
    {
        if (count > limit)
        {
            signals.Add(new Signal(code, count > 2 * limit ? 70 : 35, Invariant($"{count} distinct people {window}, where at most {limit} is usual ({basis})")));
        }
    }

    private static int Limit(int floor, int? learned, DetectionOptions detection) =>
        Math.Max(floor, learned is { } busiest ? (int)Math.Ceiling(busiest * detection.Headroom) : 0);

    // Seven intervals within a tenth of their mean of each other, under ten minutes: a script's sleep.
    private static string? Regular(List<DateTime> times)
    {
        var gaps = Enumerable.Range(0, 7).Select(i => (times[i] - times[i + 1]).TotalSeconds).ToArray();
        var mean = gaps.Average();
        var deviation = Math.Sqrt(gaps.Sum(g => (g - mean) * (g - mean)) / gaps.Length);
        return mean is >= 1 and <= 600 && deviation < 0.1 * mean
            ? Invariant($"7 intervals between new people of {mean:0.0} s ± {deviation:0.0} s")
            : null;
    }

    private static bool OffHours(string week, DateTime now)
    {
        var hour = GuardBaselines.HourOfWeek(now);
        return week.Length == 168 && week[hour] == '0' && week[(hour + 167) % 168] == '0' && week[(hour + 1) % 168] == '0';
    }

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The person about to be reached, as the detector sees them: tags, never values.</summary>
internal sealed record Candidate(Guid BeneficiaryId, GuardTags? Tags, string? Network);

/// <summary>A reader's cards that matched nobody in a window: how many, the first one's time, how many with the presented birth date.</summary>
internal sealed record MissCounts(int Count, DateTime First, int SameBirth)
{
    public static MissCounts None { get; } = new(0, DateTime.MinValue, 0);
}

/// <summary>Distinct people the scope already reached in the last ten minutes, hour and day.</summary>
internal sealed record ReachCounts(int TenMinutes, int Hour, int Day);

/// <summary>One signal: a stable code, its points and its evidence (counts, never people).</summary>
internal sealed record Signal(string Code, int Points, string Evidence);

/// <summary>What the detector found: the signals, their score, and the reason and evidence kept.</summary>
internal sealed class Assessment(IReadOnlyList<Signal> signals)
{
    public IReadOnlyList<Signal> Signals => signals;

    public int Score => signals.Sum(s => s.Points);

    /// <summary>The signals' codes, strongest first, as the recorded reason (at most 40 characters).</summary>
    public string Reason
    {
        get
        {
            var reason = string.Empty;
            foreach (var code in signals.OrderByDescending(s => s.Points).Select(s => s.Code))
            {
                var longer = reason.Length == 0 ? code : reason + "+" + code;
                if (longer.Length > 40)
                {
                    break;
                }

                reason = longer;
            }

            return reason;
        }
    }

    /// <summary>Every signal's evidence, with its points.</summary>
    public string Evidence => string.Join("; ", signals.OrderByDescending(s => s.Points).Select(s => $"{s.Code} (+{s.Points}): {s.Evidence}"));
}
