using System.Data.Common;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TiersPayant.Data;
using TiersPayant.Data.Claims;
using TiersPayant.Domain.Practices;
using TiersPayant.Members.Import;
using TiersPayant.Payments;
using TiersPayant.Security.Guard;

namespace TiersPayant.Claims.Batches;

/// <summary>
/// Runs the invoice files sent through the API, one at a time per node, through the same
/// <see cref="ClaimBatchImporter"/> as <c>tiers import claims</c>, as the batch door acting for the
/// client that sent the file (<see cref="Actor.ClaimsImport(Guid, Profession, string, string)"/>).
/// Nodes share the database: a job is claimed by a conditional update of its status and lease, so
/// exactly one node gets it; the node renews the lease while it runs and saves the progress with
/// it (at least every <see cref="SaveEvery"/> invoices). A job whose node stopped (its lease
/// expired) is claimed again by any node and run from the start: each invoice's reference is its
/// idempotency key, so what the first run created is answered, not created again. When the job is
/// over its encrypted file is deleted, in the transaction that marks it done or failed.
/// </summary>
internal sealed partial class ClaimBatchJobRunner(
    IServiceScopeFactory scopes, ClaimBatchImporter importer, ClaimBatchUploads uploads, Guard.PracticeProfessions professions, IOptions<ClaimBatchJobOptions> options,
    TimeProvider time, ILogger<ClaimBatchJobRunner> logger) : BackgroundService
{
    /// <summary>Progress is saved at least this often, in invoices.</summary>
    public const int SaveEvery = 256;

    /// <summary>The faulty fields a job keeps (it counts them all).</summary>
    public const int MaxErrorLines = 1000;

    /// <summary>This node, as the lease names it: machine, process, its start and a nonce.</summary>
    private readonly string _node = Leases.NewHolder();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Run)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (await ClaimNextAsync(stoppingToken) is { } job)
                    {
                        await RunAsync(job, stoppingToken);
                        continue;
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // Whatever it was, the runner goes on (a stopped runner would stop the host): the type only, a message may quote a row.
                    LogLookupFailed(logger, e.GetType().Name);
                }

                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host stops.
        }
    }

    /// <summary>The oldest job waiting, or whose node's lease expired, claimed for this node; null when none is free.</summary>
    internal async Task<ClaimBatchJobRecord?> ClaimNextAsync(CancellationToken cancellation)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        var now = Now();
        var free = db.ClaimBatchJobs.Where(j => j.Status == ClaimBatchJobStatuses.Queued || (j.Status == ClaimBatchJobStatuses.Running && j.LeaseUntil < now));
        foreach (var id in await free.AsNoTracking().OrderBy(j => j.CreatedAt).Select(j => j.Id).Take(4).ToListAsync(cancellation))
        {
            // Conditional: of two nodes seeing the same job free, one changes it, the other changes nothing.
            var until = now + options.Value.Lease;
            if (await free.Where(j => j.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Status, ClaimBatchJobStatuses.Running).SetProperty(j => j.LeaseOwner, _node).SetProperty(j => j.LeaseUntil, until)
                    .SetProperty(j => j.StartedAt, j => j.StartedAt ?? now).SetProperty(j => j.Attempts, j => j.Attempts + 1), cancellation) == 1)
            {
                return await db.ClaimBatchJobs.AsNoTracking().SingleAsync(j => j.Id == id, cancellation);
            }
        }

        return null;
    }

    private async Task RunAsync(ClaimBatchJobRecord job, CancellationToken stoppingToken)
    {
        LogStarted(logger, job.Id, job.Attempts);
        Profession profession;
        await using (var scope = scopes.CreateAsyncScope())
        {
            if (await professions.OfAsync(scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>(), job.PracticeId, stoppingToken) is not { } known)
            {
                await EndAsync(job.Id, ClaimBatchJobStatuses.Failed, new JobProgress(), null, "The practice no longer exists.");
                return;
            }

            profession = known;
        }

        var progress = new JobProgress();
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var beating = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(job.Id, progress, running, beating.Token);
        using var results = new MemoryStream();
        try
        {
            BatchReport report;
            await using (var scope = scopes.CreateAsyncScope())
            await using (var file = uploads.OpenRead(scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>(), job.Id, job.UploadChunks))
            await using (var sink = new ClaimBatchResults(results, leaveOpen: true))
            {
                report = await importer.ImportAsync(file, Actor.ClaimsImport(job.PracticeId, profession, job.ClientId, job.SourceAddress), sink,
                    progress.AddError, progress, options.Value.Parallel, running.Token);
            }

            await beating.CancelAsync();
            await heartbeat;
            progress.Report(report);
            if (report.BadHeader)
            {
                await EndAsync(job.Id, ClaimBatchJobStatuses.Failed, progress, null, "The file's header is not the invoice file's.");
                return;
            }

            if (await EndAsync(job.Id, ClaimBatchJobStatuses.Done, progress, results.ToArray(), null))
            {
                LogDone(logger, job.Id, report.Invoices, report.Accepted, report.Rejected, report.Failed, report.Replayed);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // This node stops: the job goes back to the queue for whichever node comes next.
            await ReleaseAsync(job.Id);
        }
        catch (OperationCanceledException) when (progress.LeaseLost)
        {
            LogLeaseLost(logger, job.Id);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested && !progress.LeaseLost)
        {
            LogFailed(logger, job.Id, e.GetType().Name); // the type only: a CSV or database message may quote the file
            if (job.Attempts >= options.Value.MaxAttempts)
            {
                await EndAsync(job.Id, ClaimBatchJobStatuses.Failed, progress, null, "The job stopped on an unexpected error: send the file again.");
            }
            else
            {
                await ReleaseAsync(job.Id);
            }
        }
        finally
        {
            await beating.CancelAsync();
            await heartbeat;
        }
    }

    /// <summary>Renews the lease and saves the progress every third of the lease, and whenever <see cref="SaveEvery"/> more invoices are decided.</summary>
    private async Task HeartbeatAsync(Guid id, JobProgress progress, CancellationTokenSource running, CancellationToken stop)
    {
        await Task.Yield();
        var every = options.Value.Lease / 3;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using (var wait = CancellationTokenSource.CreateLinkedTokenSource(stop))
                {
                    wait.CancelAfter(every);
                    try
                    {
                        await progress.Saves.Reader.ReadAsync(wait.Token);
                    }
                    catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                    {
                        // A third of the lease without a save: renew it anyway.
                    }
                }

                if (stop.IsCancellationRequested)
                {
                    return;
                }

                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
                var (lines, invoices, accepted, rejected, failed, replayed, errors, errorCount) = progress.Snapshot();
                var until = Now() + options.Value.Lease;
                if (await db.ClaimBatchJobs.Where(j => j.Id == id && j.LeaseOwner == _node && j.Status == ClaimBatchJobStatuses.Running)
                        .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, until).SetProperty(j => j.Lines, lines).SetProperty(j => j.Invoices, invoices)
                            .SetProperty(j => j.Accepted, accepted).SetProperty(j => j.Rejected, rejected).SetProperty(j => j.NotAdjudicated, failed)
                            .SetProperty(j => j.AlreadyImported, replayed).SetProperty(j => j.Errors, errors).SetProperty(j => j.ErrorCount, errorCount), stop) == 0)
                {
                    // Held up past the lease and taken by another node: stop, that node runs the file.
                    progress.LeaseLost = true;
                    await running.CancelAsync();
                    return;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException or TimeoutException)
            {
                LogHeartbeatFailed(logger, id, e.GetType().Name);
            }
        }
    }

    /// <summary>Marks the job done or failed and deletes its file, together; false when this node no longer held it.</summary>
    private async Task<bool> EndAsync(Guid id, string status, JobProgress progress, byte[]? results, string? failure)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        var (lines, invoices, accepted, rejected, failed, replayed, errors, errorCount) = progress.Snapshot();
        var now = Now();
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        if (await db.ClaimBatchJobs.Where(j => j.Id == id && j.LeaseOwner == _node && j.Status == ClaimBatchJobStatuses.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, status).SetProperty(j => j.FinishedAt, now)
                    .SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseUntil, (DateTime?)null).SetProperty(j => j.UploadChunks, 0)
                    .SetProperty(j => j.Lines, lines).SetProperty(j => j.Invoices, invoices).SetProperty(j => j.Accepted, accepted)
                    .SetProperty(j => j.Rejected, rejected).SetProperty(j => j.NotAdjudicated, failed).SetProperty(j => j.AlreadyImported, replayed)
                    .SetProperty(j => j.Errors, errors).SetProperty(j => j.ErrorCount, errorCount)
                    .SetProperty(j => j.Results, results).SetProperty(j => j.Failure, failure), CancellationToken.None) == 0)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return false;
        }

        await ClaimBatchUploads.DeleteAsync(db, id, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return true;
    }

    /// <summary>Gives the job back to the queue at once (this node stops, or it will try again later).</summary>
    private async Task ReleaseAsync(Guid id)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>().ClaimBatchJobs
            .Where(j => j.Id == id && j.LeaseOwner == _node && j.Status == ClaimBatchJobStatuses.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ClaimBatchJobStatuses.Queued)
                .SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseUntil, (DateTime?)null), CancellationToken.None);
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Information, Message = "Claim batch {JobId}: started (attempt {Attempt}).")]
    private static partial void LogStarted(ILogger logger, Guid jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Claim batch {JobId}: done, {Invoices} invoices: {Accepted} accepted, {Rejected} rejected, {NotAdjudicated} not adjudicated; {AlreadyImported} already imported.")]
    private static partial void LogDone(ILogger logger, Guid jobId, long invoices, long accepted, long rejected, long notAdjudicated, long alreadyImported);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claim batch {JobId}: its lease was taken by another node; stopping here.")]
    private static partial void LogLeaseLost(ILogger logger, Guid jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Claim batch {JobId}: stopped on {ErrorType}.")]
    private static partial void LogFailed(ILogger logger, Guid jobId, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claim batch {JobId}: its lease could not be renewed ({ErrorType}).")]
    private static partial void LogHeartbeatFailed(ILogger logger, Guid jobId, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for or running claim batches failed ({ErrorType}); trying again.")]
    private static partial void LogLookupFailed(ILogger logger, string errorType);

    /// <summary>A running job's counts and faulty fields, as the importer reports them; read by the heartbeat.</summary>
    private sealed class JobProgress : IProgress<BatchReport>
    {
        private readonly Lock _lock = new();
        private readonly List<string> _errors = [];
        private BatchReport _report = new();
        private long _errorCount;
        private long _nextSave = SaveEvery;

        /// <summary>A save is due (more invoices decided since the last one).</summary>
        public Channel<bool> Saves { get; } = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

        public bool LeaseLost { get; set; }

        public void Report(BatchReport value)
        {
            lock (_lock)
            {
                _report = value;
                if (value.Invoices < _nextSave)
                {
                    return;
                }

                _nextSave = value.Invoices + SaveEvery;
            }

            Saves.Writer.TryWrite(true);
        }

        public Task AddError(ImportError error)
        {
            lock (_lock)
            {
                _errorCount++;
                if (_errors.Count < MaxErrorLines)
                {
                    _errors.Add(error.ToString());
                }
            }

            return Task.CompletedTask;
        }

        public (long Lines, long Invoices, long Accepted, long Rejected, long Failed, long Replayed, string Errors, long ErrorCount) Snapshot()
        {
            lock (_lock)
            {
                var r = _report;
                return (r.Lines, r.Invoices, r.Accepted, r.Rejected, r.Failed, r.Replayed, string.Join('\n', _errors), _errorCount);
            }
        }
    }
}
