using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Data;
using TiersPayant.Data.Audit;
using TiersPayant.Security.Guard;

namespace TiersPayant.Security.Audit;

/// <summary>How the probe writes its records.</summary>
public enum ProbeWrite
{
    /// <summary>Through the disclosure log's appender, as the guarded path does: group commit, the log's head, leaf hashes.</summary>
    MerkleLog,

    /// <summary>A plain insert of the same record, each in its own transaction: a log without a tree.</summary>
    PlainEach,

    /// <summary>A plain insert of the same records, a group per transaction: the group commit's batching without the tree.</summary>
    PlainGrouped,
}

/// <summary>Durable appends a second, and each caller's wait (one record, or one group).</summary>
public sealed record ProbeFigures(int Records, double PerSecond, double P50Milliseconds, double P99Milliseconds);

/// <summary>
/// The benchmark's door to the disclosure log's appender: writes synthetic disclosure records
/// (client <see cref="Client"/>, people drawn from the database's own rows, rights only) on a
/// throw-away platform and times them. It refuses a database whose log holds anything but its own
/// records, so it can never add to a real platform's log.
/// </summary>
public static class DisclosureLogProbe
{
    /// <summary>The client named in every probe record.</summary>
    public const string Client = "tp-probe";

    /// <summary>
    /// <paramref name="records"/> records by <paramref name="callers"/> concurrent callers, each
    /// writing one record (or, <see cref="ProbeWrite.PlainGrouped"/>, <paramref name="group"/>
    /// records) at a time and waiting until it is committed.
    /// </summary>
    /// <exception cref="InvalidOperationException">The log holds records other than the probe's, or the database has no beneficiary.</exception>
    public static async Task<ProbeFigures> AppendAsync(
        IServiceProvider services, ProbeWrite write, int records, int callers, int group = 1, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(records, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(callers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(group, 1);
        group = write == ProbeWrite.PlainGrouped ? group : 1;
        List<(Guid Id, string Insurer)> people;
        long last;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
            if (await db.Disclosures.AnyAsync(d => d.ClientId != Client, cancellation))
            {
                throw new InvalidOperationException("the disclosure log holds real records: the probe runs on a throw-away platform only");
            }

            people = [.. (await db.Beneficiaries.AsNoTracking().OrderBy(b => b.Id).Take(1000).Select(b => new { b.Id, b.InsurerAmc }).ToListAsync(cancellation))
                .Select(b => (b.Id, b.InsurerAmc))];
            last = await db.Disclosures.MaxAsync(d => (long?)d.Seq, cancellation) ?? -1;
        }

        if (people.Count == 0)
        {
            throw new InvalidOperationException("the probe needs beneficiaries to name (seed the throw-away platform first)");
        }

        var log = services.GetRequiredService<IServiceScopeFactory>().CreateScope().ServiceProvider.GetRequiredService<DisclosureLog>();
        var reader = new Reader(ActorKinds.Client, null, Client, Guid.CreateVersion7(), null, "192.0.2.10", Channels.Api, null, "pharmacien");
        DisclosureRecord Entry(int i) => log.Entry(reader, people[i % people.Count].Id, people[i % people.Count].Insurer, [DisclosedFields.Rights], "eligibility", "PROBE-" + i);

        var waits = new double[(records + group - 1) / group];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < waits.Length; i = Interlocked.Increment(ref next))
            {
                var batch = Enumerable.Range(i * group, Math.Min(group, records - (i * group))).Select(Entry).ToList();
                var started = Stopwatch.GetTimestamp();
                if (write == ProbeWrite.MerkleLog)
                {
                    await log.RecordAllAsync(batch, cancellation);
                }
                else
                {
                    await InsertAsync(services, batch, () => Interlocked.Increment(ref last), cancellation);
                }

                waits[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }, cancellation)));
        var elapsed = clock.Elapsed;
        Array.Sort(waits);
        return new ProbeFigures(records, records / elapsed.TotalSeconds, waits[waits.Length / 2], waits[Math.Min(waits.Length - 1, (int)(waits.Length * 0.99))]);
    }

    /// <summary>The same rows, through EF Core like the appender, with positions of their own and no tree.</summary>
    private static async Task InsertAsync(IServiceProvider services, List<DisclosureRecord> batch, Func<long> position, CancellationToken cancellation)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        foreach (var record in batch)
        {
            record.Seq = position();
        }

        db.Disclosures.AddRange(batch);
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
    }
}
