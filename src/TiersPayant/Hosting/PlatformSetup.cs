using Microsoft.Extensions.DependencyInjection.Extensions;
using TiersPayant.Data.Configuration;
using TiersPayant.Accounts.ApiClients;
using TiersPayant.Agreements;
using TiersPayant.Demo;
using TiersPayant.Hosting.SeveralNodes;
using TiersPayant.Members.Import;
using TiersPayant.Payments;
using TiersPayant.Security.Accounts;

namespace TiersPayant.Hosting;

/// <summary>What the server and every operator verb share: configuration, storage, keys, modules.</summary>
internal static class PlatformSetup
{
    /// <summary>Set by <c>serve</c>: only the server seeds an empty database on first start.</summary>
    public const string ServingKey = "TiersPayant:Serving";

    public static IHostApplicationBuilder AddPlatform(this IHostApplicationBuilder builder, DirectoryInfo dataDirectory)
    {
        // A setting given by the host (tests, environment) wins over the --data default.
        if (string.IsNullOrEmpty(builder.Configuration[DataServiceCollectionExtensions.DataDirectoryKey]))
        {
            builder.Configuration[DataServiceCollectionExtensions.DataDirectoryKey] = dataDirectory.FullName;
        }

        Web.Localization.ParisTime.EnsureAvailable();
        builder.Services.AddTiersPayantData();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        // EF Core's command log is for debugging a query, not for the operator's console.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Services.AddOptions<DemoOptions>().Bind(builder.Configuration.GetSection(DemoOptions.Section)).ValidateOnStart();
        builder.Services.AddAccounts();
        builder.Services.AddReferenceCodes(builder.Configuration);
        builder.Services.AddGuardedPath();
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddScoped<DemoAccounts>();
        builder.Services.AddScoped<MemberImporter>();
        Claims.Batches.ClaimBatchSetup.AddClaimBatches(builder.Services, builder.Configuration);
        builder.Services.AddApiClientStore();
        builder.Services.AddPayments(builder.Configuration);
        builder.Services.AddSeveralNodes(builder.Configuration);
        builder.Services.AddHostedService<PlatformStartup>();
        return builder;
    }
}
