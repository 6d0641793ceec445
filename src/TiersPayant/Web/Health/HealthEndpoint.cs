using Microsoft.Extensions.Diagnostics.HealthChecks;
using TiersPayant.Guard;
using TiersPayant.Web.Problems;

namespace TiersPayant.Web.Health;

/// <summary>
/// <c>GET /health</c>: 200 when the node can serve (healthy or degraded), 503 otherwise, as
/// problem details like every error (type <c>unavailable</c>, <c>health: unhealthy</c>). It runs
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
            .WithDescription("200 when every registered check is healthy or degraded; 503 problem details (type "
                + ProblemTypes.Unavailable + ", extension health: unhealthy) when one is unhealthy. No check is named.")
            .Produces<NodeHealth>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .NoPersonalData();

    private static async Task<IResult> GetAsync(HealthCheckService health, CancellationToken cancellation)
    {
        var report = await health.CheckHealthAsync(cancellation);
        return report.Status switch
        {
            HealthStatus.Healthy => TypedResults.Ok(new NodeHealth("healthy")),
            HealthStatus.Degraded => TypedResults.Ok(new NodeHealth("degraded")),
            HealthStatus.Unhealthy => TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable, type: ProblemTypes.Unavailable, title: "Service unavailable",
                detail: "This node cannot serve for now; another node may.", extensions: new Dictionary<string, object?> { ["health"] = "unhealthy" }),
        };
    }
}

/// <summary>The body of <c>GET /health</c>.</summary>
/// <param name="Status"><c>healthy</c>, <c>degraded</c> or <c>unhealthy</c>.</param>
public sealed record NodeHealth(string Status);
