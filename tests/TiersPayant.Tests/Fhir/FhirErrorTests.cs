using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Eligibility;
using TiersPayant.Tests.Infrastructure;
using TiersPayant.Tests.Web;
using static TiersPayant.Tests.ApiClients.ApiClientKit;
using Task = System.Threading.Tasks.Task;

namespace TiersPayant.Tests.Fhir;

/// <summary>
/// Under <c>/fhir/r4</c> every error is an OperationOutcome in <c>application/fhir+json</c>, the
/// pipeline's own (401 challenge, 403 policy, 404, 405, 415, 429, 503 switch, 500) as well as the
/// endpoints', with the headers a client acts on kept; and every answer of these tests is valid R4.
/// </summary>
public sealed class FhirErrorTests : IDisposable
{
    private const string Eligibility = "/fhir/r4/CoverageEligibilityRequest";

    public void Dispose() => FhirResponses.AssertAllValidForCurrentTest();

    [Fact]
    public async Task Authentication_scope_routing_and_throttling_errors_are_operation_outcomes_with_their_headers()
    {
        // One new person per hour: the second distinct patient is throttled.
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite, ("Guard:Caps:pharmacien:PerHour", "1"));
        using var http = FhirKit.Http(kit);
        var cards = kit.Cards();
        var token = await kit.TokenAsync("pharmacien");
        var claimsOnly = await kit.TokenAsync("pharmacien", scope: "claims");

        var anonymous = await SendAsync(http, HttpMethod.Post, Eligibility, null, FhirKit.Eligibility(cards[0]));
        var anonymousRead = await SendAsync(http, HttpMethod.Get, "/fhir/r4/ClaimResponse/FAC-1", null);
        var wrongScope = await SendAsync(http, HttpMethod.Post, Eligibility, claimsOnly, FhirKit.Eligibility(cards[0]));
        var unknownPath = await SendAsync(http, HttpMethod.Get, "/fhir/r4/Patient/1", token);
        var wrongMethod = await SendAsync(http, HttpMethod.Get, Eligibility, token);
        using var text = new StringContent("{}", Encoding.UTF8, "text/plain");
        var wrongType = await SendAsync(http, HttpMethod.Post, Eligibility, token, content: text);
        var first = await SendAsync(http, HttpMethod.Post, Eligibility, token, FhirKit.Eligibility(cards[0]));
        var throttled = await SendAsync(http, HttpMethod.Post, Eligibility, token, FhirKit.Eligibility(cards[1]));

        AssertOutcome(anonymous, HttpStatusCode.Unauthorized, OperationOutcome.IssueType.Login, "unauthorized");
        Assert.Contains(anonymous.Response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        AssertOutcome(anonymousRead, HttpStatusCode.Unauthorized, OperationOutcome.IssueType.Login, "unauthorized");
        AssertOutcome(wrongScope, HttpStatusCode.Forbidden, OperationOutcome.IssueType.Forbidden, "forbidden");
        Assert.Contains(wrongScope.Response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        AssertOutcome(unknownPath, HttpStatusCode.NotFound, OperationOutcome.IssueType.NotFound, "not-found");
        AssertOutcome(wrongMethod, HttpStatusCode.MethodNotAllowed, OperationOutcome.IssueType.NotSupported, "method-not-allowed");
        Assert.Contains("POST", wrongMethod.Response.Content.Headers.Allow);
        AssertOutcome(wrongType, HttpStatusCode.UnsupportedMediaType, OperationOutcome.IssueType.NotSupported, "bad-request");
        Assert.Equal(HttpStatusCode.OK, first.Response.StatusCode);
        AssertOutcome(throttled, HttpStatusCode.TooManyRequests, OperationOutcome.IssueType.Throttled, "hourly-cap");
        Assert.True(throttled.Response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_fhir_surface_closed_by_a_switch_answers_503_as_an_operation_outcome()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        using var http = FhirKit.Http(kit);
        var token = await kit.TokenAsync("pharmacien");
        var closed = await kit.Database.RunAsync("portal", "close", "--surface", "fhir", "--reason", "maintenance");
        Assert.True(closed.ExitCode == 0, closed.Error);

        var response = await Eventually.UntilAsync(
            () => RequestAsync(http, HttpMethod.Post, Eligibility, token, FhirKit.Eligibility(kit.Cards()[0])),
            r => r.StatusCode == HttpStatusCode.ServiceUnavailable);
        var refused = new Sent(response, await response.Content.ReadAsStringAsync(Cancellation));

        AssertOutcome(refused, HttpStatusCode.ServiceUnavailable, OperationOutcome.IssueType.Transient, "surface-closed");
    }

    [Fact]
    public async Task A_failure_under_fhir_is_a_500_operation_outcome_without_the_exception_message()
    {
        await using var host = new WebTestHost();
        using var http = FhirKit.Http(host.Server);

        var failed = await SendAsync(http, HttpMethod.Get, WebTestHost.ThrowingFhirPath, null);

        var issue = AssertOutcome(failed, HttpStatusCode.InternalServerError, OperationOutcome.IssueType.Exception, "internal");
        Assert.Equal(OperationOutcome.IssueSeverity.Fatal, issue.Severity);
        Assert.Contains("Trace id", issue.Diagnostics, StringComparison.Ordinal);
        Assert.DoesNotContain("NIR", failed.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rights_check_without_an_identifier_answers_a_response_whose_request_is_the_check_reference()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        using var http = FhirKit.Http(kit);
        var anonymousRequest = FhirKit.Eligibility(kit.Cards()[0]);
        anonymousRequest.Identifier = [];

        var answered = await SendAsync(http, HttpMethod.Post, Eligibility, await kit.TokenAsync("pharmacien"), anonymousRequest);
        var identified = await SendAsync(http, HttpMethod.Post, Eligibility, await kit.TokenAsync("pharmacien"), FhirKit.Eligibility(kit.Cards()[0]));

        Assert.Equal(HttpStatusCode.OK, answered.Response.StatusCode);
        var response = new FhirJsonDeserializer().Deserialize<CoverageEligibilityResponse>(answered.Body);
        Assert.Equal("CoverageEligibilityRequest", response.Request.Type);
        var reference = Assert.IsType<Identifier>(response.Request.Identifier);
        Assert.Equal("urn:tierspayant:fhir:reference", reference.System);
        Assert.Equal(Assert.Single(response.Identifier).Value, reference.Value);
        var echoed = Assert.IsType<Identifier>(new FhirJsonDeserializer().Deserialize<CoverageEligibilityResponse>(identified.Body).Request.Identifier);
        Assert.Equal(("urn:test", "check-1"), (echoed.System, echoed.Value));
    }

    [Fact]
    public void The_validator_reports_a_coverage_eligibility_response_without_its_request()
    {
        var response = new CoverageEligibilityResponse
        {
            Status = FinancialResourceStatusCodes.Active,
            Purpose = [CoverageEligibilityResponse.EligibilityResponsePurpose.Validation],
            Patient = new ResourceReference { Display = "patient" },
            Created = "2026-01-01",
            Outcome = ClaimProcessingCodes.Complete,
            Insurer = new ResourceReference { Display = "TiersPayant" },
        };
        var without = new FhirJsonSerializer().SerializeToString(response);
        response.Request = new ResourceReference { Type = "CoverageEligibilityRequest", Identifier = new Identifier("urn:test", "1") };
        var with = new FhirJsonSerializer().SerializeToString(response);

        Assert.Contains(R4Validator.Errors(without), e => e.Contains("request", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(R4Validator.Errors(with));
        Assert.NotEmpty(R4Validator.Errors("""{"resourceType":"OperationOutcome","issue":[{"severity":"bad","code":"invalid"}]}"""));
    }

    private static OperationOutcome.IssueComponent AssertOutcome(Sent sent, HttpStatusCode status, OperationOutcome.IssueType type, string code)
    {
        Assert.Equal(status, sent.Response.StatusCode);
        Assert.Equal("application/fhir+json", sent.Response.Content.Headers.ContentType?.MediaType);
        var issue = Assert.Single(new FhirJsonDeserializer().Deserialize<OperationOutcome>(sent.Body).Issue);
        Assert.Equal(type, issue.Code);
        Assert.Equal(code, Assert.Single(issue.Details!.Coding).Code);
        Assert.False(string.IsNullOrWhiteSpace(issue.Diagnostics));
        return issue;
    }

    private sealed record Sent(HttpResponseMessage Response, string Body);

    private static async Task<Sent> SendAsync(HttpClient http, HttpMethod method, string path, string? token, Resource? resource = null, HttpContent? content = null)
    {
        var response = await RequestAsync(http, method, path, token, resource, content);
        return new Sent(response, await response.Content.ReadAsStringAsync(Cancellation));
    }

    private static async Task<HttpResponseMessage> RequestAsync(HttpClient http, HttpMethod method, string path, string? token, Resource? resource = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (resource is not null)
        {
            request.Content = new StringContent(new FhirJsonSerializer().SerializeToString(resource), Encoding.UTF8, "application/fhir+json");
        }
        else if (content is not null)
        {
            request.Content = content;
        }

        return await http.SendAsync(request, Cancellation);
    }
}
