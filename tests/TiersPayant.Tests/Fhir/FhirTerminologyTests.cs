using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Hl7.Fhir.Serialization;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Eligibility;
using static TiersPayant.Tests.ApiClients.ApiClientKit;
using Task = System.Threading.Tasks.Task;

namespace TiersPayant.Tests.Fhir;

/// <summary>The CapabilityStatement names every code and identifier system a client sends, and the codes of ours; a coding of another system is not read.</summary>
public sealed class FhirTerminologyTests : IDisposable
{
    public void Dispose() => FhirResponses.AssertAllValidForCurrentTest();

    [Fact]
    public async Task The_capability_statement_lists_every_system_and_code_the_accepted_requests_send()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var card = kit.Cards().First(c => c.GetProperty("domains").EnumerateArray().Any(d => d.GetString() == "optique"));
        var client = FhirKit.Client(kit, null);
        var statement = await client.CapabilityStatementAsync(ct: Cancellation);
        var rest = Assert.Single(statement!.Rest);
        var documentation = rest.Documentation + "\n" + string.Join("\n", rest.Resource.Select(r => r.Documentation));

        // What the suite's FHIR tests send and the server accepts: a rights check, an agreement, an invoice.
        Resource[] sent = [FhirKit.Eligibility(card), ClaimBuilder.Preauthorization(card), ClaimBuilder.Invoice("PEC-1", "facture-1")];
        var codings = sent.SelectMany(r => Systems(JsonNode.Parse(new FhirJsonSerializer().SerializeToString(r))!))
            .Where(c => c.System != "urn:test") // the client's own identifiers of its requests
            .Distinct().ToList();

        Assert.Contains(codings, c => c.System == "urn:tierspayant:fhir:product");
        Assert.Contains(codings, c => c.System == "urn:oid:1.2.250.1.71.4.2.1");
        Assert.All(codings, c => Assert.Contains("`" + c.System + "`", documentation, StringComparison.Ordinal));
        Assert.All(codings.Where(c => c.System.StartsWith("urn:tierspayant:", StringComparison.Ordinal) && c.Code is not null && c.System != "urn:tierspayant:fhir:product"),
            c => Assert.Contains("`" + c.Code + "`", documentation, StringComparison.Ordinal));
        foreach (var domain in new[] { "pharmacie", "optique", "audioprothese", "dentaire", "hospitalisation" })
        {
            Assert.Contains("`" + domain + "`", rest.Documentation, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_product_coded_in_another_system_is_refused_at_its_item()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var card = kit.Cards().First(c => c.GetProperty("domains").EnumerateArray().Any(d => d.GetString() == "optique") && !c.TryGetProperty("note", out _));
        var bundle = ClaimBuilder.Preauthorization(card);
        ((Claim)bundle.Entry[0].Resource!).Item[1].ProductOrService = new CodeableConcept("http://example.org/lpp", "2999011");
        using var http = FhirKit.Http(kit);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/r4/Claim/$submit")
        {
            Content = new StringContent(new FhirJsonSerializer().SerializeToString(bundle), Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await kit.TokenAsync("opticien"));

        var response = await http.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = new FhirJsonDeserializer().Deserialize<OperationOutcome>(await response.Content.ReadAsStringAsync(Cancellation));
        // The code is not read from another system: the line lacks it, as if none had been sent.
        Assert.Contains(outcome.Issue, i => i.Expression.Any(e => e?.StartsWith("Claim.item[1]", StringComparison.Ordinal) == true) && i.Diagnostics?.Contains("code", StringComparison.Ordinal) == true);
    }

    private sealed record Coded(string System, string? Code);

    // Codings and identifiers alike carry "system": every object holding one, anywhere in the resource.
    private static IEnumerable<Coded> Systems(JsonNode node) => node switch
    {
        JsonObject o => (o["system"] is JsonValue system ? [new Coded(system.GetValue<string>(), o["code"]?.GetValue<string>())] : Array.Empty<Coded>())
            .Concat(o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Systems)),
        JsonArray a => a.OfType<JsonNode>().SelectMany(Systems),
        _ => [],
    };
}
