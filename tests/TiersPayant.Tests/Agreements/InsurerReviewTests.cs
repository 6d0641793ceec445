using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Configuration;
using TiersPayant.Security.Accounts;
using TiersPayant.Tests.Accounts;
using TiersPayant.Tests.Eligibility;
using static TiersPayant.Tests.ApiClients.ApiClientKit;

namespace TiersPayant.Tests.Agreements;

public sealed class InsurerReviewTests
{
    [Fact]
    public async Task A_pending_request_is_granted_by_its_insurers_manager_and_the_practice_sees_it()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var token = await kit.TokenAsync("opticien");
        var manager = (await DemoStaffAccount.ReadAsync(kit.Database)).Single(s => s.Role == StaffRoles.InsurerManager);
        var card = kit.Cards().First(c => !c.TryGetProperty("note", out _) && c.GetProperty("insurer").GetString() == manager.Insurer
            && c.GetProperty("domains").EnumerateArray().Any(d => d.GetString() == "optique"));
        var body = EligibilityKit.Body(card);
        body.Remove("domains");
        body["careDate"] = DateOnly.FromDateTime(DateTime.Today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        body["domain"] = "optique";
        body["lines"] = new object[] { new { code = "2999001", quantity = 1, unitPriceCents = 3000, @class = "A" } };
        body["prescription"] = new { date = body["careDate"], prescriber = "10000123454", correction = new { right = new { sphere = -1m, cylinder = 0m, axis = 0, addition = 0m } } };
        body["documents"] = new[] { "quote" };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/agreements") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var created = JsonDocument.Parse(await (await kit.Client.SendAsync(request, Cancellation)).Content.ReadAsStringAsync(Cancellation));
        var number = created.RootElement.GetProperty("agreementNumber").GetString()!;
        Assert.Equal("pending", created.RootElement.GetProperty("status").GetString());

        using var office = new PortalBrowser(kit.Factory, TimeProvider.System);
        using var other = new PortalBrowser(kit.Factory, TimeProvider.System);
        await office.UseSessionOfAsync(manager.Login);
        await other.UseSessionOfAsync("personnel.security");

        var list = await (await office.GetAsync("/assureur")).Content.ReadAsStringAsync(Cancellation);
        var recordedByList = await StaffDisclosuresAsync(kit);
        var opened = await (await office.GetAsync($"/assureur?numero={number}")).Content.ReadAsStringAsync(Cancellation);
        var granted = await office.PostFormAsync("/assureur", "/assureur", ("number", number), ("decision", "accept"));
        var recorded = await StaffDisclosuresAsync(kit);
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/agreements/{number}");
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var after = JsonDocument.Parse(await (await kit.Client.SendAsync(read, Cancellation)).Content.ReadAsStringAsync(Cancellation));

        Assert.Contains(number, list, StringComparison.Ordinal);
        Assert.DoesNotContain("30,00", list, StringComparison.Ordinal); // the queue shows no quote
        Assert.Empty(recordedByList);
        Assert.Contains("30,00", opened, StringComparison.Ordinal);
        // Opening the quote and deciding each left a record: the manager, the role, care, this request; no practice.
        Assert.Equal(2, recorded.Count);
        Assert.All(recorded, d => Assert.Equal(("staff", "insurer-manager", "care", "agreement-review", number, (Guid?)null, "portal"),
            (d.ActorKind, d.Role, d.Fields, d.Purpose, d.Reference, d.PracticeId, d.Channel)));
        Assert.Contains("Demande accordée", await granted.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal("accepted", after.RootElement.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, after.RootElement.GetProperty("validUntil").ValueKind);
        Assert.Contains("accepted-by-insurer", after.RootElement.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/assureur")).StatusCode);
    }

    private static async Task<List<Data.Audit.DisclosureRecord>> StaffDisclosuresAsync(EligibilityKit kit)
    {
        await using var db = kit.Database.OpenContext();
        return await db.Disclosures.AsNoTracking().Where(d => d.ActorKind == "staff").ToListAsync(Cancellation);
    }
}
