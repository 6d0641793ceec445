using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TiersPayant.Data;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Accounts;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Eligibility;

public sealed partial class RightsCheckPageTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_portal_check_is_recorded_against_the_account_and_its_session(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Assert.Equal(0, (await database.RunAsync("seed", "--beneficiaries", "400", "--practices", "8")).ExitCode);
        await using var factory = new PlatformFactory(database, time: _time);
        var credentials = await ApiClients.ApiClientKit.CredentialsAsync(database);
        var card = credentials.RootElement.GetProperty("sampleCards").EnumerateArray().First(c => c.GetProperty("domains").EnumerateArray().Any(d => d.GetString() == "optique"));
        var optician = (await DemoAccount.ReadAsync(database)).First(a => a.Profession == "opticien");
        using var browser = new PortalBrowser(factory, _time);
        await browser.LogInAsync(optician);

        var response = await browser.PostFormAsync("/droits", "/droits",
            ("Input.Insurer", card.GetProperty("insurer").GetString()!), ("Input.MemberNumber", card.GetProperty("memberNumber").GetString()!),
            ("Input.LastName", card.GetProperty("lastName").GetString()!), ("Input.FirstName", card.GetProperty("firstName").GetString()!),
            ("Input.BirthDate", card.GetProperty("birthDate").GetString()!), ("Input.Domains", "optique"));
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Droits ouverts", page, StringComparison.Ordinal);
        var reference = Reference().Match(page).Value;
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        var disclosure = await db.Disclosures.SingleAsync(TestContext.Current.CancellationToken);
        var session = await db.Sessions.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("account", "portal", reference), (disclosure.ActorKind, disclosure.Channel, disclosure.Reference));
        Assert.Equal((session.AccountId, session.Id), (disclosure.AccountId!.Value, disclosure.SessionId!.Value));
    }

    [Fact]
    public async Task Staff_and_anonymous_visitors_cannot_check_rights()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        Assert.Equal(0, (await database.RunAsync("seed", "--beneficiaries", "20", "--practices", "4")).ExitCode);
        await using var factory = new PlatformFactory(database, time: _time);
        using var staff = new PortalBrowser(factory, _time);
        await staff.UseSessionOfAsync((await DemoStaffAccount.ReadAsync(database)).Single(s => s.Role == "admin").Login);

        using var anonymous = new PortalBrowser(factory, _time);

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/droits")).StatusCode);
        Assert.StartsWith("/connexion", (await anonymous.GetAsync("/droits")).Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [GeneratedRegex("IDB-[0-9A-Z]{10}")]
    private static partial Regex Reference();
}
