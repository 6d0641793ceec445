using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Configuration;
using TiersPayant.Security.Accounts;
using TiersPayant.Security.Guard;
using TiersPayant.Tests.Eligibility;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.ApiClients.ApiClientKit;

namespace TiersPayant.Tests.Guard;

/// <summary>A credential past its daily hard cap is contained at once, on every node sharing the database.</summary>
public sealed class ContainmentTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_credential_past_its_daily_cap_is_contained_and_refused_on_a_second_node_too(DatabaseProvider provider)
    {
        await using var kit = await EligibilityKit.StartAsync(provider, ("Guard:Caps:pharmacien:PerDay", "2"), ("Guard:Caps:pharmacien:PerHour", "100"));
        await using var second = new PlatformFactory(kit.Database);
        using var secondNode = second.CreateClient();
        var token = await kit.TokenAsync();
        var cards = kit.Cards();
        var before = await CheckAsync(secondNode, token, EligibilityKit.Body(cards[0])); // the second node has read the guard's state

        var first = await kit.CheckAsync(token, EligibilityKit.Body(cards[1]));
        var crossing = await kit.CheckAsync(token, EligibilityKit.Body(cards[2]));
        var revoked = await kit.CheckAsync(token, EligibilityKit.Body(cards[0]));
        var renewed = await kit.TokenAsync(); // the thief holds the secret too
        var known = await kit.CheckAsync(renewed, EligibilityKit.Body(cards[0]));
        var elsewhere = await Eventually.UntilAsync(() => CheckAsync(secondNode, renewed, EligibilityKit.Body(cards[0])), r => r.StatusCode == HttpStatusCode.Forbidden);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (before.StatusCode, first.StatusCode));
        Assert.Equal(HttpStatusCode.Forbidden, crossing.StatusCode);
        Assert.Equal("contained", (await crossing.Content.ReadFromJsonAsync<Dictionary<string, object>>(Cancellation))!["reason"].ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode); // its tokens are revoked on every node
        Assert.Equal(HttpStatusCode.Forbidden, known.StatusCode); // contained means no one, not only no one new
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);

        await using var db = kit.Database.OpenContext();
        var containment = await db.Containments.SingleAsync(Cancellation);
        Assert.Equal((Containments.Open, "daily-cap"), (containment.Status, containment.Reason));
        Assert.StartsWith("2 distinct people reached in 24 hours", containment.Evidence, StringComparison.Ordinal);
        Assert.Equal(2, await db.Disclosures.Select(d => d.BeneficiaryId).Distinct().CountAsync(Cancellation));
        Assert.Equal(1, await db.GuardEvents.CountAsync(e => e.Decision == "contain" && e.Reason == "daily-cap", Cancellation));
        var told = await db.Notifications.Where(n => n.Kind == AccountNotifications.AccessContained).Select(n => n.AccountId).ToListAsync(Cancellation);
        var practiceAccounts = await db.Users.Where(u => u.PracticeId == containment.PracticeId).Select(u => u.Id).ToListAsync(Cancellation);
        Assert.NotEmpty(practiceAccounts);
        Assert.Equal(practiceAccounts.Order(), told.Order());
    }

    [Fact]
    public async Task The_security_console_shows_the_open_alert_with_its_evidence_and_the_guards_decisions()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite, ("Guard:Caps:pharmacien:PerDay", "1"), ("Guard:Caps:pharmacien:PerHour", "100"));
        var token = await kit.TokenAsync();
        var cards = kit.Cards();
        Assert.Equal(HttpStatusCode.OK, (await kit.CheckAsync(token, EligibilityKit.Body(cards[0]))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await kit.CheckAsync(token, EligibilityKit.Body(cards[1]))).StatusCode);
        var closed = await kit.Database.RunAsync("portal", "close", "--surface", "fhir", "--profession", "opticien", "--reason", "essai de l'interrupteur");
        Assert.True(closed.ExitCode == 0, closed.Error);
        var staff = await Accounts.DemoStaffAccount.ReadAsync(kit.Database);
        using var analyst = new Accounts.PortalBrowser(kit.Factory, TimeProvider.System);
        await analyst.UseSessionOfAsync(staff.Single(s => s.Role == StaffRoles.Security).Login, "passkey");

        var page = await (await analyst.GetAsync("/securite")).Content.ReadAsStringAsync(Cancellation);

        Assert.Contains("1 accès suspendu(s) par le garde", page, StringComparison.Ordinal);
        Assert.Contains("Plafond journalier de personnes dépassé", page, StringComparison.Ordinal);
        Assert.Contains("1 distinct people reached in 24 hours", page, StringComparison.Ordinal);
        Assert.Contains("essai de l&#x27;interrupteur", page, StringComparison.Ordinal);
        Assert.Contains("Interrupteur fermé", page, StringComparison.Ordinal);
        Assert.Contains("<td>Contenu</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Containment_keeps_the_invoices_already_written_and_refuses_the_next_one_cleanly()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite, ("Guard:Caps:pharmacien:PerDay", "1"), ("Guard:Caps:pharmacien:PerHour", "100"));
        var token = await kit.TokenAsync();
        var cards = kit.Cards().Where(c => !c.TryGetProperty("note", out _) && c.GetProperty("domains").EnumerateArray().Any(d => d.GetString() == "pharmacie")).ToList();
        var today = DateOnly.FromDateTime(DateTime.Today).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Dictionary<string, object?> Claim(System.Text.Json.JsonElement card)
        {
            var body = EligibilityKit.Body(card);
            body.Remove("domains");
            body["domain"] = "pharmacie";
            body["careDate"] = today;
            body["lines"] = new[] { new { code = "3400935955838", quantity = 1, unitPriceCents = 218 } };
            body["prescription"] = new { date = today, prescriber = "10000123454" };
            return body;
        }

        var written = await PostAsync(kit, token, "/api/v1/claims", Claim(cards[0]), "ordonnance-1");
        var crossing = await kit.CheckAsync(token, EligibilityKit.Body(cards[1]));
        var next = await PostAsync(kit, await kit.TokenAsync(), "/api/v1/claims", Claim(cards[0]), "ordonnance-2");

        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, crossing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, next.StatusCode);
        Assert.Equal("contained", (await next.Content.ReadFromJsonAsync<Dictionary<string, object>>(Cancellation))!["reason"].ToString());
        await using var db = kit.Database.OpenContext();
        var claim = await db.Claims.SingleAsync(Cancellation); // the one written before, untouched; nothing half-written after
        Assert.Equal(Domain.Claims.ClaimStatus.Accepted, claim.Status);
    }

    private static async Task<HttpResponseMessage> PostAsync(EligibilityKit kit, string token, string path, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", key);
        return await kit.Client.SendAsync(request, Cancellation);
    }

    private static async Task<HttpResponseMessage> CheckAsync(HttpClient client, string token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/eligibility") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request, Cancellation);
    }
}
