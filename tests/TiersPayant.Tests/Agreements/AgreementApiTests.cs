using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Data;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Eligibility;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.ApiClients.ApiClientKit;

namespace TiersPayant.Tests.Agreements;

public sealed class AgreementApiTests
{
    private static readonly string Prescriber = "1000012345" + Domain.Luhn.CheckDigit("1000012345").ToString(CultureInfo.InvariantCulture);

    private static string Today => DateOnly.FromDateTime(DateTime.Today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // An optics card on a responsible contract (the demo's one non-responsible contract is ASM-LIBRE, of insurer 130000034).
    private static JsonElement OpticsCard(EligibilityKit kit) => kit.Cards().First(c => !c.TryGetProperty("note", out _) &&
        c.GetProperty("domains").EnumerateArray().Any(d => d.GetString() == "optique") && c.GetProperty("insurer").GetString() != "130000034");

    private static Dictionary<string, object?> ClassAGlasses(JsonElement card, string[]? documents = null)
    {
        var body = EligibilityKit.Body(card);
        body.Remove("domains");
        body["careDate"] = Today;
        body["domain"] = "optique";
        body["lines"] = new object[]
        {
            new { code = "2999001", quantity = 1, unitPriceCents = 3000, @class = "A" },
            new { code = "2999011", quantity = 1, unitPriceCents = 6000, @class = "B", side = "right" },
            new { code = "2999011", quantity = 1, unitPriceCents = 6000, @class = "B", side = "left" },
        };
        body["prescription"] = new
        {
            date = DateOnly.FromDateTime(DateTime.Today).AddDays(-20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            prescriber = Prescriber,
            correction = new { right = new { sphere = -1.25m, cylinder = 0m, axis = 0, addition = 0m }, left = new { sphere = -1.5m, cylinder = -0.25m, axis = 90, addition = 0m } },
        };
        body["documents"] = documents ?? ["prescription", "quote"];
        return body;
    }

    private static string TraceId(string problem)
    {
        using var json = JsonDocument.Parse(problem);
        return json.RootElement.GetProperty("traceId").GetString()!;
    }

    private static async Task<HttpResponseMessage> SendAsync(EligibilityKit kit, HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await kit.Client.SendAsync(request, Cancellation);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Class_A_glasses_are_agreed_with_nothing_left_to_the_patient_and_read_back_by_number(DatabaseProvider provider)
    {
        await using var kit = await EligibilityKit.StartAsync(provider);
        var token = await kit.TokenAsync("opticien");

        var created = await SendAsync(kit, HttpMethod.Post, "/api/v1/agreements", token, ClassAGlasses(OpticsCard(kit)));
        var body = await created.Content.ReadAsStringAsync(Cancellation);

        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var number = root.GetProperty("agreementNumber").GetString()!;
        Assert.Equal("accepted", root.GetProperty("status").GetString());
        var amounts = root.GetProperty("amounts");
        Assert.Equal(15000, amounts.GetProperty("totalCents").GetInt64());
        Assert.Equal(0, amounts.GetProperty("patientCents").GetInt64());
        Assert.Equal(15000, amounts.GetProperty("amoCents").GetInt64() + amounts.GetProperty("amcCents").GetInt64());
        Assert.Equal(3, root.GetProperty("lines").GetArrayLength());
        Assert.Equal($"/api/v1/agreements/{number}", created.Headers.Location?.OriginalString);
        Assert.False(root.GetProperty("validUntil").ValueKind == JsonValueKind.Null);

        var read = await SendAsync(kit, HttpMethod.Get, $"/api/v1/agreements/{number}", token);
        using var again = JsonDocument.Parse(await read.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(root.GetProperty("amounts").GetRawText(), again.RootElement.GetProperty("amounts").GetRawText());
        using var scope = kit.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        var disclosures = await db.Disclosures.Where(d => d.Reference == number).ToListAsync(Cancellation);
        Assert.Equal(["care", "care,rights"], disclosures.Select(d => d.Fields).Order(StringComparer.Ordinal));
        Assert.All(disclosures, d => Assert.Equal("agreement", d.Purpose));
        Assert.Equal(1, await db.Agreements.CountAsync(Cancellation));
    }

    [Fact]
    public async Task The_demo_adult_with_glasses_from_18_months_ago_is_refused_and_the_child_from_13_months_ago_is_not()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var token = await kit.TokenAsync("opticien");
        JsonElement Noted(string text) => kit.Cards().Single(c => c.TryGetProperty("note", out var n) && n.GetString()!.Contains(text, StringComparison.Ordinal));

        async Task<(string Status, List<string?> Reasons)> AskAsync(JsonElement card)
        {
            var response = await SendAsync(kit, HttpMethod.Post, "/api/v1/agreements", token, ClassAGlasses(card));
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
            return (json.RootElement.GetProperty("status").GetString()!, [.. json.RootElement.GetProperty("reasons").EnumerateArray().Select(r => r.GetString())]);
        }

        var adult = await AskAsync(Noted("18 mois"));
        var child = await AskAsync(Noted("13 mois"));

        Assert.Equal("refused", adult.Status);
        Assert.Contains("renewal-period-not-elapsed", adult.Reasons);
        Assert.Contains(child.Status, new[] { "accepted", "partial" });
        Assert.DoesNotContain("renewal-period-not-elapsed", child.Reasons);
    }

    [Fact]
    public async Task The_practice_list_shows_numbers_and_a_patient_only_on_request_recorded_as_a_disclosure()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var card = OpticsCard(kit);
        var created = await SendAsync(kit, HttpMethod.Post, "/api/v1/agreements", await kit.TokenAsync("opticien"), ClassAGlasses(card));
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Cancellation));
        var number = json.RootElement.GetProperty("agreementNumber").GetString()!;
        var optician = (await Accounts.DemoAccount.ReadAsync(kit.Database)).First(a => a.Profession == "opticien");
        using var browser = new Accounts.PortalBrowser(kit.Factory, TimeProvider.System);
        await browser.LogInAsync(optician);

        var list = await (await browser.GetAsync("/prises-en-charge")).Content.ReadAsStringAsync(Cancellation);
        var shown = await (await browser.PostFormAsync("/prises-en-charge", "/prises-en-charge?handler=Patient", ("number", number))).Content.ReadAsStringAsync(Cancellation);

        var lastName = card.GetProperty("lastName").GetString()!.ToUpperInvariant();
        Assert.Contains(number, list, StringComparison.Ordinal);
        NotShown.Name(lastName, list);
        Assert.Contains(lastName, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(card.GetProperty("memberNumber").GetString()!, shown, StringComparison.Ordinal);
        using var scope = kit.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        var disclosure = await db.Disclosures.SingleAsync(d => d.Purpose == "list", Cancellation);
        Assert.Equal(("account", "firstName,lastName,memberNumber", number), (disclosure.ActorKind, disclosure.Fields, disclosure.Reference));
    }

    [Fact]
    public async Task A_quote_without_its_documents_is_pending()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);

        var created = await SendAsync(kit, HttpMethod.Post, "/api/v1/agreements", await kit.TokenAsync("opticien"), ClassAGlasses(OpticsCard(kit), documents: ["quote"]));

        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal("pending", json.RootElement.GetProperty("status").GetString());
        Assert.Contains("missing-document", json.RootElement.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["prescription"], json.RootElement.GetProperty("missingDocuments").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Another_practices_token_cannot_read_the_agreement(DatabaseProvider provider)
    {
        await using var kit = await EligibilityKit.StartAsync(provider);
        var created = await SendAsync(kit, HttpMethod.Post, "/api/v1/agreements", await kit.TokenAsync("opticien"), ClassAGlasses(OpticsCard(kit)));
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Cancellation));
        var number = json.RootElement.GetProperty("agreementNumber").GetString()!;

        var other = await SendAsync(kit, HttpMethod.Get, $"/api/v1/agreements/{number}", await kit.TokenAsync("audioprothesiste"));
        var unknown = await SendAsync(kit, HttpMethod.Get, "/api/v1/agreements/PEC-0000000000", await kit.TokenAsync("audioprothesiste"));

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(await other.Content.ReadAsStringAsync(Cancellation), await unknown.Content.ReadAsStringAsync(Cancellation) is var u ? u.Replace(TraceId(u), TraceId(await other.Content.ReadAsStringAsync(Cancellation)), StringComparison.Ordinal) : null);
        using var scope = kit.Factory.Services.CreateScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>().Disclosures.CountAsync(Cancellation));
    }

    [Fact]
    public async Task Bad_quotes_are_named_field_by_field_and_nothing_is_written()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var card = OpticsCard(kit);
        var otherProfession = ClassAGlasses(card);
        var badLines = ClassAGlasses(card);
        badLines["lines"] = new object[]
        {
            new { code = "9999999", quantity = 1, unitPriceCents = 3000, @class = "A" },
            new { code = "2999011", quantity = 0, unitPriceCents = -5, @class = "B", side = "right" },
        };
        var noMatch = ClassAGlasses(card);
        ((Dictionary<string, object?>)noMatch)["beneficiary"] = new { lastName = "Inconnu", firstName = "Personne", birthDate = "1980-01-01" };

        var pharmacist = await SendAsync(kit, HttpMethod.Post, "/api/v1/agreements", await kit.TokenAsync("pharmacien"), otherProfession);
        var lines = await SendAsync(kit, HttpMethod.Post, "/api/v1/agreements", await kit.TokenAsync("opticien"), badLines);
        var nobody = await SendAsync(kit, HttpMethod.Post, "/api/v1/agreements", await kit.TokenAsync("opticien"), noMatch);

        Assert.Equal(HttpStatusCode.BadRequest, pharmacist.StatusCode);
        Assert.Contains("\"domain\"", await pharmacist.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, lines.StatusCode);
        using var errors = JsonDocument.Parse(await lines.Content.ReadAsStringAsync(Cancellation));
        var fields = errors.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Contains("lines[0].code", fields);
        Assert.Contains("lines[1].quantity", fields);
        Assert.Contains("lines[1].unitPriceCents", fields);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nobody.StatusCode);
        Assert.Contains("urn:tierspayant:problem:no-match", await nobody.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        using var scope = kit.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        Assert.Equal(0, await db.Agreements.CountAsync(Cancellation));
        Assert.Equal(0, await db.Disclosures.CountAsync(Cancellation));
    }
}
