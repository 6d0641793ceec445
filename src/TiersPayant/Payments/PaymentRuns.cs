using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TiersPayant.Data;
using TiersPayant.Data.Payments;

namespace TiersPayant.Payments;

/// <summary>
/// <c>tiers payments run</c>: pays every accepted, unpaid invoice. One run at a time across every
/// node (a lease in the database). A run is prepared practice by practice, a group of practices
/// per transaction (payment, its lines, the invoices marked paid and the ledger entries together),
/// then its credit-transfer file is written beside its final name and renamed into
/// <c>DATA/payments/</c> in one step. Killed anywhere, the next run takes the stopped one up where it
/// stopped: an invoice is never paid twice (one paid line per invoice, enforced by the database)
/// nor skipped, and no half-written file is ever under a name a bank would pick up.
/// </summary>
internal sealed partial class PaymentRuns(
    IServiceScopeFactory scopes, IOptions<PaymentsOptions> options, PaymentFiles files, TimeProvider time, ILogger<PaymentRuns> logger)
{
    /// <summary>The lease every node's runs share.</summary>
    public const string LeaseName = "payments-run";

    /// <summary>How long a lease lasts without renewal (a run renews it every third of that).</summary>
    public static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(60);

    /// <summary>Runs (or takes up) a payment run; <paramref name="startedBy"/> is the operator's login, <c>cli</c> or <c>schedule</c>.</summary>
    public async Task<RunOutcome> RunAsync(string startedBy, IProgress<RunProgress>? progress, CancellationToken cancellation)
    {
        if (options.Value.Problem() is { } problem)
        {
            return RunOutcome.Refused(problem);
        }

        var holder = Leases.NewHolder();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
            if (await Leases.TryAcquireAsync(db, LeaseName, holder, Now(), LeaseTime, cancellation) is { } other)
            {
                return RunOutcome.Refused($"another payment run is under way ({other}); this one did not start");
            }
        }

        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var renewal = RenewAsync(holder, renewing);
        try
        {
            var (run, resumed) = await OpenAsync(startedBy, renewing.Token);
            if (run.Status == RunStatuses.Preparing)
            {
                await new PaymentPreparation(scopes, options.Value, time).PrepareAsync(run, progress, renewing.Token);
            }

            progress?.Report(new RunProgress(run.Number, RunStatuses.Prepared, 1, 1));
            var written = await files.WriteAsync(run.Id, renewing.Token);
            progress?.Report(new RunProgress(run.Number, RunStatuses.Written, 1, 1));
            LogWritten(logger, written.Number, written.TransferCount, written.TotalCents);
            return new RunOutcome(written.Number, written.FileName, written.TransferCount, written.TotalCents, PaymentPreparation.ReadSkipped(written.Skipped), resumed, null);
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
            await using var scope = scopes.CreateAsyncScope();
            await Leases.ReleaseAsync(scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>(), LeaseName, holder, Now(), CancellationToken.None);
        }
    }

    /// <summary>The run stopped midway, if any, else a new one with its cut-off now.</summary>
    private async Task<(PaymentRunRecord Run, bool Resumed)> OpenAsync(string startedBy, CancellationToken cancellation)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        if (await db.PaymentRuns.AsNoTracking().Where(r => r.Status != RunStatuses.Written).OrderBy(r => r.StartedAt).FirstOrDefaultAsync(cancellation) is { } stopped)
        {
            LogResumed(logger, stopped.Number, stopped.Status);
            return (stopped, true);
        }

        var now = Now();
        var today = Web.Localization.ParisTime.Today(time);
        var run = new PaymentRunRecord
        {
            Id = Guid.CreateVersion7(),
            Number = "RUN-" + Web.Localization.ParisTime.Of(time.GetUtcNow()).ToString("yyyyMMdd-HHmmss-fff", System.Globalization.CultureInfo.InvariantCulture),
            Status = RunStatuses.Preparing,
            Cutoff = now,
            StartedAt = now,
            ExecutionDate = Domain.Payments.WorkingDays.Add(today, options.Value.ExecutionDelay),
            StartedBy = startedBy.Length > 256 ? startedBy[..256] : startedBy,
        };
        db.PaymentRuns.Add(run);
        await db.SaveChangesAsync(cancellation);
        return (run, false);
    }

    private async Task RenewAsync(string holder, CancellationTokenSource running)
    {
        using var timer = new PeriodicTimer(LeaseTime / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(running.Token))
            {
                await using var scope = scopes.CreateAsyncScope();
                if (!await Leases.RenewAsync(scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>(), LeaseName, holder, Now(), LeaseTime, running.Token))
                {
                    LogLeaseLost(logger);
                    await running.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment run {Number}: {Transfers} transfers, {TotalCents} cents.")]
    private static partial void LogWritten(ILogger logger, string number, int transfers, long totalCents);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment run {Number} was stopped while {Status}: taking it up.")]
    private static partial void LogResumed(ILogger logger, string number, string status);

    [LoggerMessage(Level = LogLevel.Error, Message = "The payment run lost its lease (it was held up longer than the lease lasts): stopping; the next run takes it up.")]
    private static partial void LogLeaseLost(ILogger logger);
}

/// <summary>The stages of a run.</summary>
internal static class RunStatuses
{
    public const string Preparing = "preparing";

    public const string Prepared = "prepared";

    public const string Written = "written";
}

/// <summary>Where a run is: <paramref name="Done"/> practices of <paramref name="Total"/> while it is prepared.</summary>
public sealed record RunProgress(string Run, string Stage, long Done, long Total);

/// <summary>A practice left out of a run, and why (a stable code).</summary>
public sealed record SkippedPractice(Guid PracticeId, string Reason);

/// <summary>What a run did, or why it did not start (<see cref="Problem"/>).</summary>
public sealed record RunOutcome(
    string? Run, string? File, int Transfers, long TotalCents, IReadOnlyList<SkippedPractice> Skipped, bool Resumed, string? Problem)
{
    public static RunOutcome Refused(string problem) => new(null, null, 0, 0, [], false, problem);
}
