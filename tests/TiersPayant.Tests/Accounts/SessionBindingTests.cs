using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TiersPayant.Data.Configuration;
using TiersPayant.Guard;
using TiersPayant.Security.Accounts;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Accounts;

/// <summary>A stolen session cookie, replayed from another browser or network.</summary>
public sealed class SessionBindingTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    private async Task<(TestDatabase Database, PlatformFactory Factory, List<DemoAccount> Accounts)> StartAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var seed = await database.RunAsync("seed", "--beneficiaries", "20", "--practices", "4");
        Assert.True(seed.ExitCode == 0, seed.Error);
        return (database, new PlatformFactory(database, time: _time), await DemoAccount.ReadAsync(database));
    }

    // Every GET path the portal serves that discloses personal data, plus the account pages.
    private static List<string> DisclosingPages(PlatformFactory factory) =>
        [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<DisclosesPersonalDataAttribute>() is not null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'))
            .Where(path => !path.StartsWith("/api/", StringComparison.Ordinal) && !path.StartsWith("/fhir/", StringComparison.Ordinal) && !path.Contains('{', StringComparison.Ordinal))
            .Concat(["/compte", "/compte/mot-de-passe", "/compte/cle-d-acces"])
            .Distinct()];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_session_cookie_replayed_from_another_browser_or_network_reaches_nothing_before_a_step_up(DatabaseProvider provider)
    {
        var (database, factory, accounts) = await StartAsync(provider);
        await using var _ = database;
        await using var __ = factory;
        using var office = new PortalBrowser(factory, _time, PortalBrowser.Chrome, "203.0.113.10");
        await office.LogInAsync(accounts.First(a => a.Profession == "pharmacien"));
        using var otherBrowser = new PortalBrowser(factory, _time, PortalBrowser.Firefox, "203.0.113.10");
        using var otherNetwork = new PortalBrowser(factory, _time, PortalBrowser.Chrome, "198.51.100.23");
        using var sameNetwork = new PortalBrowser(factory, _time, PortalBrowser.Chrome, "203.0.113.99");
        office.CopySessionTo(otherBrowser);
        office.CopySessionTo(otherNetwork);
        office.CopySessionTo(sameNetwork);

        var pages = DisclosingPages(factory);
        Assert.Contains("/droits", pages);
        foreach (var thief in new[] { otherBrowser, otherNetwork })
        {
            foreach (var path in pages)
            {
                var answer = await thief.GetAsync(path);
                Assert.True(answer.StatusCode == HttpStatusCode.Redirect, $"{path}: {answer.StatusCode}");
                Assert.True(answer.Headers.Location?.OriginalString.StartsWith("/connexion", StringComparison.Ordinal), $"{path}: {answer.Headers.Location}");
            }

            Assert.Equal("/connexion/verification?returnUrl=%2Fdroits", (await thief.GetAsync("/droits")).Headers.Location?.OriginalString);
        }

        Assert.Equal(HttpStatusCode.OK, (await sameNetwork.GetAsync("/droits")).StatusCode); // another host of the same network
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/droits")).StatusCode);
        // Shown the step-up, both thieves are recorded once: once per move of the session, not per request.
        Assert.Equal(HttpStatusCode.OK, (await otherBrowser.GetAsync("/connexion/verification")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otherNetwork.GetAsync("/connexion/verification")).StatusCode);
        await using var db = database.OpenContext();
        Assert.Equal(1, await db.SecurityEvents.CountAsync(e => e.Kind == SecurityEvents.StepUpAsked, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_wrong_code_on_the_step_up_ends_the_session_everywhere_and_the_holder_is_told()
    {
        var (database, factory, accounts) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _ = database;
        await using var __ = factory;
        var victim = accounts[0];
        using var office = new PortalBrowser(factory, _time, PortalBrowser.Chrome, "203.0.113.10");
        await office.LogInAsync(victim);
        using var thief = new PortalBrowser(factory, _time, PortalBrowser.Firefox, "198.51.100.23");
        office.CopySessionTo(thief);

        var refused = await thief.PostFormAsync("/connexion/verification", "/connexion/verification", ("code", "123456"), ("returnUrl", "/droits"));

        Assert.Contains("la session a été fermée", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await thief.GetAsync("/droits")).StatusCode);
        Assert.Equal("/connexion?returnUrl=%2Fdroits", (await office.GetAsync("/droits")).Headers.Location?.OriginalString);
        _time.Advance(TimeSpan.FromSeconds(31));
        await office.LogInAsync(victim);
        Assert.Contains("sans le bon second facteur", await (await office.GetAsync("/compte")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        await using var db = database.OpenContext();
        Assert.Equal(1, await db.SecurityEvents.CountAsync(e => e.Kind == SecurityEvents.StepUpRefused, TestContext.Current.CancellationToken));
        Assert.Equal("step-up-refused", await db.Sessions.Where(s => s.EndedAt != null).Select(s => s.EndedReason).FirstAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_holder_on_a_new_network_steps_up_with_a_code_and_the_session_moves_there()
    {
        var (database, factory, accounts) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _ = database;
        await using var __ = factory;
        var holder = accounts[1];
        using var office = new PortalBrowser(factory, _time, PortalBrowser.Chrome, "203.0.113.10");
        await office.LogInAsync(holder);
        using var moved = new PortalBrowser(factory, _time, PortalBrowser.Chrome, "192.0.2.44"); // the same laptop on the phone's hotspot
        office.CopySessionTo(moved);
        _time.Advance(TimeSpan.FromSeconds(31));

        var asked = await moved.GetAsync("/droits");
        var passed = await moved.PostFormAsync("/connexion/verification", "/connexion/verification", ("code", moved.Code(holder.TotpSecret)), ("returnUrl", "/droits"));

        Assert.StartsWith("/connexion/verification", asked.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal("/droits", passed.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await moved.GetAsync("/droits")).StatusCode);
        Assert.StartsWith("/connexion/verification", (await office.GetAsync("/droits")).Headers.Location?.OriginalString, StringComparison.Ordinal);
        await using var db = database.OpenContext();
        Assert.Equal(
            [SecurityEvents.StepUpAsked, SecurityEvents.StepUpPassed],
            (await db.SecurityEvents.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken)).OrderBy(e => e.Id).Select(e => e.Kind).ToArray());
        Assert.Equal("192.0.2.0/24", await db.Sessions.Select(s => s.Network).SingleAsync(TestContext.Current.CancellationToken));
    }
}
