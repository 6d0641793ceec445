using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TiersPayant.Data.Accounts;
using TiersPayant.Security.Accounts;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Accounts;

public sealed partial class PortalLoginTests
{
    // The server's clock is the test's: TOTP steps pass when the test says so.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    private async Task<(TestDatabase Database, PlatformFactory Factory, List<DemoAccount> Accounts)> StartAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var seed = await database.RunAsync("seed", "--beneficiaries", "50", "--practices", "8");
        Assert.True(seed.ExitCode == 0, seed.Error);
        return (database, new PlatformFactory(database, time: _time), await DemoAccount.ReadAsync(database));
    }

    private PortalBrowser Browser(PlatformFactory factory, string? userAgent = null) =>
        userAgent is null ? new PortalBrowser(factory, _time) : new PortalBrowser(factory, _time, userAgent);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Password_and_TOTP_open_a_session_that_reaches_the_account_page(DatabaseProvider provider)
    {
        var (database, factory, accounts) = await StartAsync(provider);
        await using var _ = database;
        await using var __ = factory;
        using var browser = Browser(factory);
        var optician = accounts.First(a => a.Profession == "opticien");

        await browser.LogInAsync(optician);
        var page = await browser.GetAsync("/compte");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(optician.Login, await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_alone_reaches_nothing()
    {
        var (database, factory, accounts) = await StartAsync();
        await using var _ = database;
        await using var __ = factory;
        using var browser = Browser(factory);

        var password = await browser.PasswordAsync(accounts[0].Login, accounts[0].Password);
        var account = await browser.GetAsync("/compte");

        Assert.Equal("/connexion/second-facteur", password.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, account.StatusCode);
        Assert.StartsWith("/connexion", account.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_TOTP_code_cannot_be_used_twice()
    {
        var (database, factory, accounts) = await StartAsync();
        await using var _ = database;
        await using var __ = factory;
        using var first = Browser(factory);
        using var second = Browser(factory);

        var code = await first.LogInAsync(accounts[0]);
        await second.PasswordAsync(accounts[0].Login, accounts[0].Password);
        var replay = await second.CodeAsync(code);

        Assert.Contains("Code incorrect ou déjà utilisé", await replay.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/compte")).StatusCode);
    }

    [Fact]
    public async Task Unknown_login_and_wrong_password_get_the_same_answer()
    {
        var (database, factory, accounts) = await StartAsync();
        await using var _ = database;
        await using var __ = factory;
        using var browser = Browser(factory);

        var wrongPassword = await browser.PasswordAsync(accounts[0].Login, "pas-le-bon-mot-de-passe");
        var unknownLogin = await browser.PasswordAsync("personne.inconnue", "pas-le-bon-mot-de-passe");

        Assert.Equal(HttpStatusCode.OK, wrongPassword.StatusCode);
        Assert.Contains("Identifiant ou mot de passe incorrect", await wrongPassword.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(wrongPassword.StatusCode, unknownLogin.StatusCode);
        Assert.Equal(
            Normalize(await wrongPassword.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), accounts[0].Login),
            Normalize(await unknownLogin.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), "personne.inconnue"));
    }

    [Fact]
    public async Task Ending_a_session_from_the_list_logs_that_browser_out()
    {
        var (database, factory, accounts) = await StartAsync();
        await using var _ = database;
        await using var __ = factory;
        using var office = Browser(factory);
        using var stolen = Browser(factory, "Mozilla/5.0 (Windows NT 10.0) Firefox/140.0");
        await office.LogInAsync(accounts[0]);
        _time.Advance(TimeSpan.FromSeconds(30)); // the office's code is spent: the next one
        await stolen.LogInAsync(accounts[0]);

        var list = await (await office.GetAsync("/compte")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var firefox = FirefoxSession().Match(list);
        Assert.True(firefox.Success, "the other browser's session is listed");
        var end = await office.PostFormAsync("/compte", "/compte?handler=End", ("sessionId", firefox.Groups[1].Value));

        Assert.Equal(HttpStatusCode.Redirect, end.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await stolen.GetAsync("/compte")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/compte")).StatusCode);
    }

    [Fact]
    public async Task An_administrator_ends_every_session_of_an_account_from_the_command_line()
    {
        var (database, factory, accounts) = await StartAsync();
        await using var _ = database;
        await using var __ = factory;
        using var first = Browser(factory);
        using var second = Browser(factory, "Mozilla/5.0 (Windows NT 10.0) Firefox/140.0");
        await first.LogInAsync(accounts[3]);
        _time.Advance(TimeSpan.FromSeconds(30));
        await second.LogInAsync(accounts[3]);

        var ended = await database.RunAsync("sessions", "end", "--account", accounts[3].Login);
        var unknown = await database.RunAsync("sessions", "end", "--account", "personne");

        Assert.Equal(0, ended.ExitCode);
        Assert.Contains("2 session(s) ended", ended.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await first.GetAsync("/compte")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/compte")).StatusCode);
        Assert.Equal(2, unknown.ExitCode);
    }

    [Fact]
    public async Task An_idle_session_ends_after_thirty_minutes_and_any_session_after_twelve_hours()
    {
        var (database, factory, accounts) = await StartAsync();
        await using var _ = database;
        await using var __ = factory;
        using var idle = Browser(factory);
        await idle.LogInAsync(accounts[4]);

        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await idle.GetAsync("/compte")).StatusCode);
        _time.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.Redirect, (await idle.GetAsync("/compte")).StatusCode);

        using var busy = Browser(factory);
        await busy.LogInAsync(accounts[4]);
        for (var hour = 0; hour < 12; hour++)
        {
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/compte")).StatusCode);
            _time.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/compte")).StatusCode);
            _time.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/compte")).StatusCode);
            _time.Advance(TimeSpan.FromMinutes(20));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await busy.GetAsync("/compte")).StatusCode);
    }

    [Fact]
    public async Task A_staff_account_uses_its_issued_code_only_to_register_a_passkey()
    {
        var (database, factory, _) = await StartAsync();
        await using var __ = database;
        await using var ___ = factory;
        var staff = (await DemoStaffAccount.ReadAsync(database)).First(s => s.Role == StaffRoles.Security);
        using var browser = Browser(factory);

        var step = await browser.PasswordAsync(staff.Login, staff.Password);
        Assert.Equal("/connexion/second-facteur", step.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/compte/cle-d-acces")).StatusCode); // not before the code
        var wrong = await browser.CodeAsync("000000");
        Assert.Contains("Code incorrect ou déjà utilisé", await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var code = browser.Code(staff.TotpSecret);
        var right = await browser.CodeAsync(code);

        Assert.Equal("/compte/cle-d-acces", right.Headers.Location?.OriginalString);
        var enrolment = await (await browser.GetAsync("/compte/cle-d-acces")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"challenge\"", enrolment, StringComparison.Ordinal);
        Assert.Contains("Les comptes du personnel doivent utiliser une clé d'accès", enrolment, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/compte")).StatusCode); // the code opened no session
        using var replay = Browser(factory);
        await replay.PasswordAsync(staff.Login, staff.Password);
        Assert.Equal(HttpStatusCode.OK, (await replay.CodeAsync(code)).StatusCode); // the same code again: refused
    }

    [Fact]
    public async Task A_staff_account_with_a_passkey_refuses_authenticator_codes()
    {
        var (database, factory, _) = await StartAsync();
        await using var __ = database;
        await using var ___ = factory;
        var staff = (await DemoStaffAccount.ReadAsync(database)).First(s => s.Role == StaffRoles.Administrator);
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AccountRecord>>();
            var account = (await users.FindByNameAsync(staff.Login))!;
            var passkey = new UserPasskeyInfo(
                credentialId: [1, 2, 3, 4, 5, 6, 7, 8], publicKey: [9, 9, 9], createdAt: DateTimeOffset.UtcNow, signCount: 0,
                transports: null, isUserVerified: true, isBackupEligible: false, isBackedUp: false, attestationObject: [0], clientDataJson: [0]);
            Assert.True((await users.AddOrUpdatePasskeyAsync(account, passkey)).Succeeded);
        }

        using var browser = Browser(factory);
        await browser.PasswordAsync(staff.Login, staff.Password);
        var page = await (await browser.GetAsync("/connexion/second-facteur")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var code = await browser.PostFormAsync("/connexion/second-facteur", "/connexion/second-facteur", ("code", browser.Code(staff.TotpSecret)));

        Assert.Contains("data-passkey=\"get\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("autocomplete=\"one-time-code\"", page, StringComparison.Ordinal);
        Assert.Contains("Code incorrect ou déjà utilisé", await code.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/compte")).StatusCode);
    }

    [Fact]
    public async Task A_new_device_and_a_failed_second_factor_are_told_at_the_next_login()
    {
        var (database, factory, accounts) = await StartAsync();
        await using var _ = database;
        await using var __ = factory;
        using var attacker = Browser(factory, "Mozilla/5.0 (Windows NT 10.0) Firefox/140.0");
        using var owner = Browser(factory);

        await attacker.PasswordAsync(accounts[1].Login, accounts[1].Password);
        await attacker.CodeAsync("000000");
        await owner.LogInAsync(accounts[1]);
        var page = await (await owner.GetAsync("/compte")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("le second facteur a échoué", page, StringComparison.Ordinal);
        Assert.Contains("nouvel appareil", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_without_a_second_factor_must_enrol_one_before_anything_and_gets_recovery_codes()
    {
        var (database, factory, accounts) = await StartAsync();
        await using var _ = database;
        await using var __ = factory;
        await using (var db = database.OpenContext())
        {
            await db.Users.Where(u => u.UserName == accounts[2].Login)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.TotpSecretCipher, (byte[]?)null), TestContext.Current.CancellationToken);
        }

        using var browser = Browser(factory);
        var password = await browser.PasswordAsync(accounts[2].Login, accounts[2].Password);
        Assert.Equal("/connexion/activation", password.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/compte")).StatusCode);
        var enrolment = await (await browser.GetAsync("/connexion/activation")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var secret = Secret().Match(enrolment).Groups[1].Value;
        var activated = await browser.PostFormAsync("/connexion/activation", "/connexion/activation", ("code", browser.Code(secret)));
        var codes = RecoveryCode().Matches(await activated.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(10, codes.Count);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/compte")).StatusCode);

        using var later = Browser(factory);
        await later.PasswordAsync(accounts[2].Login, accounts[2].Password);
        Assert.Equal(HttpStatusCode.Redirect, (await later.CodeAsync(codes[0])).StatusCode);
        using var again = Browser(factory);
        await again.PasswordAsync(accounts[2].Login, accounts[2].Password);
        Assert.Contains("Code incorrect ou déjà utilisé", await (await again.CodeAsync(codes[0])).Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/compte")).StatusCode);
    }

    private static string Normalize(string html, string login) =>
        AntiforgeryValue().Replace(html.Replace(login, "LOGIN", StringComparison.Ordinal), "TOKEN");

    [GeneratedRegex("value=\"[A-Za-z0-9_-]{40,}\"")]
    private static partial Regex AntiforgeryValue();

    [GeneratedRegex("Firefox sur Windows.*?name=\"sessionId\" value=\"([0-9a-f-]{36})\"", RegexOptions.Singleline)]
    private static partial Regex FirefoxSession();

    [GeneratedRegex("<code class=\"secret\">([A-Z2-7]+)</code>")]
    private static partial Regex Secret();

    [GeneratedRegex("<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>")]
    private static partial Regex RecoveryCode();
}
