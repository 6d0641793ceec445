using Microsoft.Extensions.Options;
using TiersPayant.Security.Guard;

namespace TiersPayant.Guard;

/// <summary>
/// Every hour, forgets the guard's reserved counts and unknown cards older than
/// <see cref="GuardOptions.RetentionDays"/>, so the tables hold weeks of traffic, not years, and
/// learns the detector's baselines again from what is left. Every node may run it.
/// </summary>
internal sealed partial class GuardPruning(IServiceScopeFactory scopes, IOptions<GuardOptions> options, TimeProvider time, ILogger<GuardPruning> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var before = time.GetUtcNow().UtcDateTime.AddDays(-Math.Max(2, options.Value.RetentionDays));
                LogPruned(logger, await scope.ServiceProvider.GetRequiredService<AccessGuard>().PruneAsync(before, stoppingToken));
                LogLearned(logger, await scope.ServiceProvider.GetRequiredService<GuardBaselines>().LearnAsync(stoppingToken));
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                // The database may be away for a moment; the next round will catch up.
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pruned {Count} guard count rows.")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Learned {Count} guard baselines.")]
    private static partial void LogLearned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning the guard's counts or learning its baselines failed; retrying at the next round.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
