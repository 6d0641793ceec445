using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TiersPayant.Data.Configuration;
using TiersPayant.Security.Accounts;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Accounts;

public sealed class SecurityConsoleTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    private async Task<(TestDatabase Database, PlatformFactory Factory, List<DemoAccount> Accounts, List<DemoStaffAccount> Staff)> StartAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var seed = await database.RunAsync("seed", "--beneficiaries", "20", "--practices", "4");
        Assert.True(seed.ExitCode == 0, seed.Error);
        return (database, new PlatformFactory(database, time: _time), await DemoAccount.ReadAsync(database), await DemoStaffAccount.ReadAsync(database));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_security_team_ends_every_session_of_an_account_and_its_holder_is_told(DatabaseProvider provider)
    {
        var (database, factory, accounts, staff) = await StartAsync(provider);
        await using var _ = database;
        await using var __ = factory;
        var victim = accounts[0];
        using var office = new PortalBrowser(factory, _time);
        using var attacker = new PortalBrowser(factory, _time, "Mozilla/5.0 (Windows NT 10.0) Firefox/140.0");
        await office.LogInAsync(victim);
        _time.Advance(TimeSpan.FromSeconds(31)); // the next TOTP step: each code is usable once
        await attacker.LogInAsync(victim);
        using var analyst = new PortalBrowser(factory, _time);
        await analyst.UseSessionOfAsync(staff.Single(s => s.Role == StaffRoles.Security).Login, "passkey");

        var found = await analyst.PostFormAsync("/securite", "/securite?handler=Find", ("login", victim.Login));
        var foundPage = await found.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Sessions ouvertes : 2", foundPage, StringComparison.Ordinal);
        var accountId = System.Text.RegularExpressions.Regex.Match(foundPage, "name=\"accountId\" value=\"([^\"]+)\"").Groups[1].Value;
        var ended = await analyst.PostFormAsync("/securite", "/securite?handler=EndAll", ("accountId", accountId));

        Assert.Contains("2 session(s) fermée(s)", await ended.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await office.GetAsync("/compte")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await attacker.GetAsync("/compte")).StatusCode);
        _time.Advance(TimeSpan.FromSeconds(31));
        await office.LogInAsync(victim);
        var page = await (await office.GetAsync("/compte")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Toutes vos sessions ont été fermées par", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_security_and_administrators_logged_in_with_a_passkey_reach_the_console()
    {
        var (database, factory, accounts, staff) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _ = database;
        await using var __ = factory;
        using var professional = new PortalBrowser(factory, _time);
        await professional.LogInAsync(accounts[0]);
        using var codeOnly = new PortalBrowser(factory, _time);
        await codeOnly.UseSessionOfAsync(staff.Single(s => s.Role == StaffRoles.Security).Login, "totp");
        using var support = new PortalBrowser(factory, _time);
        await support.UseSessionOfAsync(staff.Single(s => s.Role == StaffRoles.Support).Login, "passkey");
        using var admin = new PortalBrowser(factory, _time);
        await admin.UseSessionOfAsync(staff.Single(s => s.Role == StaffRoles.Administrator).Login, "passkey");
        using var anonymous = new PortalBrowser(factory, _time);

        Assert.Equal(HttpStatusCode.Forbidden, (await professional.GetAsync("/securite")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await codeOnly.GetAsync("/securite")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await support.GetAsync("/securite")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/securite")).StatusCode);
        Assert.StartsWith("/connexion", (await anonymous.GetAsync("/securite")).Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_security_team_sees_a_suspended_authenticator_and_reactivates_it_once_the_identity_is_checked()
    {
        var (database, factory, accounts, staff) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _ = database;
        await using var __ = factory;
        var victim = accounts[1];
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.TiersPayantDbContext>();
            var id = await db.Users.Where(u => u.UserName == victim.Login).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
            await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.SecondFactorFailures, SecondFactorLimit.MaxFailures), TestContext.Current.CancellationToken);
            scope.ServiceProvider.GetRequiredService<SecurityEvents>().Add(SecurityEvents.SecondFactorSuspended, id, "100 échecs consécutifs");
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        using var analyst = new PortalBrowser(factory, _time);
        await analyst.UseSessionOfAsync(staff.Single(s => s.Role == StaffRoles.Security).Login);
        var console = await (await analyst.GetAsync("/securite")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Second facteur suspendu", console, StringComparison.Ordinal);
        Assert.Contains(victim.Login, console, StringComparison.Ordinal);
        var found = await (await analyst.PostFormAsync("/securite", "/securite?handler=Find", ("login", victim.Login))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("authentification suspendue", found, StringComparison.Ordinal);
        var accountId = System.Text.RegularExpressions.Regex.Match(found, "name=\"accountId\" value=\"([^\"]+)\"").Groups[1].Value;

        var unchecked_ = await analyst.PostFormAsync("/securite", "/securite?handler=ResetSecondFactor", ("accountId", accountId));
        Assert.Equal(HttpStatusCode.BadRequest, unchecked_.StatusCode);
        using (var before = new PortalBrowser(factory, _time))
        {
            await before.PasswordAsync(victim.Login, victim.Password);
            Assert.Equal(HttpStatusCode.OK, (await before.CodeAsync(before.Code(victim.TotpSecret))).StatusCode); // still suspended
        }

        var reset = await analyst.PostFormAsync("/securite", "/securite?handler=ResetSecondFactor", ("accountId", accountId), ("identityChecked", "true"));
        Assert.Contains("Le second facteur est réactivé", await reset.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        _time.Advance(TimeSpan.FromSeconds(31));
        using var owner = new PortalBrowser(factory, _time);
        await owner.LogInAsync(victim);
        Assert.Contains("a réactivé votre application", await (await owner.GetAsync("/compte")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
    [Fact]
    public async Task The_console_shows_the_keys_and_how_far_a_reencryption_has_gone()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var _ = database;
        Assert.Equal(0, (await database.RunAsync("seed", "--beneficiaries", "20", "--practices", "4")).ExitCode);
        database.Settings["Encryption:Keys:2"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        database.Settings["Encryption:CurrentKeyId"] = "2";
        await using var factory = new PlatformFactory(database, time: _time);
        var staff = await DemoStaffAccount.ReadAsync(database);
        using var analyst = new PortalBrowser(factory, _time);
        await analyst.UseSessionOfAsync(staff.Single(s => s.Role == StaffRoles.Security).Login, "passkey");

        var before = await ConsoleAsync(analyst);
        Assert.Contains("<dt>Clé en cours</dt><dd>2</dd>", before, StringComparison.Ordinal);
        Assert.Contains("<dt>Clés détenues</dt><dd>1, 2</dd>", before, StringComparison.Ordinal);
        Assert.Contains("Aucune rotation de clé", before, StringComparison.Ordinal);

        // A re-encryption that has looked at half of the rows, then stops moving.
        await using (var db = database.OpenContext())
        {
            var now = _time.GetUtcNow().UtcDateTime;
            db.KeyRotations.Add(new Data.Protection.KeyRotationRecord
            {
                Id = Guid.CreateVersion7(), KeyId = 2, StartedAt = now.AddHours(-1), UpdatedAt = now, Total = 40, Scanned = 20, Reencrypted = 40,
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var running = await ConsoleAsync(analyst);
        Assert.Contains("Rechiffrement sous la clé 2 en cours", running, StringComparison.Ordinal);
        Assert.Contains("value=\"50\"", running, StringComparison.Ordinal);
        Assert.Contains("20 lignes examinées sur 40, 40 valeurs rechiffrées", running, StringComparison.Ordinal);
        _time.Advance(TiersPayant.Accounts.Pages.Securite.IndexModel.StalledAfter + TimeSpan.FromSeconds(1));
        Assert.Contains("Rechiffrement sous la clé 2 interrompu", await ConsoleAsync(analyst), StringComparison.Ordinal);

        // Taken up again to the end.
        var reencrypted = await database.RunAsync("keys", "reencrypt");
        Assert.True(reencrypted.ExitCode == 0, reencrypted.Error);
        var done = await ConsoleAsync(analyst);
        Assert.Contains("Rechiffrement sous la clé 2 terminé", done, StringComparison.Ordinal);
        Assert.Contains("value=\"100\"", done, StringComparison.Ordinal);
    }

    private static async Task<string> ConsoleAsync(PortalBrowser browser)
    {
        using var response = await browser.GetAsync("/securite");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }
}
