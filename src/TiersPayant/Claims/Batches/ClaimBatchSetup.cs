using Microsoft.Extensions.DependencyInjection.Extensions;
using TiersPayant.Security.Guard;

namespace TiersPayant.Claims.Batches;

/// <summary>The invoice file's services: the API's claim path, shared by the command line and the server's batch jobs (<see cref="AddClaimBatchJobs"/>).</summary>
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
        services.TryAddSingleton<Guard.PracticeProfessions>();
        return services;
    }

    /// <summary>The invoice files sent through the API: taken in by any node, run by the nodes whose <see cref="ClaimBatchJobOptions.Run"/> is on.</summary>
    public static IServiceCollection AddClaimBatchJobs(this IServiceCollection services)
    {
        services.AddOptions<ClaimBatchJobOptions>().BindConfiguration(ClaimBatchJobOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ClaimBatchJobs>();
        services.AddHostedService<ClaimBatchJobRunner>();
        return services;
    }
}
