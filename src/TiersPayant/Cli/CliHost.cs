using TiersPayant.Hosting;

namespace TiersPayant.Cli;

/// <summary>The services an operator verb needs, configured like the server (environment variables, keys, database).</summary>
internal static class CliHost
{
    /// <summary>Settings of the current invocation, above environment variables.</summary>
    public static readonly AsyncLocal<IReadOnlyDictionary<string, string?>?> Settings = new();

    public static IHost Build(DirectoryInfo dataDirectory)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = false, Args = [] });
        if (Settings.Value is { } settings)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPlatform(dataDirectory);
        return builder.Build();
    }

    /// <summary>Runs <paramref name="work"/> in a scope of a host whose start-up (migrations, warnings) has run.</summary>
    public static async Task<int> RunAsync(DirectoryInfo dataDirectory, Func<IServiceProvider, Task<int>> work, CancellationToken cancellation)
    {
        using var host = Build(dataDirectory);
        await host.StartAsync(cancellation);
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            return await work(scope.ServiceProvider);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
