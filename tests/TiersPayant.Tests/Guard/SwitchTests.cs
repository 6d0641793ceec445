using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Eligibility;
using TiersPayant.Tests.Infrastructure;
using TiersPayant.Web.Problems;
using static TiersPayant.Tests.ApiClients.ApiClientKit;

namespace TiersPayant.Tests.Guard;

/// <summary>Switches thrown from the command line close one surface on the running server, and only that one.</summary>
public sealed class SwitchTests
{
    [Fact]
    public async Task A_closed_portal_answers_503_with_its_french_page_while_the_api_and_fhir_keep_answering()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var token = await kit.TokenAsync();
        var card = kit.Cards()[0];

        var closed = await kit.Database.RunAsync("portal", "close", "--reason", "hameçonnage en cours");
        Assert.True(closed.ExitCode == 0, closed.Error);
        var page = await Eventually.UntilAsync(() => PageAsync(kit, "/droits"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable);
        var login = await PageAsync(kit, "/connexion");
        var api = await kit.CheckAsync(token, EligibilityKit.Body(card));
        var fhir = await FhirMetadataAsync(kit, token);

        Assert.Contains("Portail fermé", await page.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fhir.StatusCode);

        var opened = await kit.Database.RunAsync("portal", "open");
        Assert.True(opened.ExitCode == 0, opened.Error);
        var again = await Eventually.UntilAsync(() => PageAsync(kit, "/connexion"), r => r.StatusCode != HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        await using var db = kit.Database.OpenContext();
        var changes = await db.GuardEvents.OrderBy(e => e.Id).Select(e => new { e.Decision, e.Reason, e.ActorKind, e.Channel, e.Detail }).ToListAsync(Cancellation);
        Assert.Equal(
        [
            new { Decision = "switch-closed", Reason = "portal/everyone", ActorKind = "operator", Channel = "cli", Detail = (string?)"portal (everyone): hameçonnage en cours" },
            new { Decision = "switch-opened", Reason = "portal/everyone", ActorKind = "operator", Channel = "cli", Detail = (string?)"portal (everyone): (no reason given)" },
        ], changes);
    }

    [Fact]
    public async Task Closing_the_api_for_one_practice_stops_its_software_only()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var pharmacy = await kit.TokenAsync("pharmacien");
        var optician = await kit.TokenAsync("opticien");
        var card = kit.Cards()[0];
        var practice = kit.Credentials.RootElement.GetProperty("apiClients").EnumerateArray()
            .First(c => c.GetProperty("profession").GetString() == "pharmacien").GetProperty("practiceId").GetString()!;

        var closed = await kit.Database.RunAsync("portal", "close", "--surface", "api", "--practice", practice, "--reason", "jeton volé");
        Assert.True(closed.ExitCode == 0, closed.Error);
        var refused = await Eventually.UntilAsync(() => kit.CheckAsync(pharmacy, EligibilityKit.Body(card)), r => r.StatusCode == HttpStatusCode.ServiceUnavailable);
        var other = await kit.CheckAsync(optician, EligibilityKit.Body(card, domains: ["optique"]));
        var fhir = await FhirMetadataAsync(kit, pharmacy);
        var again = await kit.Database.RunAsync("portal", "close", "--surface", "api", "--practice", practice, "--reason", "encore");

        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains(ProblemTypes.SurfaceClosed, await refused.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fhir.StatusCode);
        Assert.Contains("(already)", again.Output, StringComparison.Ordinal);
        await using var db = kit.Database.OpenContext();
        Assert.Equal(1, await db.GuardEvents.CountAsync(e => e.Decision == "switch-closed", Cancellation)); // a switch already thrown changes nothing
    }

    [Fact]
    public async Task Closing_the_portal_for_one_account_leaves_the_other_professionals_working()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var accounts = await Accounts.DemoAccount.ReadAsync(kit.Database);
        var (phished, other) = (accounts.First(a => a.Profession == "opticien"), accounts.First(a => a.Profession == "pharmacien"));
        using var attacker = new Accounts.PortalBrowser(kit.Factory, TimeProvider.System);
        using var colleague = new Accounts.PortalBrowser(kit.Factory, TimeProvider.System);
        await attacker.LogInAsync(phished);
        await colleague.LogInAsync(other);

        var closed = await kit.Database.RunAsync("portal", "close", "--account", phished.Login, "--reason", "mot de passe hameçonné");
        Assert.True(closed.ExitCode == 0, closed.Error);
        var refused = await Eventually.UntilAsync(() => attacker.GetAsync("/droits"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable);
        var working = await colleague.GetAsync("/droits");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("Portail fermé", await refused.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, working.StatusCode);
    }

    [Fact]
    public async Task Closing_one_insurers_data_on_the_api_refuses_its_members_there_only_and_reads_nothing()
    {
        await using var kit = await DetectionKit.StartAsync(DatabaseProvider.Sqlite);
        var token = await kit.TokenAsync("opticien");
        var other = kit.Credentials.RootElement.GetProperty("sampleCards").EnumerateArray().First(c => c.GetProperty("insurer").GetString() != DetectionKit.Insurer);

        var closed = await kit.Database.RunAsync("portal", "close", "--insurer", DetectionKit.Insurer, "--surface", "api", "--reason", "fuite chez l'assureur");
        Assert.True(closed.ExitCode == 0, closed.Error);
        var refused = await Eventually.UntilAsync(() => kit.CheckAsync(token, kit.Leaked[0]), r => r.StatusCode == HttpStatusCode.ServiceUnavailable);
        using var otherRequest = new HttpRequestMessage(HttpMethod.Post, "/api/v1/eligibility") { Content = System.Net.Http.Json.JsonContent.Create(EligibilityKit.Body(other)) };
        otherRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var otherInsurer = await kit.Client.SendAsync(otherRequest, TestContext.Current.CancellationToken);
        var optician = (await Accounts.DemoAccount.ReadAsync(kit.Database)).First(a => a.Profession == "opticien");
        using var browser = new Accounts.PortalBrowser(kit.Factory, TimeProvider.System);
        await browser.LogInAsync(optician);
        var portal = await DetectionKit.CheckAsync(browser, kit.Leaked[1]);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("insurer-closed", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, otherInsurer.StatusCode); // other insurers' members: working
        Assert.Equal(HttpStatusCode.OK, portal.StatusCode); // the portal's own switch is not thrown
        await using (var db = kit.Database.OpenContext())
        {
            Assert.Equal(0, await db.Disclosures.CountAsync(d => d.Channel == "api" && d.InsurerAmc == DetectionKit.Insurer, TestContext.Current.CancellationToken));
            Assert.Equal(0, await db.MatchFailures.CountAsync(TestContext.Current.CancellationToken)); // nothing looked up
            Assert.Equal(1, await db.GuardEvents.CountAsync(e => e.Decision == "switch-closed" && e.Reason == "api/insurer", TestContext.Current.CancellationToken));
        }

        Assert.Equal(0, (await kit.Database.RunAsync("portal", "open", "--insurer", DetectionKit.Insurer, "--surface", "api")).ExitCode);
        var reopened = await Eventually.UntilAsync(() => kit.CheckAsync(token, kit.Leaked[0]), r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        Assert.Equal(2, (await kit.Database.RunAsync("portal", "close", "--insurer", "999999999")).ExitCode);
    }

    [Fact]
    public async Task An_analyst_throws_and_opens_a_switch_from_the_console_recorded_with_their_login()
    {
        await using var kit = await DetectionKit.StartAsync(DatabaseProvider.Sqlite);
        var staff = await Accounts.DemoStaffAccount.ReadAsync(kit.Database);
        var analystLogin = staff.Single(s => s.Role == Security.Accounts.StaffRoles.Security).Login;
        using var analyst = new Accounts.PortalBrowser(kit.Factory, TimeProvider.System);
        await analyst.UseSessionOfAsync(analystLogin, "passkey");
        var optician = (await Accounts.DemoAccount.ReadAsync(kit.Database)).First(a => a.Profession == "opticien");
        using var browser = new Accounts.PortalBrowser(kit.Factory, TimeProvider.System);
        await browser.LogInAsync(optician);

        var wrong = await analyst.PostFormAsync("/securite", "/securite?handler=CloseSwitch", ("surface", "portal"), ("level", "account"), ("target", "personne.inconnue"), ("reason", "essai"));
        var thrown = await analyst.PostFormAsync("/securite", "/securite?handler=CloseSwitch", ("surface", "portal"), ("level", "account"), ("target", optician.Login), ("reason", "session suspecte"));
        var closedPage = await Eventually.UntilAsync(() => browser.GetAsync("/droits"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable);

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Aucun compte n'a cet identifiant de connexion.", await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("Interrupteur fermé", await thrown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, closedPage.StatusCode);
        await using var db = kit.Database.OpenContext();
        var row = await db.Switches.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((analystLogin, "session suspecte"), (row.ClosedBy, row.Reason));
        var reopened = await analyst.PostFormAsync("/securite", "/securite?handler=OpenSwitch", ("switchId", row.Id.ToString()), ("reason", "vérifié"));
        Assert.Contains("Interrupteur rouvert", await reopened.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Eventually.UntilAsync(() => browser.GetAsync("/droits"), r => r.StatusCode == HttpStatusCode.OK)).StatusCode);
        var events = await db.GuardEvents.Where(e => e.Decision.StartsWith("switch-")).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["switch-closed", "switch-opened"], events.OrderBy(e => e.Id).Select(e => e.Decision));
        Assert.All(events, e => Assert.Equal(("staff", analystLogin), (e.ActorKind, e.Role)));
    }

    [Fact]
    public async Task An_unknown_practice_or_profession_is_bad_usage_and_throws_nothing()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);

        var practice = await kit.Database.RunAsync("portal", "close", "--practice", Guid.NewGuid().ToString(), "--reason", "x");
        var profession = await kit.Database.RunAsync("portal", "close", "--profession", "plombier", "--reason", "x");

        Assert.Equal((2, 2), (practice.ExitCode, profession.ExitCode));
        Assert.Contains("--practice", practice.Error, StringComparison.Ordinal);
        Assert.Contains("--profession", profession.Error, StringComparison.Ordinal);
        await using var db = kit.Database.OpenContext();
        Assert.False(await db.Switches.AnyAsync(Cancellation));
    }

    private static async Task<HttpResponseMessage> PageAsync(EligibilityKit kit, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept", "text/html");
        return await kit.Client.SendAsync(request, Cancellation);
    }

    private static async Task<HttpResponseMessage> FhirMetadataAsync(EligibilityKit kit, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/r4/metadata");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Accept", "application/fhir+json");
        return await kit.Client.SendAsync(request, Cancellation);
    }
}
