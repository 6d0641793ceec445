using StackExchange.Redis;
using TiersPayant.Security.Guard;

namespace TiersPayant.Hosting.SeveralNodes;

/// <summary>
/// Switches and containments live in the database and each node rereads them at most once a
/// second; with Redis, the node (or operator's verb) that changed them says so on a channel and
/// every node rereads at once, so a containment on node A refuses the account on node B within
/// milliseconds. A lost notice costs nothing but that second.
/// </summary>
internal sealed partial class SharedStateNotices(SharedRedis redis, SwitchBoard switches, Containments containments, ILogger<SharedStateNotices> logger) : IHostedService
{
    private const string SwitchesChanged = "switches";
    private const string ContainmentsChanged = "containments";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        switches.Changed += OnSwitchesChanged;
        containments.Changed += OnContainmentsChanged;
        try
        {
            await redis.Connection.GetSubscriber().SubscribeAsync(redis.Notices, (_, message) =>
            {
                if (message == SwitchesChanged)
                {
                    switches.Reread();
                }
                else if (message == ContainmentsChanged)
                {
                    containments.Reread();
                }
            });
        }
        catch (RedisException e)
        {
            LogUnreachable(logger, e); // the one-second reread still holds
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        switches.Changed -= OnSwitchesChanged;
        containments.Changed -= OnContainmentsChanged;
        if (redis.Connection.IsConnected)
        {
            await redis.Connection.GetSubscriber().UnsubscribeAsync(redis.Notices);
        }
    }

    private void OnSwitchesChanged(object? sender, EventArgs e) => Publish(SwitchesChanged);

    private void OnContainmentsChanged(object? sender, EventArgs e) => Publish(ContainmentsChanged);

    private void Publish(string what)
    {
        try
        {
            // Waited for: an operator's verb may exit right after the change.
            redis.Connection.GetSubscriber().Publish(redis.Notices, what);
        }
        catch (RedisException e)
        {
            LogUnreachable(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unreachable: other nodes see this change within a second instead of at once.")]
    private static partial void LogUnreachable(ILogger logger, Exception exception);
}
