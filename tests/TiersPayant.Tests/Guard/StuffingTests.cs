using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Configuration;
using TiersPayant.Security.Accounts;
using TiersPayant.Tests.Accounts;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Guard;

/// <summary>Failed password steps seen across the platform: credential stuffing opens an alert for the security team.</summary>
public sealed class StuffingTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Many_logins_failing_from_one_network_and_one_login_from_many_networks_open_alerts_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Assert.Equal(0, (await database.RunAsync("seed", "--beneficiaries", "50", "--practices", "8")).ExitCode);
        database.Settings["Accounts:Login:PerAddressPerMinute"] = "1000";
        await using var factory = new PlatformFactory(database);
        var accounts = await DemoAccount.ReadAsync(database);

        // Seven logins (known or not) from one botnet network, each tried twice.
        foreach (var login in accounts.Take(5).Select(a => a.Login).Concat(["inconnu.1", "inconnu.2"]))
        {
            for (var i = 0; i < 2; i++)
            {
                using var bot = new PortalBrowser(factory, TimeProvider.System, address: $"203.0.113.{10 + i}");
                await bot.PasswordAsync(login, "Printemps2024!");
            }
        }

        // One login tried from four networks.
        for (var n = 0; n < 4; n++)
        {
            using var bot = new PortalBrowser(factory, TimeProvider.System, address: $"198.51.{100 + n}.7");
            await bot.PasswordAsync(accounts[6].Login, "Azerty123!" + n);
        }

        await using var db = database.OpenContext();
        var alerts = await db.GuardEvents.Where(e => e.Decision == "alert").ToListAsync(Cancellation);
        var fromNetwork = Assert.Single(alerts, a => a.Reason == "many-logins-one-network");
        Assert.Equal("203.0.113.0/24", fromNetwork.SourceAddress);
        Assert.StartsWith("5 different logins failed from 203.0.113.0/24", fromNetwork.Detail, StringComparison.Ordinal);
        var oneLogin = Assert.Single(alerts, a => a.Reason == "one-login-many-networks");
        Assert.StartsWith("one login failed from 4 networks", oneLogin.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(alerts, a => (a.Detail ?? string.Empty).Contains(accounts[6].Login, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(18, await db.LoginFailures.CountAsync(Cancellation));

        var staff = await DemoStaffAccount.ReadAsync(database);
        using var analyst = new PortalBrowser(factory, TimeProvider.System);
        await analyst.UseSessionOfAsync(staff.Single(s => s.Role == StaffRoles.Security).Login, "passkey");
        var console = await (await analyst.GetAsync("/securite")).Content.ReadAsStringAsync(Cancellation);
        Assert.Contains("Plusieurs identifiants en échec depuis un même réseau", console, StringComparison.Ordinal);
        Assert.Contains("Un identifiant en échec depuis plusieurs réseaux", console, StringComparison.Ordinal);
    }
}
