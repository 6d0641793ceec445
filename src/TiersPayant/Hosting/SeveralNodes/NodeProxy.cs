using System.Threading.RateLimiting;
using Yarp.ReverseProxy.Configuration;

namespace TiersPayant.Hosting.SeveralNodes;

/// <summary>
/// <c>tiers proxy</c>: YARP in front of several <c>tiers serve</c> nodes. Requests go round-robin
/// to the nodes whose <c>/health</c> answers (asked every few seconds: active health checks); a
/// node that stops answering is left aside at once (passive: transport failures) and taken back
/// once its health answers again. The client's address and scheme go on in
/// <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c>, replacing whatever the client sent; the nodes
/// believe them only from the proxy's address (<c>Network:TrustedProxies</c>). A login flood is
/// turned away here, before any node spends its core on it: a token bucket per client address for
/// the login posts (<see cref="Accounts.LoginRateLimits"/>' rate by default), answered 429 with
/// <c>Retry-After</c>. A post that carries a device cookie goes on: the proxy cannot check it, and
/// the node gives a device it issued a bucket of its own (or counts a made-up one by address).
/// Holds no state but those buckets: everything else it needs is on its command line.
/// </summary>
internal static class NodeProxy
{
    public static readonly TimeSpan HealthInterval = TimeSpan.FromSeconds(2);

    /// <summary>The proxy's login posts a minute per client address, unless <c>--login-per-minute</c> says otherwise.</summary>
    public const int LoginPerMinute = Accounts.LoginRateLimits.DefaultPerAddressPerMinute;

    public static WebApplication Build(string urls, IReadOnlyList<Uri> backends, int loginPerMinute = LoginPerMinute)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(urls);
        builder.Logging.AddFilter("Yarp", LogLevel.Warning);
        // A line a request would be thousands a second in a flood: the console's queue fills and
        // the proxy waits on its own logging. Warnings and errors only.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "nodes", ClusterId = "nodes", Match = new RouteMatch { Path = "{**path}" } }],
            [new ClusterConfig
            {
                ClusterId = "nodes",
                LoadBalancingPolicy = "RoundRobin",
                Destinations = backends.Select((b, i) => (Name: $"node{i + 1}", Address: b.ToString()))
                    .ToDictionary(d => d.Name, d => new DestinationConfig { Address = d.Address }, StringComparer.Ordinal),
                HealthCheck = new HealthCheckConfig
                {
                    Active = new ActiveHealthCheckConfig { Enabled = true, Interval = HealthInterval, Timeout = TimeSpan.FromSeconds(2), Policy = "ConsecutiveFailures", Path = "/health" },
                    Passive = new PassiveHealthCheckConfig { Enabled = true, Policy = "TransportFailureRate", ReactivationPeriod = TimeSpan.FromSeconds(10) },
                },
            }]);
        if (loginPerMinute > 0)
        {
            builder.Services.AddRateLimiter(options =>
            {
                options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    Accounts.LoginRateLimits.IsLoginPost(context) && !context.Request.Cookies.ContainsKey(Accounts.DeviceRecognition.CookieName)
                        ? RateLimitPartition.GetTokenBucketLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "?", _ => Accounts.LoginRateLimits.Bucket(loginPerMinute))
                        : RateLimitPartition.GetNoLimiter(string.Empty));
                options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                options.OnRejected = Accounts.LoginRateLimits.RefuseAsync;
            });
        }

        var app = builder.Build();
        if (loginPerMinute > 0)
        {
            app.UseRateLimiter();
        }

        app.MapReverseProxy();
        return app;
    }
}
