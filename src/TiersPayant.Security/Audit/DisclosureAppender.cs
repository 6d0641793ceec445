using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Data;
using TiersPayant.Data.Audit;
using TiersPayant.Data.Protection;
using TiersPayant.Domain.Audit;

namespace TiersPayant.Security.Audit;

/// <summary>
/// Appends disclosure records to the Merkle log with group commit: callers queue their records
/// and wait; one flush at a time takes everything queued (up to a thousand records), takes the
/// next positions from the log's head in the same transaction (the head row's lock orders
/// appends across every node), stores each record with its position and leaf hash, commits, and
/// only then lets the callers go on, so no disclosure is answered before its leaf is durable.
/// A batch that fails is retried record group by record group, so one bad record fails its
/// caller alone. Works without a hosted service: the first caller to find no flush running starts one.
/// </summary>
internal sealed class DisclosureAppender(IServiceScopeFactory scopes, BeneficiaryProtector protector, AuditMetrics metrics)
{
    /// <summary>The most records one transaction takes (a larger group still goes in whole, alone).</summary>
    public const int BatchLimit = 1000;

    private readonly Lock _gate = new();
    private readonly Queue<Pending> _queue = new();
    private bool _flushing;

    /// <summary>Appends <paramref name="records"/> (positions and leaf hashes are set here) and returns once they are committed.</summary>
    public Task AppendAsync(IReadOnlyList<DisclosureRecord> records, CancellationToken cancellation)
    {
        if (records.Count == 0)
        {
            return Task.CompletedTask;
        }

        var pending = new Pending(records);
        bool start;
        lock (_gate)
        {
            _queue.Enqueue(pending);
            start = !_flushing;
            _flushing = true;
        }

        if (start)
        {
            _ = Task.Run(FlushAsync, CancellationToken.None);
        }

        // A caller that gives up still has its records written: recorded but not disclosed.
        return pending.Done.Task.WaitAsync(cancellation);
    }

    private async Task FlushAsync()
    {
        while (true)
        {
            var batch = new List<Pending>();
            lock (_gate)
            {
                var count = 0;
                while (_queue.TryPeek(out var next) && (batch.Count == 0 || count + next.Records.Count <= BatchLimit))
                {
                    batch.Add(_queue.Dequeue());
                    count += next.Records.Count;
                }

                if (batch.Count == 0)
                {
                    _flushing = false;
                    return;
                }
            }

            try
            {
                await WriteAsync(batch);
                batch.ForEach(p => p.Done.TrySetResult());
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var one in batch)
                {
                    await WriteAloneAsync(one);
                }
            }
            catch (Exception failed)
            {
                batch[0].Done.TrySetException(failed);
            }
        }
    }

    private async Task WriteAloneAsync(Pending one)
    {
        try
        {
            await WriteAsync([one]);
            one.Done.TrySetResult();
        }
        catch (Exception failed)
        {
            one.Done.TrySetException(failed);
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        var records = batch.SelectMany(p => p.Records).ToList();
        var started = Stopwatch.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.ChangeTracker.Clear();
        // The batch is all or nothing (a failure is retried group by group): a savepoint around
        // the insert would only cost two more round trips.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var end = await MerkleLog.AdvanceHeadAsync(db, records.Count, CancellationToken.None);
        var position = end - records.Count;
        foreach (var record in records)
        {
            record.Seq = position++;
            record.LeafHash = MerkleTree.LeafHash(DisclosureEntries.Encode(record, protector));
        }

        db.Disclosures.AddRange(records);
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        metrics.Appended(records.Count, end, Stopwatch.GetElapsedTime(started));
    }

    private sealed record Pending(IReadOnlyList<DisclosureRecord> Records)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
