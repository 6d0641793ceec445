using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using TiersPayant.Tests.Web.Fuzz;
using TiersPayant.Web.Problems;
using TiersPayant.Web.Requests;
using Task = System.Threading.Tasks.Task;

namespace TiersPayant.Tests.Web;

/// <summary>The seeded platform on Kestrel: the in-memory test server enforces no body limit, Kestrel does.</summary>
public sealed class KestrelPlatform : IAsyncLifetime
{
    internal FuzzPlatform Platform { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Platform = await FuzzPlatform.StartAsync();

    public async ValueTask DisposeAsync() => await Platform.DisposeAsync();
}

/// <summary>Each endpoint's body limit is the server's: past it, 413 (problem details, or an OperationOutcome under /fhir) before the body is read.</summary>
public sealed class BodyLimitTests(KestrelPlatform kestrel) : IClassFixture<KestrelPlatform>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private FuzzPlatform Platform => kestrel.Platform;

    [Theory]
    [InlineData("/api/v1/eligibility", BodyLimits.Eligibility)]
    [InlineData("/api/v1/agreements", BodyLimits.QuoteOrInvoice)]
    [InlineData("/api/v1/claims", BodyLimits.QuoteOrInvoice)]
    public async Task A_json_body_past_its_endpoints_limit_is_413_problem_details(string path, long limit)
    {
        var response = await PostAsync(path, Padded(FuzzBodies.Eligibility(Platform.Card), limit + 1), "application/json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(ProblemTypes.TooLarge, problem.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_fhir_body_past_its_limit_is_413_operation_outcome_and_a_bundle_may_be_larger_than_other_bodies()
    {
        var tooLarge = await PostAsync("/fhir/r4/CoverageEligibilityRequest",
            Padded(FuzzBodies.FhirEligibility(Platform.Card), BodyLimits.FhirEligibility + 1), "application/fhir+json");
        var largeBundle = await PostAsync("/fhir/r4/Claim/$submit", Padded(FuzzBodies.FhirClaim(Platform.Card), 200 * 1024), "application/fhir+json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        var tooLargeText = await tooLarge.Content.ReadAsStringAsync(Cancellation);
        var outcome = new FhirJsonDeserializer().Deserialize<OperationOutcome>(tooLargeText);
        Assert.Equal(OperationOutcome.IssueType.TooLong, Assert.Single(outcome.Issue).Code);
        Assert.Empty(Fhir.R4Validator.Errors(tooLargeText));
        // 200 KiB of padding is past the 64 KiB of other bodies, within a bundle's 256 KiB: it is read (and its padding refused).
        Assert.Equal(HttpStatusCode.BadRequest, largeBundle.StatusCode);
        Assert.Empty(Fhir.R4Validator.Errors(await largeBundle.Content.ReadAsStringAsync(Cancellation)));
    }

    [Fact]
    public async Task An_absurd_content_length_is_413_before_any_byte_of_the_body_is_read()
    {
        var head = RawHttp.Head("POST", "/api/v1/eligibility"u8.ToArray(), Platform.BaseAddress,
        [
            ("Authorization", Encoding.ASCII.GetBytes("Bearer " + Platform.Bearer)),
            ("Content-Type", "application/json"u8.ToArray()),
            ("Content-Length", "100000000000000000"u8.ToArray()),
        ]);

        var status = await RawHttp.SendAsync(Platform.BaseAddress, head, "{}"u8.ToArray(), closeAfterBody: false, Cancellation);

        Assert.Equal(413, status);
    }

    // The valid body with one unknown member of padding, to reach exactly the length wanted.
    private static byte[] Padded(byte[] valid, long length)
    {
        var prefix = Encoding.UTF8.GetString(valid).TrimEnd('}') + ",\"padding\":\"";
        return Encoding.UTF8.GetBytes(prefix + new string('a', (int)(length - prefix.Length - 2)) + "\"}");
    }

    private async Task<HttpResponseMessage> PostAsync(string path, byte[] body, string contentType)
    {
        await Platform.KeepBearerAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Platform.Bearer);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        // Kestrel answers 413 before reading and closes: the client must wait for that answer before it writes the body.
        request.Headers.ExpectContinue = true;
        return await Platform.Http.SendAsync(request, Cancellation);
    }
}
