using Microsoft.Extensions.Diagnostics.HealthChecks;
using TiersPayant.Data;

namespace TiersPayant.Hosting;

/// <summary>A node that cannot reach its database cannot serve: <c>/health</c> says so, and a load balancer takes it out.</summary>
internal sealed class DatabaseHealthCheck(TiersPayantDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database cannot be reached.");
}
