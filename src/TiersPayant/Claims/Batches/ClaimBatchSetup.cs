using Microsoft.Extensions.DependencyInjection.Extensions;
using TiersPayant.Security.Guard;

namespace TiersPayant.Claims.Batches;

/// <summary>The invoice file's services: the API's claim path, shared by the command line and the server's batch jobs.</summary>
internal static class ClaimBatchSetup
{
    public static IServiceCollection AddClaimBatches(this IServiceCollection services, IConfiguration configuration)
    {
        // The guard's caps as configured: the command line decides with the server's rules.
        services.AddOptions<GuardOptions>().Bind(configuration.GetSection(GuardOptions.Section));
        services.TryAddScoped<Agreements.BenefitContexts>();
        services.TryAddScoped<ClaimAdjudicator>();
        services.TryAddScoped<ClaimSubmissions>();
        services.TryAddSingleton<ClaimBatchImporter>();
        return services;
    }
}
