using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Data;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Eligibility;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.ApiClients.ApiClientKit;

namespace TiersPayant.Tests.Agreements;

public sealed class ClaimApiTests
{
    private static string Today => DateOnly.FromDateTime(DateTime.Today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static readonly object[] GlassesLines =
    [
        new { code = "2999001", quantity = 1, unitPriceCents = 3000, @class = "A" },
        new { code = "2999011", quantity = 1, unitPriceCents = 6000, @class = "B", side = "right" },
        new { code = "2999011", quantity = 1, unitPriceCents = 6000, @class = "B", side = "left" },
    ];

    private static async Task<HttpResponseMessage> PostAsync(EligibilityKit kit, string path, string token, string? key, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await kit.Client.SendAsync(request, Cancellation);
    }

    private static async Task<string> AgreementAsync(EligibilityKit kit, string token)
    {
        var card = kit.Cards().First(c => !c.TryGetProperty("note", out _) && c.GetProperty("insurer").GetString() != "130000034"
            && c.GetProperty("domains").EnumerateArray().Any(d => d.GetString() == "optique"));
        var body = EligibilityKit.Body(card);
        body.Remove("domains");
        body["careDate"] = Today;
        body["domain"] = "optique";
        body["lines"] = GlassesLines;
        body["prescription"] = new
        {
            date = DateOnly.FromDateTime(DateTime.Today).AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            prescriber = "10000123454",
            correction = new { right = new { sphere = -1m, cylinder = 0m, axis = 0, addition = 0m }, left = new { sphere = -1m, cylinder = 0m, axis = 0, addition = 0m } },
        };
        body["documents"] = new[] { "prescription", "quote" };
        var response = await PostAsync(kit, "/api/v1/agreements", token, null, JsonSerializer.Serialize(body));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal("accepted", json.RootElement.GetProperty("status").GetString());
        return json.RootElement.GetProperty("agreementNumber").GetString()!;
    }

    private static string Claim(string agreement, object[]? lines = null) =>
        JsonSerializer.Serialize(new { agreementNumber = agreement, careDate = Today, lines = lines ?? GlassesLines });

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_invoice_sent_twice_with_one_key_is_one_claim_and_another_body_with_that_key_is_a_conflict(DatabaseProvider provider)
    {
        await using var kit = await EligibilityKit.StartAsync(provider);
        var token = await kit.TokenAsync("opticien");
        var claim = Claim(await AgreementAsync(kit, token));

        var first = await PostAsync(kit, "/api/v1/claims", token, "facture-0001", claim);
        var again = await PostAsync(kit, "/api/v1/claims", token, "facture-0001", claim);
        var other = await PostAsync(kit, "/api/v1/claims", token, "facture-0001", claim.Replace("6000", "5000", StringComparison.Ordinal));

        var firstBody = await first.Content.ReadAsStringAsync(Cancellation);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(firstBody, await again.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        using var json = JsonDocument.Parse(firstBody);
        Assert.Equal("accepted", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("amounts").GetProperty("patientCents").GetInt64());
        using var scope = kit.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        Assert.Equal(1, await db.Claims.CountAsync(Cancellation));
        Assert.Equal(3, await db.Equipment.CountAsync(e => e.ClaimId != null, Cancellation));
    }

    [Fact]
    public async Task An_agreement_is_invoiced_once_and_never_above_what_was_agreed()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var token = await kit.TokenAsync("opticien");
        var agreement = await AgreementAsync(kit, token);
        object[] dearer = [GlassesLines[0], GlassesLines[1], new { code = "2999011", quantity = 1, unitPriceCents = 9000, @class = "B", side = "left" }];

        var above = await PostAsync(kit, "/api/v1/claims", token, "k-above", Claim(agreement, dearer));
        var right = await PostAsync(kit, "/api/v1/claims", token, "k-right", Claim(agreement));
        var twice = await PostAsync(kit, "/api/v1/claims", token, "k-twice", Claim(agreement));

        async Task<(string, string)> Read(HttpResponseMessage r)
        {
            using var json = JsonDocument.Parse(await r.Content.ReadAsStringAsync(Cancellation));
            return (json.RootElement.GetProperty("status").GetString()!, string.Join(',', json.RootElement.GetProperty("reasons").EnumerateArray().Select(x => x.GetString())));
        }

        Assert.Equal(("rejected", "amount-above-agreement"), await Read(above));
        Assert.Equal(("accepted", ""), await Read(right));
        Assert.Equal(("rejected", "agreement-already-invoiced"), await Read(twice));
    }

    [Fact]
    public async Task A_pharmacy_claim_is_paid_once_per_drug_and_day_and_can_be_cancelled_until_paid()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var token = await kit.TokenAsync("pharmacien");
        var card = kit.Cards().First(c => !c.TryGetProperty("note", out _) && c.GetProperty("domains").EnumerateArray().Any(d => d.GetString() == "pharmacie"));
        var body = EligibilityKit.Body(card);
        body.Remove("domains");
        body["domain"] = "pharmacie";
        body["careDate"] = Today;
        body["lines"] = new[] { new { code = "3400935955838", quantity = 2, unitPriceCents = 218 } };
        body["prescription"] = new { date = Today, prescriber = "10000123454" };
        var json = JsonSerializer.Serialize(body);

        var paid = await PostAsync(kit, "/api/v1/claims", token, "ordonnance-1", json);
        var duplicate = await PostAsync(kit, "/api/v1/claims", token, "ordonnance-2", json);
        using var paidJson = JsonDocument.Parse(await paid.Content.ReadAsStringAsync(Cancellation));
        var claimId = paidJson.RootElement.GetProperty("claimId").GetString()!;
        var cancelled = await PostAsync(kit, $"/api/v1/claims/{claimId}/cancel", token, null, "");
        var again = await PostAsync(kit, $"/api/v1/claims/{claimId}/cancel", token, null, "");
        var noKey = await PostAsync(kit, "/api/v1/claims", token, null, json);

        Assert.Equal("accepted", paidJson.RootElement.GetProperty("status").GetString());
        Assert.Equal(436, paidJson.RootElement.GetProperty("amounts").GetProperty("totalCents").GetInt64());
        Assert.Contains("\"duplicate\"", await duplicate.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Contains("\"cancelled\"", await cancelled.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Contains("Idempotency-Key", await noKey.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);

        // In the portal, the invoice list names no one until the pharmacist asks for one row.
        var pharmacist = (await Accounts.DemoAccount.ReadAsync(kit.Database)).First(a => a.Profession == "pharmacien");
        using var browser = new Accounts.PortalBrowser(kit.Factory, TimeProvider.System);
        await browser.LogInAsync(pharmacist);
        var list = await (await browser.GetAsync("/factures")).Content.ReadAsStringAsync(Cancellation);
        var shown = await (await browser.PostFormAsync("/factures", "/factures?handler=Patient", ("claimId", claimId))).Content.ReadAsStringAsync(Cancellation);
        var lastName = card.GetProperty("lastName").GetString()!.ToUpperInvariant();
        Assert.Contains(claimId, list, StringComparison.Ordinal);
        NotShown.Name(lastName, list);
        Assert.Contains(lastName, shown, StringComparison.Ordinal);
        using var scope = kit.Factory.Services.CreateScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>().Disclosures.CountAsync(d => d.Purpose == "list" && d.Reference == claimId, Cancellation));
    }
}
