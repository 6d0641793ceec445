using System.Net;
using Microsoft.Extensions.Time.Testing;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Accounts;

/// <summary>A shared pharmacy or hospital address under attack: its honest users keep working.</summary>
public sealed class KnownDeviceTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task After_fifty_failed_logins_from_one_address_a_known_device_there_logs_in_at_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Assert.Equal(0, (await database.RunAsync("seed", "--beneficiaries", "20", "--practices", "4")).ExitCode);
        // The per-minute rate limiter runs on the real clock and refills when a minute passes: out of the way here, so
        // that what is shown is the durable failure count per address (on the test's clock).
        database.Settings["Accounts:Login:PerAddressPerMinute"] = "1000";
        await using var factory = new PlatformFactory(database, time: _time);
        var accounts = await DemoAccount.ReadAsync(database);
        const string pharmacy = "203.0.113.10"; // one NAT for the whole pharmacy
        var pharmacist = accounts[0];
        using var counter = new PortalBrowser(factory, _time, PortalBrowser.Chrome, pharmacy);
        await counter.LogInAsync(pharmacist); // yesterday: this browser is now known to the account
        Assert.Equal(HttpStatusCode.Redirect, (await counter.PostFormAsync("/compte", "/deconnexion")).StatusCode);

        using var attacker = new PortalBrowser(factory, _time, PortalBrowser.Firefox, pharmacy);
        var refusedOrThrottled = 0;
        for (var i = 0; i < 50; i++)
        {
            var attempt = await attacker.PasswordAsync(i % 2 == 0 ? pharmacist.Login : accounts[1 + (i % 3)].Login, $"mauvais-mot-de-passe-{i}");
            refusedOrThrottled += attempt.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests ? 1 : 0;
        }

        Assert.Equal(50, refusedOrThrottled);
        using var newcomer = new PortalBrowser(factory, _time, PortalBrowser.Chrome, pharmacy); // a colleague's new browser
        Assert.Equal(HttpStatusCode.TooManyRequests, (await newcomer.PasswordAsync(accounts[1].Login, accounts[1].Password)).StatusCode);
        _time.Advance(TimeSpan.FromSeconds(31));
        await counter.LogInAsync(pharmacist);
        Assert.Equal(HttpStatusCode.OK, (await counter.GetAsync("/droits")).StatusCode);
    }

    [Fact]
    public async Task A_known_device_is_slowed_by_its_own_wrong_passwords_only()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        Assert.Equal(0, (await database.RunAsync("seed", "--beneficiaries", "20", "--practices", "4")).ExitCode);
        await using var factory = new PlatformFactory(database, time: _time);
        var pharmacist = (await DemoAccount.ReadAsync(database))[0];
        using var counter = new PortalBrowser(factory, _time);
        await counter.LogInAsync(pharmacist);
        await counter.PostFormAsync("/compte", "/deconnexion");

        // Wrong passwords typed on the known browser itself: it waits, like any other.
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await counter.PasswordAsync(pharmacist.Login, $"faute-de-frappe-{i}")).StatusCode);
        }

        var waiting = await counter.PasswordAsync(pharmacist.Login, pharmacist.Password);
        Assert.Equal(HttpStatusCode.OK, waiting.StatusCode); // the same refusal as a wrong password
        Assert.Contains("Identifiant ou mot de passe incorrect", await waiting.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        // The account itself was not slowed: another browser of the holder logs in.
        _time.Advance(TimeSpan.FromSeconds(31));
        using var phone = new PortalBrowser(factory, _time, PortalBrowser.Firefox);
        await phone.LogInAsync(pharmacist);
    }
}
