using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TiersPayant.Data.Configuration;
using TiersPayant.Domain.Claims;
using TiersPayant.Tests.Accounts;
using TiersPayant.Tests.Eligibility;

namespace TiersPayant.Tests.Payments;

/// <summary>A practice reads its remittance statements from its software and in the portal, and downloads them as CSV.</summary>
public sealed class RemittanceTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static async Task<JsonDocument> GetJsonAsync(EligibilityKit kit, string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await kit.Client.SendAsync(request, Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }

    private static async Task<HttpResponseMessage> GetAsync(EligibilityKit kit, string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await kit.Client.SendAsync(request, Cancellation);
    }

    [Fact]
    public async Task A_pharmacy_software_lists_its_payments_reads_a_statement_line_by_line_and_gets_it_as_csv()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var token = await kit.TokenAsync("pharmacien");
        var pharmacy = Guid.Parse(kit.Credentials.RootElement.GetProperty("apiClients").EnumerateArray()
            .First(c => c.GetProperty("profession").GetString() == "pharmacien").GetProperty("practiceId").GetString()!);
        await using var payments = await PaymentsKit.OnAsync(kit.Database);
        var paid = new[] { await payments.InvoiceAsync(pharmacy, 1_250), await payments.InvoiceAsync(pharmacy, 3_480) };
        var rejected = await payments.InvoiceAsync(pharmacy, 0, ClaimStatus.Rejected);
        var elsewhere = await payments.InvoiceAsync(payments.Practices.First(p => p != pharmacy), 9_999);
        Assert.Equal(0, (await payments.RunAsync()).ExitCode);

        using var list = await GetJsonAsync(kit, token, "/api/v1/payments");
        var item = Assert.Single(list.RootElement.GetProperty("items").EnumerateArray());
        var id = item.GetProperty("paymentId").GetString()!;
        using var statement = await GetJsonAsync(kit, token, $"/api/v1/payments/{id}");
        using var onlyRejected = await GetJsonAsync(kit, token, $"/api/v1/payments/{id}?kind=rejected");
        using var csvResponse = await GetAsync(kit, token, $"/api/v1/payments/{id}/csv");
        var csv = Encoding.UTF8.GetString(await csvResponse.Content.ReadAsByteArrayAsync(Cancellation));

        Assert.Equal(1, list.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(4_730, item.GetProperty("amountCents").GetInt64());
        Assert.Equal((2, 1, 0), (item.GetProperty("paid").GetInt32(), item.GetProperty("rejected").GetInt32(), item.GetProperty("recovered").GetInt32()));
        var lines = statement.RootElement.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("claimId").GetString()!);
        Assert.Equal([.. paid.Select(c => c.Number), rejected.Number], lines.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1_250, lines[paid[0].Number].GetProperty("paidCents").GetInt64());
        Assert.Equal("rejected", lines[rejected.Number].GetProperty("kind").GetString());
        Assert.Equal(["duplicate"], lines[rejected.Number].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.DoesNotContain(elsewhere.Number, statement.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Single(onlyRejected.RootElement.GetProperty("lines").EnumerateArray());
        Assert.StartsWith("FR", statement.RootElement.GetProperty("account").GetString(), StringComparison.Ordinal);
        Assert.Contains("****", statement.RootElement.GetProperty("account").GetString(), StringComparison.Ordinal);

        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("\uFEFFpaiement;facture;date_soins", csv, StringComparison.Ordinal);
        Assert.Contains($"{id};{paid[1].Number};", csv, StringComparison.Ordinal);
        Assert.Contains(";34,80;", csv, StringComparison.Ordinal);
        Assert.Equal(4, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Another_practice_cannot_read_a_statement_and_bad_filters_name_the_field()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var optician = await kit.TokenAsync("opticien");
        var pharmacy = Guid.Parse(kit.Credentials.RootElement.GetProperty("apiClients").EnumerateArray()
            .First(c => c.GetProperty("profession").GetString() == "pharmacien").GetProperty("practiceId").GetString()!);
        await using var payments = await PaymentsKit.OnAsync(kit.Database);
        await payments.InvoiceAsync(pharmacy, 500);
        Assert.Equal(0, (await payments.RunAsync()).ExitCode);
        string reference;
        await using (var db = kit.Database.OpenContext())
        {
            reference = db.Payments.Single(p => p.PracticeId == pharmacy).Reference;
        }

        using var foreign = await GetAsync(kit, optician, $"/api/v1/payments/{reference}");
        using var foreignCsv = await GetAsync(kit, optician, $"/api/v1/payments/{reference}/csv");
        using var badDate = await GetAsync(kit, optician, "/api/v1/payments?from=2026-13-01");
        using var badSize = await GetAsync(kit, optician, "/api/v1/payments?pageSize=1000");
        using var badKind = await GetAsync(kit, optician, $"/api/v1/payments/{reference}?kind=all");
        using var anonymous = await kit.Client.GetAsync("/api/v1/payments", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignCsv.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("\"from\"", await badDate.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Contains("\"pageSize\"", await badSize.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Contains("\"kind\"", await badKind.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_pharmacist_opens_a_statement_in_the_portal_and_downloads_its_csv()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var pharmacist = (await DemoAccount.ReadAsync(kit.Database)).First(a => a.Profession == "pharmacien");
        await using var payments = await PaymentsKit.OnAsync(kit.Database);
        var invoice = await payments.InvoiceAsync(Guid.Parse(pharmacist.PracticeId), 2_000);
        Assert.Equal(0, (await payments.RunAsync()).ExitCode);
        using var browser = new PortalBrowser(kit.Factory, TimeProvider.System);
        await browser.LogInAsync(pharmacist);

        var list = await (await browser.GetAsync("/paiements")).Content.ReadAsStringAsync(Cancellation);
        var reference = System.Text.RegularExpressions.Regex.Match(list, "href=\"/paiements/(RUN-[^\"]+)\"").Groups[1].Value;
        var statement = await (await browser.GetAsync("/paiements/" + reference)).Content.ReadAsStringAsync(Cancellation);
        using var csv = await browser.GetAsync($"/paiements/{reference}?handler=Csv");
        using var missing = await browser.GetAsync("/paiements/RUN-NOT-THERE");

        Assert.Contains("Vos paiements", list, StringComparison.Ordinal);
        Assert.Contains("20,00", list, StringComparison.Ordinal);
        Assert.Contains(invoice.Number, statement, StringComparison.Ordinal);
        Assert.Contains("Payée", statement, StringComparison.Ordinal);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains(invoice.Number, await csv.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
