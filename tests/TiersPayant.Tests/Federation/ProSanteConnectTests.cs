using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using TiersPayant.Data.Configuration;
using TiersPayant.Accounts.ProSanteConnect;
using TiersPayant.Tests.Accounts;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Federation;

/// <summary>
/// "Se connecter avec Pro Santé Connect" against a real OpenID Connect provider running in this
/// process (<see cref="TestIdentityProvider"/>): the platform is the real server, configured with
/// that provider's issuer, and every step goes over the protocol as a browser would.
/// </summary>
public sealed class ProSanteConnectTests
{
    private static readonly Uri Callback = new("http://localhost/connexion/pro-sante-connect/retour");

    /// <summary>A seeded database, a provider, and the platform configured to federate with it.</summary>
    private sealed class Setup : IAsyncDisposable
    {
        public required TestDatabase Database { get; init; }
        public required TestIdentityProvider Provider { get; init; }
        public required PlatformFactory Root { get; init; }

        /// <summary>The platform, with its logs collected.</summary>
        public required WebApplicationFactory<Program> Platform { get; init; }
        public required List<DemoAccount> Accounts { get; init; }

        public FakeLogCollector Logs => Platform.Services.GetFakeLogCollector();

        public MetricCollector<long> Failures() =>
            new(Platform.Services.GetRequiredService<IMeterFactory>(), FederationMetrics.MeterName, FederationMetrics.FailuresName);

        /// <summary>The national identifier Pro Santé Connect sends for a seeded account: 8 then its RPPS.</summary>
        public async Task<string> NationalIdentifierAsync(DemoAccount account)
        {
            await using var db = Database.OpenContext();
            var rpps = await db.Users.Where(u => u.UserName == account.Login).Select(u => u.Rpps).SingleAsync(TestContext.Current.CancellationToken);
            return "8" + rpps;
        }

        public async ValueTask DisposeAsync()
        {
            await Root.DisposeAsync();
            await Provider.DisposeAsync();
            await Database.DisposeAsync();
        }
    }

    private static async Task<Setup> StartAsync(
        DatabaseProvider databaseProvider = DatabaseProvider.Sqlite, string clientAuthentication = ProSanteConnectOptions.PrivateKeyJwt,
        bool pushedAuthorization = false)
    {
        var database = await TestDatabase.CreateAsync(databaseProvider);
        var seed = await database.RunAsync("seed", "--beneficiaries", "50", "--practices", "4");
        Assert.True(seed.ExitCode == 0, seed.Error);
        var provider = await TestIdentityProvider.StartAsync(Callback, pushedAuthorization);

        const string S = ProSanteConnectOptions.Section + ":";
        database.Settings[S + "Enabled"] = "true";
        database.Settings[S + "Authority"] = provider.Issuer.ToString();
        database.Settings[S + "ClientId"] = TestIdentityProvider.ClientId;
        database.Settings[S + "ClientAuthentication"] = clientAuthentication;
        if (clientAuthentication == ProSanteConnectOptions.PrivateKeyJwt)
        {
            database.Settings[S + "PrivateKeyFile"] = provider.WriteClientKey(database.DataDirectory);
        }
        else
        {
            database.Settings[S + "ClientSecret"] = provider.ClientSecret;
        }

        // Stricter than the default, to show both "at or above" and "below".
        database.Settings[S + "RequiredAcr"] = "eidas2";
        database.Settings[S + "MaxAuthenticationAge"] = "00:10:00";
        var root = new PlatformFactory(database);
        var platform = root.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddFakeLogging()));
        return new Setup { Database = database, Provider = provider, Root = root, Platform = platform, Accounts = await DemoAccount.ReadAsync(database) };
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_mapped_professional_logs_in_with_Pro_Sante_Connect_and_reaches_the_account_page(DatabaseProvider databaseProvider)
    {
        await using var setup = await StartAsync(databaseProvider);
        var optician = setup.Accounts.First(a => a.Profession == "opticien");
        var identifier = await setup.NationalIdentifierAsync(optician);
        setup.Provider.Next = new(identifier, "eidas3", DateTimeOffset.UtcNow.AddMinutes(-1));
        using var browser = new FederationBrowser(setup.Platform);

        var callback = await browser.LogInAsync();
        var account = await browser.GetAsync("/compte");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/droits", callback.Headers.Location?.OriginalString); // professionals land on the day's work
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Contains(optician.Login, await account.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        await using (var db = setup.Database.OpenContext())
        {
            var session = await db.Sessions.SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal("pro-sante-connect", session.Method);
        }

        Assert.Empty(browser.FlowCookies());
        Assert.DoesNotContain(setup.Logs.GetSnapshot(), log => log.Message.Contains(identifier[1..], StringComparison.Ordinal));
        var request = browser.AuthorizationRequest!.Query;
        Assert.Contains("response_type=code", request, StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", request, StringComparison.Ordinal);
        Assert.Contains("scope=openid%20scope_all", request, StringComparison.Ordinal);
        Assert.Contains("acr_values=eidas2", request, StringComparison.Ordinal);
        Assert.Contains("max_age=600", request, StringComparison.Ordinal);
        Assert.DoesNotContain("x-client-", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_secret_authenticates_the_platform_as_well()
    {
        await using var setup = await StartAsync(clientAuthentication: ProSanteConnectOptions.ClientSecretPost);
        setup.Provider.Next = new(await setup.NationalIdentifierAsync(setup.Accounts[0]), "eidas2", DateTimeOffset.UtcNow);
        using var browser = new FederationBrowser(setup.Platform);

        var callback = await browser.LogInAsync();

        Assert.Equal("/droits", callback.Headers.Location?.OriginalString); // professionals land on the day's work
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/compte")).StatusCode);
    }

    [Fact]
    public async Task A_pushed_authorization_request_is_signed_for_with_the_client_assertion_too()
    {
        await using var setup = await StartAsync(pushedAuthorization: true);
        setup.Provider.Next = new(await setup.NationalIdentifierAsync(setup.Accounts[1]), "eidas3", DateTimeOffset.UtcNow);
        using var browser = new FederationBrowser(setup.Platform);

        var callback = await browser.LogInAsync();

        // The browser carries only a reference to the request the platform pushed.
        Assert.Contains("request_uri=", browser.AuthorizationRequest!.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("acr_values", browser.AuthorizationRequest.Query, StringComparison.Ordinal);
        Assert.Equal("/droits", callback.Headers.Location?.OriginalString); // professionals land on the day's work
    }

    [Fact]
    public async Task An_acr_below_the_required_level_is_refused()
    {
        await using var setup = await StartAsync();
        using var failures = setup.Failures();
        setup.Provider.Next = new(await setup.NationalIdentifierAsync(setup.Accounts[0]), "eidas1", DateTimeOffset.UtcNow);
        using var browser = new FederationBrowser(setup.Platform);

        var page = await RefusedAsync(browser, await browser.LogInAsync(), "niveau");

        Assert.Contains("Le niveau d'authentification transmis par Pro Santé Connect ne suffit pas", page, StringComparison.Ordinal);
        AssertCounted(failures, "acr_insufficient");
        await AssertNoSessionAsync(setup);
    }

    [Fact]
    public async Task An_authentication_older_than_allowed_is_refused()
    {
        await using var setup = await StartAsync();
        using var failures = setup.Failures();
        setup.Provider.Next = new(await setup.NationalIdentifierAsync(setup.Accounts[0]), "eidas3", DateTimeOffset.UtcNow.AddHours(-2));
        using var browser = new FederationBrowser(setup.Platform);

        var page = await RefusedAsync(browser, await browser.LogInAsync(), "anciennete");

        Assert.Contains("Votre authentification auprès de Pro Santé Connect est trop ancienne", page, StringComparison.Ordinal);
        AssertCounted(failures, "auth_time_too_old");
        await AssertNoSessionAsync(setup);
    }

    [Fact]
    public async Task An_unknown_RPPS_is_refused_without_creating_an_account_or_naming_it()
    {
        await using var setup = await StartAsync();
        using var failures = setup.Failures();
        const string Unknown = "10123456789";
        setup.Provider.Next = new("8" + Unknown, "eidas3", DateTimeOffset.UtcNow);
        using var browser = new FederationBrowser(setup.Platform);
        await using var db = setup.Database.OpenContext();
        var accounts = await db.Users.CountAsync(TestContext.Current.CancellationToken);

        var page = await RefusedAsync(browser, await browser.LogInAsync(), "compte");

        Assert.Contains("Aucun compte du portail n'est associé à votre identité Pro Santé Connect", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Unknown, page, StringComparison.Ordinal);
        Assert.Equal(accounts, await db.Users.CountAsync(TestContext.Current.CancellationToken));
        AssertCounted(failures, "unknown_professional");
        Assert.DoesNotContain(setup.Logs.GetSnapshot(), log =>
            log.Message.Contains(Unknown, StringComparison.Ordinal) || (log.Exception?.ToString().Contains(Unknown, StringComparison.Ordinal) ?? false));
        await AssertNoSessionAsync(setup);
    }

    [Fact]
    public async Task A_cancelled_login_is_refused_and_leaves_no_cookie_of_the_flow()
    {
        await using var setup = await StartAsync();
        using var failures = setup.Failures();
        setup.Provider.Next = null;
        using var browser = new FederationBrowser(setup.Platform);

        await RefusedAsync(browser, await browser.LogInAsync(), "annulee");

        AssertCounted(failures, "provider_denied");
    }

    [Fact]
    public async Task A_forged_callback_is_refused()
    {
        await using var setup = await StartAsync();
        using var failures = setup.Failures();
        using var browser = new FederationBrowser(setup.Platform);

        var page = await RefusedAsync(browser, await browser.GetAsync("/connexion/pro-sante-connect/retour?code=forged&state=forged"), "echec");

        Assert.Contains("La connexion avec Pro Santé Connect n'a pas abouti", page, StringComparison.Ordinal);
        AssertCounted(failures, "invalid_response");
    }

    /// <summary>Follows a refusal to its page and checks what every refusal shares; returns the page.</summary>
    private static async Task<string> RefusedAsync(FederationBrowser browser, HttpResponseMessage callback, string motif)
    {
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal(ProSanteConnectSetup.RefusalPath + "?motif=" + motif, callback.Headers.Location?.OriginalString);
        var page = await browser.GetAsync(callback.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/compte")).StatusCode);
        Assert.Empty(browser.FlowCookies());
        return await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static void AssertCounted(MetricCollector<long> failures, string reason)
    {
        var measurement = Assert.Single(failures.GetMeasurementSnapshot());
        Assert.Equal(1, measurement.Value);
        var tag = Assert.Single(measurement.Tags);
        Assert.Equal(FederationMetrics.ReasonTag, tag.Key);
        Assert.Equal(reason, tag.Value);
    }

    private static async Task AssertNoSessionAsync(Setup setup)
    {
        await using var db = setup.Database.OpenContext();
        Assert.False(await db.Sessions.AnyAsync(TestContext.Current.CancellationToken));
    }
}
