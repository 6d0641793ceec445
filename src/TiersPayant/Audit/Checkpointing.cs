using Microsoft.Extensions.Options;
using TiersPayant.Security.Audit;

namespace TiersPayant.Audit;

/// <summary>
/// Signs a checkpoint of the disclosure log every <see cref="AuditOptions.CheckpointInterval"/>
/// (at most a minute) when it grew, so a witness polling <c>/audit/checkpoint</c> sees it grow
/// minute by minute; every hour, purges the records older than <see cref="AuditOptions.Retention"/>
/// (whole signed ranges only). Every node may run it: they sign the same text.
/// </summary>
internal sealed partial class Checkpointing(MerkleLog log, IOptions<AuditOptions> options, TimeProvider time, ILogger<Checkpointing> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.CheckpointInterval is { TotalSeconds: >= 1 } configured && configured <= TimeSpan.FromMinutes(1)
            ? configured
            : TimeSpan.FromMinutes(1);
        using var timer = new PeriodicTimer(interval, time);
        var purgedAt = DateTimeOffset.MinValue;
        do
        {
            try
            {
                var checkpoint = await log.CheckpointAsync(stoppingToken);
                LogSigned(logger, checkpoint.Size);
                if (time.GetUtcNow() - purgedAt >= TimeSpan.FromHours(1))
                {
                    purgedAt = time.GetUtcNow();
                    LogPurged(logger, await log.PurgeAsync((purgedAt - options.Value.Retention).UtcDateTime, stoppingToken));
                }
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Disclosure log checkpoint at size {Size}.")]
    private static partial void LogSigned(ILogger logger, long size);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Disclosure log purged below {Point}.")]
    private static partial void LogPurged(ILogger logger, long point);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signing a checkpoint of the disclosure log failed; retrying at the next round.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
