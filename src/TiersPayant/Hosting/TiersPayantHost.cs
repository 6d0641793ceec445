using TiersPayant.Data.Configuration;
using TiersPayant.Demo;
using TiersPayant.Web;

namespace TiersPayant.Hosting;

/// <summary>Builds the web application from its components.</summary>
public static class TiersPayantHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args, DirectoryInfo dataDirectory)
    {
        // The application is this assembly (its Razor pages, its resources) even when another
        // process hosts it, such as the browser tests or the benchmarks.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(TiersPayantHost).Assembly.GetName().Name });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Configuration[PlatformSetup.ServingKey] = "true";
        builder.AddPlatform(dataDirectory);
        builder.AddWebSurface();

        var app = builder.Build();
        app.MapWebSurface();
        return app;
    }

    public static async Task RunAsync(WebApplication app, TextWriter output, CancellationToken cancellation)
    {
        await app.StartAsync(cancellation);
        foreach (var address in app.Urls)
        {
            await output.WriteLineAsync($"TiersPayant portal: {address}/");
        }

        var credentials = Path.Combine(app.Configuration.DataDirectory(), DemoCredentials.FileName);
        if (File.Exists(credentials))
        {
            await output.WriteLineAsync($"Demo credentials: {credentials}");
        }

        await app.WaitForShutdownAsync(cancellation);
    }
}
