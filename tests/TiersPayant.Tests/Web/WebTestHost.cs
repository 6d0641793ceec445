using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace TiersPayant.Tests.Web;

/// <summary>
/// The real application (through <c>Program</c>, its command line and its host) with a fixed
/// clock, an in-memory log collector, a known client address and three test-only failing paths.
/// Nothing else is replaced: security headers, errors and redaction are those of production.
/// </summary>
public sealed class WebTestHost : WebApplicationFactory<Program>
{
    /// <summary>Saturday 28 November 2026, 17:05 in Paris.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 16, 5, 0, TimeSpan.Zero);

    public static readonly IPAddress ClientAddress = IPAddress.Parse("203.0.113.42");

    public const string ThrowingApiPath = "/api/v1/test-only/throw";
    public const string ThrowingPagePath = "/test-only/throw";
    public const string ThrowingFhirPath = "/fhir/r4/test-only/throw";

    /// <summary>What a careless exception message could hold: a NIR-like number.</summary>
    public const string SecretInException = "NIR 1 84 12 75 123 456 78 rejected";

    public FakeTimeProvider Time { get; } = new(Now);

    /// <summary>Its own data folder: the web surface needs no demo data, so none is seeded.</summary>
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("tierspayant-web-").FullName;

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("TiersPayant:DataDirectory", DataDirectory);
        builder.UseSetting("Demo:SeedOnFirstStart", "false");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddFakeLogging();
            services.AddTransient<IStartupFilter, TestOnlyPaths>();
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the system's temporary-file cleaning.
        }
    }

    public static HttpRequestMessage Page(string path, string? acceptLanguage = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        return request;
    }

    // Runs around the application's pipeline: the failing paths sit behind it, so whatever they
    // throw goes back through the production error handling.
    private sealed class TestOnlyPaths : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = ClientAddress;
                return nextMiddleware(context);
            });
            next(app);
            app.Map(ThrowingApiPath, branch => branch.Run(_ => throw new InvalidOperationException(SecretInException)));
            app.Map(ThrowingPagePath, branch => branch.Run(_ => throw new InvalidOperationException(SecretInException)));
            app.Map(ThrowingFhirPath, branch => branch.Run(_ => throw new InvalidOperationException(SecretInException)));
        };
    }
}
