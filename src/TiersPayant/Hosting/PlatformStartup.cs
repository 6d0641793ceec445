using Microsoft.Extensions.Options;
using TiersPayant.Data.Configuration;
using TiersPayant.Data.Protection;
using TiersPayant.Demo;

namespace TiersPayant.Hosting;

/// <summary>
/// Before anything serves: warns about generated keys, builds the code table (an operator's code
/// file with a fault stops the start), applies migrations where the provider's default says so, and
/// seeds the demo into an empty embedded database.
/// </summary>
internal sealed partial class PlatformStartup(
    IServiceProvider services,
    IOptions<DatabaseOptions> database,
    FieldProtectionStatus keys,
    IOptions<DemoOptions> demo,
    IConfiguration configuration,
    Domain.Agreements.ReferenceCodeTable codes,
    ILogger<PlatformStartup> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        // Resolving the keys here fails the start, not the first request, when they are wrong.
        if (keys.Generated)
        {
            LogGeneratedKeys(logger, keys.KeysFile ?? "keys.json");
        }

        // The code table is built with the service: an operator's code file with a fault has already failed the start.
        if (configuration[Agreements.ReferenceCodesSetup.FileKey] is { Length: > 0 } codeFile)
        {
            LogCodes(logger, codes.All.Count, codeFile);
        }

        if (database.Value.ShouldMigrateOnStart)
        {
            await services.MigrateAsync(cancellationToken);
        }

        if (demo.Value.ShouldSeedOnFirstStart(database.Value.Provider) && configuration.GetValue<bool>(PlatformSetup.ServingKey))
        {
            await using var scope = services.CreateAsyncScope();
            var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
            if (await seeder.IsEmptyAsync(cancellationToken))
            {
                var path = Path.Combine(configuration.DataDirectory(), DemoCredentials.FileName);
                var baseUrl = configuration["urls"]?.Split(';')[0] ?? TiersPayantHost.DefaultUrl;
                var result = await seeder.SeedAsync(new DemoSeeder.Request(demo.Value.Beneficiaries, demo.Value.Practices, demo.Value.Seed, path, baseUrl), cancellationToken);
                LogSeeded(logger, result.Beneficiaries, result.Practices, path);
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Reference codes: {Count} known, the shipped ones with {Path} laid over them.")]
    private static partial void LogCodes(ILogger logger, int count, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Encryption keys were generated into {Path} for the embedded default. Production must supply its own keys (section Encryption).")]
    private static partial void LogGeneratedKeys(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "First start: seeded {Beneficiaries} synthetic beneficiaries and {Practices} practices; demo credentials in {Path}.")]
    private static partial void LogSeeded(ILogger logger, int beneficiaries, int practices, string path);
}
