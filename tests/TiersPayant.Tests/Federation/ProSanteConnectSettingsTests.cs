using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TiersPayant.Data.Configuration;
using TiersPayant.Accounts.ProSanteConnect;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Federation;

/// <summary>What the platform does with Pro Santé Connect switched off, misconfigured, or out of reach.</summary>
public sealed class ProSanteConnectSettingsTests
{
    private const string S = ProSanteConnectOptions.Section + ":";

    private static async Task<TestDatabase> EmptyDatabaseAsync()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        database.Settings["Demo:SeedOnFirstStart"] = "false";
        return database;
    }

    [Fact]
    public async Task Without_configuration_there_is_no_button_and_no_federation_path()
    {
        await using var database = await EmptyDatabaseAsync();
        await using var platform = new PlatformFactory(database);
        using var client = platform.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        var login = await client.GetStringAsync(new Uri("/connexion", UriKind.Relative), TestContext.Current.CancellationToken);
        var start = await client.GetAsync(new Uri("/connexion/pro-sante-connect", UriKind.Relative), TestContext.Current.CancellationToken);
        var callback = await client.GetAsync(new Uri("/connexion/pro-sante-connect/retour?code=x&state=y", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.DoesNotContain("Pro Santé Connect", login, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, callback.StatusCode);
    }

    [Fact]
    public async Task Enabled_with_incomplete_settings_the_server_does_not_start()
    {
        await using var database = await EmptyDatabaseAsync();
        database.Settings[S + "Enabled"] = "true";
        database.Settings[S + "Authority"] = "http://provider.example/";
        database.Settings[S + "RequiredAcr"] = "eidas9";

        // `serve` takes its settings from its command line, as an operator would give them; a
        // regression would serve forever, so the wait is bounded.
        string[] args = ["serve", "--urls", "http://127.0.0.1:0", .. database.Settings.Select(s => $"--{s.Key}={s.Value}")];
        var serve = await database.RunAsync(args).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal(1, serve.ExitCode);
        Assert.Contains("Authority must be an absolute https address", serve.Error, StringComparison.Ordinal);
        Assert.Contains("ClientId is required", serve.Error, StringComparison.Ordinal);
        Assert.Contains("PrivateKeyFile is required", serve.Error, StringComparison.Ordinal);
        Assert.Contains("RequiredAcr must be one of the levels", serve.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("TiersPayant portal:", serve.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_provider_gets_a_clear_page_instead_of_an_error()
    {
        await using var database = await EmptyDatabaseAsync();
        database.Settings[S + "Enabled"] = "true";
        database.Settings[S + "Authority"] = $"http://127.0.0.1:{ClosedPort()}/";
        database.Settings[S + "ClientId"] = "tierspayant";
        database.Settings[S + "ClientAuthentication"] = ProSanteConnectOptions.ClientSecretPost;
        database.Settings[S + "ClientSecret"] = "not-a-real-secret";
        await using var platform = new PlatformFactory(database);
        using var failures = new MetricCollector<long>(
            platform.Services.GetRequiredService<IMeterFactory>(), FederationMetrics.MeterName, FederationMetrics.FailuresName);
        using var client = platform.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        var login = await client.GetStringAsync(new Uri("/connexion", UriKind.Relative), TestContext.Current.CancellationToken);
        var start = await client.GetAsync(new Uri("/connexion/pro-sante-connect", UriKind.Relative), TestContext.Current.CancellationToken);
        var page = await client.GetAsync(start.Headers.Location, TestContext.Current.CancellationToken);

        Assert.Contains("href=\"/connexion/pro-sante-connect\"", login, StringComparison.Ordinal);
        Assert.Equal(ProSanteConnectSetup.RefusalPath + "?motif=indisponible", start.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("Pro Santé Connect ne répond pas pour le moment", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal("provider_unavailable", Assert.Single(failures.GetMeasurementSnapshot()).Tags[FederationMetrics.ReasonTag]);
    }

    // A port that was free a moment ago: nothing listens there.
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
