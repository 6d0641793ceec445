using Yarp.ReverseProxy.Configuration;

namespace TiersPayant.Hosting.SeveralNodes;

/// <summary>
/// <c>tiers proxy</c>: YARP in front of several <c>tiers serve</c> nodes. Requests go round-robin
/// to the nodes whose <c>/health</c> answers (asked every few seconds: active health checks); a
/// node that stops answering is left aside at once (passive: transport failures) and taken back
/// once its health answers again. The client's address and scheme go on in
/// <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c>, replacing whatever the client sent; the nodes
/// believe them only from the proxy's address (<c>Network:TrustedProxies</c>). Holds no state:
/// everything it needs is on its command line.
/// </summary>
internal static class NodeProxy
{
    public static readonly TimeSpan HealthInterval = TimeSpan.FromSeconds(2);

    public static WebApplication Build(string urls, IReadOnlyList<Uri> backends)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(urls);
        builder.Logging.AddFilter("Yarp", LogLevel.Warning);
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
        var app = builder.Build();
        app.MapReverseProxy();
        return app;
    }
}
