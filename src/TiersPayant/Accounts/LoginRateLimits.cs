using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using RedisRateLimiting;
using TiersPayant.Hosting.SeveralNodes;

namespace TiersPayant.Accounts;

/// <summary>
/// The first wall against a login flood, before any database read, password hash or page: per
/// source address (or per known device) a token bucket (in the Redis every node shares when one is
/// configured, so a flood spread over the nodes counts once), and for the whole node a cap on login
/// posts being worked on at once. What is turned away costs microseconds and gets 429 with <c>Retry-After</c>, so the rest of
/// the platform keeps answering. The slower, shared counters of <c>LoginThrottle</c> come after.
/// </summary>
internal static class LoginRateLimits
{
    /// <summary>Login posts a minute per address (or device) unless configured otherwise; <c>tiers proxy</c>'s default too.</summary>
    public const int DefaultPerAddressPerMinute = 30;

    /// <summary>One address's (or device's) bucket: <paramref name="perMinute"/> posts, refilled each minute, none queued.</summary>
    public static TokenBucketRateLimiterOptions Bucket(int perMinute) => new()
    {
        TokenLimit = perMinute,
        TokensPerPeriod = perMinute,
        ReplenishmentPeriod = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };

    /// <summary>The answer to a refused login post, the node's and <c>tiers proxy</c>'s: when to come back, in French.</summary>
    public static async ValueTask RefuseAsync(OnRejectedContext context, CancellationToken cancellation)
    {
        var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(10);
        Web.Problems.RetryAfter.Set(context.HttpContext.Response, retry);
        context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
        await context.HttpContext.Response.WriteAsync("Trop de tentatives de connexion : réessayez dans quelques instants.", cancellation);
    }

    public static IServiceCollection AddLoginRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("Accounts:Login:PerAddressPerMinute", DefaultPerAddressPerMinute);
        var concurrency = configuration.GetValue("Accounts:Login:Concurrency", 8);
        services.AddOptions<Security.Accounts.LoginThrottleOptions>().Bind(configuration.GetSection(Security.Accounts.LoginThrottleOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => !IsLoginPost(context)
                    ? RateLimitPartition.GetNoLimiter("other")
                    : context.RequestServices.GetService<SharedRedis>() is { } redis
                        // Several nodes: one bucket per address in the Redis they share, so a flood
                        // spread over the nodes counts once; the key is a keyed hash, never the address.
                        ? RedisRateLimitPartition.GetTokenBucketRateLimiter(redis.Prefix + ":login:" + redis.Pseudonym(Partition(context)), _ => new RedisTokenBucketRateLimiterOptions
                        {
                            ConnectionMultiplexerFactory = () => redis.Connection,
                            TokenLimit = perMinute,
                            TokensPerPeriod = perMinute,
                            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                        })
                        : RateLimitPartition.GetTokenBucketLimiter(Partition(context), _ => Bucket(perMinute))),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsLoginPost(context)
                    ? RateLimitPartition.GetConcurrencyLimiter("login", _ => new ConcurrencyLimiterOptions { PermitLimit = concurrency, QueueLimit = concurrency * 4 })
                    : RateLimitPartition.GetNoLimiter("other")));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellation) =>
            {
                context.HttpContext.RequestServices.GetRequiredService<Security.Accounts.AccountsMetrics>().LoginFailed("password", "rate-limited");
                await RefuseAsync(context, cancellation);
            };
        });
        return services;
    }

    // A browser with a device cookie the platform issued (after a past successful login) has a
    // bucket of its own: a flood from its address does not empty it. Anyone else is counted by
    // address; a made-up cookie fails its authentication and counts by address too.
    private static string Partition(HttpContext context) =>
        DeviceRecognition.DeviceIdOf(context) is { } device ? "device:" + device : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "?");

    /// <summary>A post of the portal's login form (the password step).</summary>
    public static bool IsLoginPost(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/connexion", StringComparison.OrdinalIgnoreCase);
}
