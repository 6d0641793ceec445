using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Accounts;
using TiersPayant.Tests.Eligibility;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.ApiClients.ApiClientKit;

namespace TiersPayant.Tests.Agreements;

/// <summary>Agreement and invoice numbers open their pages, for their practice only; a renewal refusal says from when.</summary>
public sealed class DetailPageTests
{
    private static readonly string Prescriber = "1000012345" + Domain.Luhn.CheckDigit("1000012345").ToString(CultureInfo.InvariantCulture);

    private static string Day(int offset) => DateOnly.FromDateTime(DateTime.Today).AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static object[] Glasses =>
    [
        new { code = "2999001", quantity = 1, unitPriceCents = 3000, @class = "A" },
        new { code = "2999011", quantity = 1, unitPriceCents = 6000, @class = "B", side = "right" },
        new { code = "2999011", quantity = 1, unitPriceCents = 6000, @class = "B", side = "left" },
    ];

    private static Dictionary<string, object?> Request(JsonElement card)
    {
        var body = EligibilityKit.Body(card);
        body.Remove("domains");
        body["careDate"] = Day(0);
        body["domain"] = "optique";
        body["lines"] = Glasses;
        body["prescription"] = new
        {
            date = Day(-20), prescriber = Prescriber,
            correction = new { right = new { sphere = -1.25m, cylinder = 0m, axis = 0, addition = 0m }, left = new { sphere = -1.5m, cylinder = -0.25m, axis = 90, addition = 0m } },
        };
        body["documents"] = new[] { "prescription", "quote" };
        return body;
    }

    private static async Task<JsonDocument> SendAsync(EligibilityKit kit, string path, string token, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        using var response = await kit.Client.SendAsync(request, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text);
    }

    [Fact]
    public async Task Agreement_and_invoice_pages_open_for_their_practice_and_are_404_for_another()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var token = await kit.TokenAsync("opticien");
        var client = kit.Credentials.RootElement.GetProperty("apiClients").EnumerateArray().First(c => c.GetProperty("profession").GetString() == "opticien");
        var accounts = await DemoAccount.ReadAsync(kit.Database);
        var owner = accounts.First(a => a.PracticeId == client.GetProperty("practiceId").GetString());
        var stranger = accounts.First(a => a.PracticeId != owner.PracticeId);
        var card = kit.Cards().First(c => !c.TryGetProperty("note", out _) && c.GetProperty("insurer").GetString() != "130000034"
            && c.GetProperty("domains").EnumerateArray().Any(d => d.GetString() == "optique"));
        using var agreement = await SendAsync(kit, "/api/v1/agreements", token, Request(card));
        var number = agreement.RootElement.GetProperty("agreementNumber").GetString()!;
        using var claim = await SendAsync(kit, "/api/v1/claims", token, new { agreementNumber = number, careDate = Day(0), lines = Glasses }, "detail-1");
        var claimId = claim.RootElement.GetProperty("claimId").GetString()!;
        using var mine = new PortalBrowser(kit.Factory, TimeProvider.System);
        using var theirs = new PortalBrowser(kit.Factory, TimeProvider.System);
        await mine.LogInAsync(owner);
        await theirs.LogInAsync(stranger);

        var agreements = await (await mine.GetAsync("/prises-en-charge")).Content.ReadAsStringAsync(Cancellation);
        var invoices = await (await mine.GetAsync("/factures")).Content.ReadAsStringAsync(Cancellation);
        var agreementPage = await mine.GetAsync($"/prises-en-charge/{number}");
        var printPage = await mine.GetAsync($"/prises-en-charge/{number}/impression");
        var invoicePage = await mine.GetAsync($"/factures/{claimId}");
        await using var db = kit.Database.OpenContext();
        var recorded = await db.Disclosures.CountAsync(Cancellation);
        var otherAgreement = await theirs.GetAsync($"/prises-en-charge/{number}");
        var otherPrint = await theirs.GetAsync($"/prises-en-charge/{number}/impression");
        var otherInvoice = await theirs.GetAsync($"/factures/{claimId}");
        var unknown = await mine.GetAsync("/prises-en-charge/PEC-0000000000");

        Assert.Contains($"href=\"/prises-en-charge/{number}\"", agreements, StringComparison.Ordinal);
        Assert.Contains($"href=\"/factures/{claimId}\"", invoices, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, agreementPage.StatusCode);
        var shown = await agreementPage.Content.ReadAsStringAsync(Cancellation);
        Assert.Contains(number, shown, StringComparison.Ordinal);
        Assert.Contains("Assurance maladie", shown, StringComparison.Ordinal);
        Assert.Contains("Reste à charge", shown, StringComparison.Ordinal);
        Assert.Contains("œil gauche", shown, StringComparison.Ordinal);
        Assert.Contains("150,00", shown, StringComparison.Ordinal);
        NotShown.Name(card.GetProperty("lastName").GetString()!, shown);
        Assert.Equal(HttpStatusCode.OK, printPage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, invoicePage.StatusCode);
        var invoice = await invoicePage.Content.ReadAsStringAsync(Cancellation);
        Assert.Contains("Facture acceptée", invoice, StringComparison.Ordinal);
        Assert.Contains(claimId, invoice, StringComparison.Ordinal);
        Assert.Contains("Complémentaire santé", invoice, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, otherAgreement.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherPrint.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherInvoice.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        // Each page the owner opened read the care through the guard; the refused ones read nothing.
        Assert.Equal(recorded, await db.Disclosures.CountAsync(Cancellation));
        var pages = await db.Disclosures.AsNoTracking().Where(d => d.ActorKind == "account").ToListAsync(Cancellation);
        Assert.Equal(3, pages.Count);
        Assert.All(pages, d => Assert.Equal("care", d.Fields));
    }

    [Fact]
    public async Task A_renewal_refusal_gives_the_date_from_which_renewal_is_possible_in_the_answer_and_on_the_page()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var token = await kit.TokenAsync("opticien");
        var client = kit.Credentials.RootElement.GetProperty("apiClients").EnumerateArray().First(c => c.GetProperty("profession").GetString() == "opticien");
        var owner = (await DemoAccount.ReadAsync(kit.Database)).First(a => a.PracticeId == client.GetProperty("practiceId").GetString());
        var card = kit.Cards().Single(c => c.TryGetProperty("note", out var n) && n.GetString()!.Contains("18 mois", StringComparison.Ordinal));

        using var answer = await SendAsync(kit, "/api/v1/agreements", token, Request(card));
        var number = answer.RootElement.GetProperty("agreementNumber").GetString()!;
        var lines = answer.RootElement.GetProperty("lines").EnumerateArray().ToList();
        using var browser = new PortalBrowser(kit.Factory, TimeProvider.System);
        await browser.LogInAsync(owner);
        var page = await (await browser.GetAsync($"/prises-en-charge/{number}")).Content.ReadAsStringAsync(Cancellation);

        Assert.Equal("refused", answer.RootElement.GetProperty("status").GetString());
        var dates = lines.Select(l => DateOnly.ParseExact(l.GetProperty("renewableFrom").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)).Distinct().ToList();
        // Glasses delivered 18 months ago, an adult renews after two years: six months from now, give or take a month's length.
        var date = Assert.Single(dates);
        Assert.InRange(date, DateOnly.FromDateTime(DateTime.Today).AddMonths(6).AddDays(-3), DateOnly.FromDateTime(DateTime.Today).AddMonths(6).AddDays(3));
        Assert.Contains("renouvellement possible à partir du " + date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), page, StringComparison.Ordinal);
    }
}
