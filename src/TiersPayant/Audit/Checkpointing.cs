using Microsoft.Extensions.Options;
using TiersPayant.Security.Audit;

namespace TiersPayant.Audit;

/// <summary>
/// Signs a checkpoint of the disclosure log every <see cref="AuditOptions.CheckpointInterval"/>
/// (at most a minute) when it grew, so a witness polling <c>/audit/checkpoint</c> sees it grow
/// minute by minute. Every node may run it: they sign the same text.
/// </summary>
internal sealed partial class Checkpointing(MerkleLog log, IOptions<AuditOptions> options, TimeProvider time, ILogger<Checkpointing> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.CheckpointInterval is { TotalSeconds: >= 1 } configured && configured <= TimeSpan.FromMinutes(1)
            ? configured
            : TimeSpan.FromMinutes(1);
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                var checkpoint = await log.CheckpointAsync(stoppingToken);
                LogSigned(logger, checkpoint.Size);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signing a checkpoint of the disclosure log failed; retrying at the next round.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
