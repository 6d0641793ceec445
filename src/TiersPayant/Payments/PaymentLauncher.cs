namespace TiersPayant.Payments;

/// <summary>
/// Starts a payment run from the console without holding the request: the run goes on in the
/// background of this node, its progress in the database for every node's console; the last
/// outcome (or why it did not start) is kept for the console to show.
/// </summary>
public sealed partial class PaymentLauncher
{
    private readonly PaymentRuns _runs;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<PaymentLauncher> _logger;
    private readonly Lock _starting = new();
    private Task? _running;

    internal PaymentLauncher(PaymentRuns runs, IHostApplicationLifetime lifetime, ILogger<PaymentLauncher> logger) =>
        (_runs, _lifetime, _logger) = (runs, lifetime, logger);

    /// <summary>What the last run started here did, or why it did not start; null while it runs or before any.</summary>
    public RunOutcome? Last { get; private set; }

    public bool Running => _running is { IsCompleted: false };

    /// <summary>Starts a run for <paramref name="login"/>; false when one started here still runs.</summary>
    public bool Start(string login)
    {
        lock (_starting)
        {
            if (Running)
            {
                return false;
            }

            Last = null;
            _running = Task.Run(async () =>
            {
                try
                {
                    Last = await _runs.RunAsync(login, null, _lifetime.ApplicationStopping);
                }
                catch (Exception e) when (e is InvalidOperationException or IOException or Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException or OperationCanceledException)
                {
                    LogFailed(_logger, e);
                    Last = RunOutcome.Refused("the run stopped on an error (see the server's log); the next run takes it up");
                }
            }, CancellationToken.None);
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A payment run started from the console failed; the next run takes it up.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
