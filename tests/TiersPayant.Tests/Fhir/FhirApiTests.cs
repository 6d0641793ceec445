using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Data;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Eligibility;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.ApiClients.ApiClientKit;
using Task = System.Threading.Tasks.Task;

namespace TiersPayant.Tests.Fhir;

/// <summary>The FHIR surface through Firely's client; every answer each test received, errors included, is then validated against R4.</summary>
public sealed class FhirApiTests : IDisposable
{
    public void Dispose() => FhirResponses.AssertAllValidForCurrentTest();

    private static readonly Uri Claims = new(FhirKit.Base + "/Claim");

    // An optics card on a responsible contract, with no past equipment noted (as in the REST agreement tests).
    private static JsonElement OpticsCard(EligibilityKit kit) => kit.Cards().First(c => !c.TryGetProperty("note", out _)
        && c.GetProperty("domains").EnumerateArray().Any(d => d.GetString() == "optique") && c.GetProperty("insurer").GetString() != "130000034");

    // FhirClient's create expects the resource it sent back; the rights check answers another type, which it leaves in LastBodyAsResource.
    private static async Task<CoverageEligibilityResponse> CheckAsync(FhirClient client, CoverageEligibilityRequest request)
    {
        try
        {
            await client.CreateAsync(request, Cancellation);
        }
        catch (FhirOperationException e) when (e.Status == HttpStatusCode.OK)
        {
        }

        return Assert.IsType<CoverageEligibilityResponse>(client.LastBodyAsResource);
    }

    private static async Task<ClaimResponse> SubmitAsync(FhirClient client, Bundle bundle)
    {
        var answer = Assert.IsType<Bundle>(await client.OperationAsync(Claims, "submit", bundle, Cancellation));
        Assert.Equal(Bundle.BundleType.Collection, answer.Type);
        return Assert.IsType<ClaimResponse>(Assert.Single(answer.Entry).Resource);
    }

    [Fact]
    public async Task Metadata_is_a_capability_statement_read_anonymously()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);

        var statement = await FhirKit.Client(kit, null).CapabilityStatementAsync(ct: Cancellation);

        Assert.Equal(FHIRVersion.N4_0_1, statement!.FhirVersion);
        Assert.Equal(CapabilityStatementKind.Instance, statement.Kind);
        var rest = Assert.Single(statement.Rest);
        Assert.Contains(rest.Resource, r => r.Type == "CoverageEligibilityRequest");
        Assert.Contains(rest.Resource.Single(r => r.Type == "Claim").Operation, o => o.Name == "submit");
        Assert.Contains("client credentials", rest.Security!.Description, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_sample_card_is_covered_per_domain_and_the_disclosure_says_fhir(DatabaseProvider provider)
    {
        await using var kit = await EligibilityKit.StartAsync(provider);
        var card = kit.Cards().First(c => !c.TryGetProperty("note", out _));
        var client = FhirKit.Client(kit, await kit.TokenAsync("pharmacien"));

        var response = await CheckAsync(client, FhirKit.Eligibility(card));

        Assert.Equal(ClaimProcessingCodes.Complete, response.Outcome);
        var insurance = Assert.Single(response.Insurance);
        Assert.True(insurance.Inforce);
        Assert.Contains(insurance.Item, i => i.Excluded == false && i.Category!.Coding[0].Code == card.GetProperty("domains")[0].GetString());
        NotShown.Name(card.GetProperty("lastName").GetString()!, client.LastBodyAsText ?? throw new InvalidOperationException("the FHIR client kept no body"));
        var reference = Assert.Single(response.Identifier).Value;
        using var scope = kit.Factory.Services.CreateScope();
        var disclosure = await scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>().Disclosures.SingleAsync(d => d.Reference == reference, Cancellation);
        Assert.Equal("fhir", disclosure.Channel);
        Assert.Equal("eligibility", disclosure.Purpose);
    }

    [Fact]
    public async Task A_mismatch_is_the_single_no_match_error()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var client = FhirKit.Client(kit, await kit.TokenAsync("pharmacien"));

        var response = await CheckAsync(client, FhirKit.Eligibility(kit.Cards()[0], lastName: "Inconnu"));

        Assert.Equal(ClaimProcessingCodes.Error, response.Outcome);
        Assert.Equal("no-match", Assert.Single(response.Error).Code.Coding[0].Code);
        Assert.Empty(response.Insurance);
    }

    [Fact]
    public async Task Class_A_glasses_are_preauthorized_then_invoiced_once_through_submit()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var client = FhirKit.Client(kit, await kit.TokenAsync("opticien"));

        var agreement = await SubmitAsync(client, ClaimBuilder.Preauthorization(OpticsCard(kit)));
        Assert.Equal(ClaimProcessingCodes.Complete, agreement.Outcome);
        Assert.StartsWith("PEC-", agreement.PreAuthRef, StringComparison.Ordinal);
        Assert.Equal(FhirKit.Today, agreement.PreAuthPeriod!.Start);
        Assert.NotNull(agreement.PreAuthPeriod.End);
        Assert.Equal(3, agreement.Item.Count);
        Assert.Equal(150m, agreement.Total.Single(t => t.Category.Coding[0].Code == "submitted").Amount.Value);
        Assert.Equal(0m, agreement.Total.Single(t => t.Category.Coding[0].Code == "copay").Amount.Value);

        var invoice = ClaimBuilder.Invoice(agreement.PreAuthRef!, "facture-fhir-1");
        var claim = await SubmitAsync(client, invoice);
        var again = await SubmitAsync(client, invoice);

        Assert.Equal(ClaimProcessingCodes.Complete, claim.Outcome);
        Assert.Equal("accepted", claim.Disposition);
        Assert.Equal(claim.Identifier[0].Value, again.Identifier[0].Value);
        using var scope = kit.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        Assert.Equal("fhir", (await db.Claims.SingleAsync(Cancellation)).Channel);
        Assert.Equal("fhir", (await db.Agreements.SingleAsync(Cancellation)).Channel);
    }

    [Fact]
    public async Task An_invoice_read_as_a_claim_response_carries_its_payment_once_paid()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var client = FhirKit.Client(kit, await kit.TokenAsync("opticien"));
        var agreement = await SubmitAsync(client, ClaimBuilder.Preauthorization(OpticsCard(kit)));
        var claim = await SubmitAsync(client, ClaimBuilder.Invoice(agreement.PreAuthRef!, "facture-fhir-paid"));
        var id = Assert.Single(claim.Identifier).Value;

        var before = await client.ReadAsync<ClaimResponse>($"{FhirKit.Base}/ClaimResponse/{id}");
        Assert.Equal(0, (await kit.Database.RunAsync("payments", "run")).ExitCode);
        var after = await client.ReadAsync<ClaimResponse>($"{FhirKit.Base}/ClaimResponse/{id}");
        var missing = await Assert.ThrowsAsync<FhirOperationException>(() => client.ReadAsync<ClaimResponse>($"{FhirKit.Base}/ClaimResponse/FAC-NOT-MINE"));

        Assert.Null(before!.Payment);
        Assert.Equal("accepted", after!.Disposition);
        var payment = Assert.IsType<ClaimResponse.PaymentComponent>(after.Payment);
        Assert.Equal("complete", payment.Type.Coding[0].Code);
        Assert.Equal(claim.Total.Single(t => t.Category.Coding.Any(c => c.Code == "amc")).Amount!.Value, payment.Amount!.Value);
        Assert.Equal("urn:tierspayant:fhir:payment", payment.Identifier!.System);
        Assert.StartsWith("RUN-", payment.Identifier.Value, StringComparison.Ordinal);
        Assert.NotNull(payment.Date);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }

    [Fact]
    public async Task A_malformed_bundle_and_a_missing_scope_are_operation_outcomes()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var token = await kit.TokenAsync("opticien");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/r4/Claim/$submit")
        {
            Content = new StringContent("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Claim\",\"use\":42", Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var http = FhirKit.Http(kit);
        var malformed = await http.SendAsync(request, Cancellation);
        var narrow = FhirKit.Client(kit, await kit.TokenAsync("opticien", scope: "eligibility"));
        var missingScope = await Assert.ThrowsAsync<FhirOperationException>(() => SubmitAsync(narrow, ClaimBuilder.Preauthorization(OpticsCard(kit))));

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/fhir+json", malformed.Content.Headers.ContentType?.MediaType);
        var outcome = new FhirJsonDeserializer().Deserialize<OperationOutcome>(await malformed.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(OperationOutcome.IssueType.Invalid, Assert.Single(outcome.Issue).Code);
        Assert.Equal(HttpStatusCode.Forbidden, missingScope.Status);
    }

    [Fact]
    public async Task An_unknown_code_is_named_by_its_FHIR_path_and_a_reused_identifier_with_another_bundle_is_a_conflict()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var token = await kit.TokenAsync("opticien");
        var client = FhirKit.Client(kit, token);
        var badCode = ClaimBuilder.Preauthorization(OpticsCard(kit));
        var claim = (Claim)badCode.Entry[0].Resource!;
        claim.Item[1].ProductOrService = new CodeableConcept("urn:tierspayant:fhir:product", "9999999");

        var invalid = await PostRawAsync(kit, token, badCode);
        var agreement = await SubmitAsync(client, ClaimBuilder.Preauthorization(OpticsCard(kit)));
        var first = ClaimBuilder.Invoice(agreement.PreAuthRef!, "facture-fhir-2");
        var other = ClaimBuilder.Invoice(agreement.PreAuthRef!, "facture-fhir-2");
        ((Claim)other.Entry[0].Resource!).BillablePeriod = new Period { Start = DateOnly.FromDateTime(DateTime.Today).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
        await SubmitAsync(client, first);
        var conflict = await PostRawAsync(kit, token, other);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Contains(invalid.Outcome.Issue, i => i.Expression.Contains("Claim.item[1].productOrService"));
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        using var scope = kit.Factory.Services.CreateScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>().Claims.CountAsync(Cancellation));
    }

    private static async Task<(HttpStatusCode Status, OperationOutcome Outcome)> PostRawAsync(EligibilityKit kit, string token, Bundle bundle)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/r4/Claim/$submit")
        {
            Content = new StringContent(new FhirJsonSerializer().SerializeToString(bundle), Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var http = FhirKit.Http(kit);
        var response = await http.SendAsync(request, Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        return (response.StatusCode, new FhirJsonDeserializer().Deserialize<OperationOutcome>(body));
    }
}
