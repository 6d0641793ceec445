using Microsoft.Extensions.Diagnostics.HealthChecks;
using TiersPayant.Guard;

namespace TiersPayant.Web.Health;

/// <summary>
/// <c>GET /health</c>: 200 when the node can serve (healthy or degraded), 503 otherwise. It runs
/// every check registered with <c>AddHealthChecks()</c> and names none of them: the endpoint is
/// public and a failing check's details are for the logs.
/// </summary>
internal static class HealthEndpoint
{
    public const string Path = "/health";

    public static IEndpointConventionBuilder MapHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, GetAsync)
            .WithName("GetHealth")
            .WithTags("Health")
            .WithSummary("Whether this node can serve")
            .WithDescription("200 when every registered check is healthy or degraded, 503 when one is unhealthy.")
            .Produces<NodeHealth>(StatusCodes.Status200OK)
            .Produces<NodeHealth>(StatusCodes.Status503ServiceUnavailable)
            .NoPersonalData();

    private static async Task<IResult> GetAsync(HealthCheckService health, CancellationToken cancellation)
    {
        var report = await health.CheckHealthAsync(cancellation);
        var (status, code) = report.Status switch
        {
            HealthStatus.Healthy => ("healthy", StatusCodes.Status200OK),
            HealthStatus.Degraded => ("degraded", StatusCodes.Status200OK),
            HealthStatus.Unhealthy => ("unhealthy", StatusCodes.Status503ServiceUnavailable),
        };
        return TypedResults.Json(new NodeHealth(status), statusCode: code);
    }
}

/// <summary>The body of <c>GET /health</c>.</summary>
/// <param name="Status"><c>healthy</c>, <c>degraded</c> or <c>unhealthy</c>.</param>
public sealed record NodeHealth(string Status);
