using System.Net;
using Microsoft.Extensions.Time.Testing;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Accounts;

public sealed class PasswordChangeTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_changed_password_ends_the_other_sessions_and_replaces_the_old_one()
    {
        await using var database = await TestDatabase.CreateAsync(Data.Configuration.DatabaseProvider.Sqlite);
        Assert.Equal(0, (await database.RunAsync("seed", "--beneficiaries", "20", "--practices", "4")).ExitCode);
        await using var factory = new PlatformFactory(database, time: _time);
        var account = (await DemoAccount.ReadAsync(database))[0];
        using var office = new PortalBrowser(factory, _time);
        using var stolen = new PortalBrowser(factory, _time, "Mozilla/5.0 (Windows NT 10.0) Firefox/140.0");
        await office.LogInAsync(account);
        _time.Advance(TimeSpan.FromSeconds(31));
        await stolen.LogInAsync(account);
        const string next = "chaloupe-brumeuse-sous-les-tilleuls";

        var weak = await office.PostFormAsync("/compte/mot-de-passe", "/compte/mot-de-passe", ("current", account.Password), ("password", "password1234"), ("confirmation", "password1234"));
        var wrong = await office.PostFormAsync("/compte/mot-de-passe", "/compte/mot-de-passe", ("current", "pas-le-bon-mot-de-passe"), ("password", next), ("confirmation", next));
        var changed = await office.PostFormAsync("/compte/mot-de-passe", "/compte/mot-de-passe", ("current", account.Password), ("password", next), ("confirmation", next));

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("parmi les mots de passe les plus courants", await weak.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("Le mot de passe actuel est incorrect", await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("Mot de passe changé", await changed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/compte")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await stolen.GetAsync("/compte")).StatusCode);
        using var again = new PortalBrowser(factory, _time);
        Assert.Equal(HttpStatusCode.OK, (await again.PasswordAsync(account.Login, account.Password)).StatusCode); // the old one: the form again, refused
        Assert.Equal("/connexion/second-facteur", (await again.PasswordAsync(account.Login, next)).Headers.Location?.OriginalString);
    }
}
