using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OtpNet;
using TiersPayant.Data.Configuration;
using TiersPayant.Security.Accounts;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Accounts;

/// <summary>An attacker with the password and time: the second factor's per-account limit.</summary>
public sealed class SecondFactorLimitTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    private async Task<(TestDatabase Database, PlatformFactory Factory, List<DemoAccount> Accounts)> StartAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var seed = await database.RunAsync("seed", "--beneficiaries", "20", "--practices", "4");
        Assert.True(seed.ExitCode == 0, seed.Error);
        return (database, new PlatformFactory(database, time: _time), await DemoAccount.ReadAsync(database));
    }

    // A 6-digit code that none of the three steps the server accepts now would give.
    private string WrongCode(string secret)
    {
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        var now = _time.GetUtcNow().UtcDateTime;
        var valid = new[] { -30, 0, 30 }.Select(s => totp.ComputeTotp(now.AddSeconds(s))).ToHashSet();
        return Enumerable.Range(0, 1000).Select(i => i.ToString("D6")).First(c => !valid.Contains(c));
    }

    private async Task<int> FailuresAsync(TestDatabase database, string login)
    {
        await using var db = database.OpenContext();
        return await db.Users.Where(u => u.UserName == login).Select(u => u.SecondFactorFailures).SingleAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_hundred_and_one_wrong_codes_from_as_many_addresses_suspend_the_authenticator_and_the_right_code_then_fails(DatabaseProvider provider)
    {
        var (database, factory, accounts) = await StartAsync(provider);
        await using var _ = database;
        await using var __ = factory;
        var victim = accounts[0];

        for (var i = 0; i < SecondFactorLimit.MaxFailures + 1; i++)
        {
            // A botnet: every guess from its own address, each with the password typed again.
            using var bot = new PortalBrowser(factory, _time, PortalBrowser.Firefox, $"10.{i / 200}.{i % 200}.7");
            Assert.Equal(HttpStatusCode.Redirect, (await bot.PasswordAsync(victim.Login, victim.Password)).StatusCode);
            var guess = await bot.CodeAsync(WrongCode(victim.TotpSecret));
            Assert.Equal(HttpStatusCode.OK, guess.StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await bot.GetAsync("/compte")).StatusCode);
            _time.Advance(SecondFactorLimit.DelayAfter(i + 1) + TimeSpan.FromSeconds(1));
        }

        // Only the first hundred were evaluated: the hundred-and-first met a suspended authenticator.
        Assert.Equal(SecondFactorLimit.MaxFailures, await FailuresAsync(database, victim.Login));
        using var owner = new PortalBrowser(factory, _time);
        await owner.PasswordAsync(victim.Login, victim.Password);
        var right = await owner.CodeAsync(owner.Code(victim.TotpSecret));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("est suspendue", await right.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.GetAsync("/compte")).StatusCode);

        await using var db = database.OpenContext();
        var id = await db.Users.Where(u => u.UserName == victim.Login).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.AccountId == id && n.Kind == AccountNotifications.SecondFactorSuspended, TestContext.Current.CancellationToken));
        Assert.Equal(1, await db.SecurityEvents.CountAsync(e => e.AccountId == id && e.Kind == SecurityEvents.SecondFactorSuspended, TestContext.Current.CancellationToken));
        // One "failed" notice per series and one when the delays start, not one per guess.
        Assert.Equal(2, await db.Notifications.CountAsync(n => n.AccountId == id && n.Kind == AccountNotifications.SecondFactorFailed, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_holder_recovers_a_suspended_authenticator_with_a_recovery_code_and_is_sent_to_change_the_password()
    {
        var (database, factory, accounts) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _ = database;
        await using var __ = factory;
        var victim = accounts[1];
        IReadOnlyList<string> codes;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.TiersPayantDbContext>();
            var id = await db.Users.Where(u => u.UserName == victim.Login).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
            codes = await scope.ServiceProvider.GetRequiredService<RecoveryCodes>().RegenerateAsync(id, TestContext.Current.CancellationToken);
            await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.SecondFactorFailures, SecondFactorLimit.MaxFailures), TestContext.Current.CancellationToken);
        }

        using var owner = new PortalBrowser(factory, _time);
        await owner.PasswordAsync(victim.Login, victim.Password);
        var recovered = await owner.CodeAsync(codes[0]);

        Assert.Equal(SecondFacteurPath.AfterRecovery, recovered.Headers.Location?.OriginalString);
        Assert.Contains("quelqu'un connaît votre mot de passe", await (await owner.GetAsync(SecondFacteurPath.AfterRecovery)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(0, await FailuresAsync(database, victim.Login));
        _time.Advance(TimeSpan.FromSeconds(31));
        using var later = new PortalBrowser(factory, _time);
        await later.LogInAsync(victim); // the authenticator works again
    }

    [Fact]
    public async Task Typing_the_password_again_does_not_reset_the_count_and_the_delays_hold_even_the_right_code()
    {
        var (database, factory, accounts) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _ = database;
        await using var __ = factory;
        var victim = accounts[2];
        using var attacker = new PortalBrowser(factory, _time, PortalBrowser.Firefox);

        for (var i = 0; i < SecondFactorLimit.FreeFailures + 1; i++)
        {
            await attacker.PasswordAsync(victim.Login, victim.Password); // a new pending login every time
            Assert.Equal(HttpStatusCode.OK, (await attacker.CodeAsync(WrongCode(victim.TotpSecret))).StatusCode);
        }

        Assert.Equal(SecondFactorLimit.FreeFailures + 1, await FailuresAsync(database, victim.Login));
        await attacker.PasswordAsync(victim.Login, victim.Password);
        var held = await attacker.CodeAsync(attacker.Code(victim.TotpSecret));
        Assert.Equal(HttpStatusCode.TooManyRequests, held.StatusCode);
        Assert.Equal(((int)SecondFactorLimit.DelayAfter(SecondFactorLimit.FreeFailures + 1).TotalSeconds).ToString(), held.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await attacker.GetAsync("/compte")).StatusCode);
        Assert.Equal(SecondFactorLimit.FreeFailures + 1, await FailuresAsync(database, victim.Login)); // not evaluated, not counted

        _time.Advance(SecondFactorLimit.DelayAfter(SecondFactorLimit.FreeFailures + 1));
        using var owner = new PortalBrowser(factory, _time);
        await owner.LogInAsync(victim);
        Assert.Equal(0, await FailuresAsync(database, victim.Login));
    }

    [Fact]
    public async Task A_code_is_accepted_one_step_either_side_but_not_two()
    {
        var (database, factory, accounts) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _ = database;
        await using var __ = factory;
        var totp = new Totp(Base32Encoding.ToBytes(accounts[3].TotpSecret));
        var now = _time.GetUtcNow().UtcDateTime;

        using var late = new PortalBrowser(factory, _time);
        await late.PasswordAsync(accounts[3].Login, accounts[3].Password);
        Assert.Equal(HttpStatusCode.OK, (await late.CodeAsync(totp.ComputeTotp(now.AddSeconds(-60)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await late.CodeAsync(totp.ComputeTotp(now.AddSeconds(60)))).StatusCode);
        var previous = await late.CodeAsync(totp.ComputeTotp(now.AddSeconds(-30)));
        Assert.Equal(HttpStatusCode.Redirect, previous.StatusCode);
        Assert.Equal("/droits", previous.Headers.Location?.OriginalString);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task One_code_sent_twice_at_once_opens_one_session(DatabaseProvider provider)
    {
        var (database, factory, accounts) = await StartAsync(provider);
        await using var _ = database;
        await using var __ = factory;
        using var first = new PortalBrowser(factory, _time);
        using var second = new PortalBrowser(factory, _time, PortalBrowser.Firefox);
        await first.PasswordAsync(accounts[0].Login, accounts[0].Password);
        await second.PasswordAsync(accounts[0].Login, accounts[0].Password);
        var code = first.Code(accounts[0].TotpSecret);

        var answers = await Task.WhenAll(first.CodeAsync(code), second.CodeAsync(code));

        Assert.Single(answers, a => a.Headers.Location?.OriginalString == "/droits");
        await using var db = database.OpenContext();
        Assert.Equal(1, await db.Sessions.CountAsync(TestContext.Current.CancellationToken));
    }
}

/// <summary>Paths the tests expect the second-factor page to send a recovered holder to.</summary>
internal static class SecondFacteurPath
{
    public const string AfterRecovery = TiersPayant.Accounts.Pages.Connexion.SecondFacteurModel.MotDePasseAfterRecovery;
}
