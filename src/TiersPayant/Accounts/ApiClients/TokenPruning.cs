using OpenIddict.Abstractions;

namespace TiersPayant.Accounts.ApiClients;

/// <summary>
/// Deletes spent token rows (expired access tokens, remembered assertions) an hour after their
/// creation, so the table holds about an hour of traffic. Every node may run it: a delete of rows
/// already deleted is harmless.
/// </summary>
internal sealed partial class TokenPruning(IServiceScopeFactory scopes, TimeProvider time, ILogger<TokenPruning> logger) : BackgroundService
{
    // Longer than any token (access tokens up to an hour) or remembered assertion (ten minutes plus skew) lives.
    private static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Retention, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
                var pruned = await tokens.PruneAsync(time.GetUtcNow() - Retention, stoppingToken);
                LogPruned(logger, pruned);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                // The database may be away for a moment; the next round will catch up.
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pruned {Count} spent token rows.")]
    private static partial void LogPruned(ILogger logger, long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning spent tokens failed; retrying at the next round.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
