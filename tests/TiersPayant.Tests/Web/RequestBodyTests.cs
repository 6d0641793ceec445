using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using TiersPayant.Tests.Web.Fuzz;
using TiersPayant.Web.Problems;
using Task = System.Threading.Tasks.Task;

namespace TiersPayant.Tests.Web;

/// <summary>
/// Regressions of issue 8 on the JSON and FHIR bodies: an unknown member is named, a type or range
/// error names its field (never its value), invalid UTF-8 and values that do not fit FHIR elements
/// are 400 OperationOutcomes.
/// </summary>
public sealed class RequestBodyTests(SeededPlatform platform) : IClassFixture<SeededPlatform>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string, string, string> Malformed => new()
    {
        // endpoint, a pattern of the valid body, what replaces it, the field named, what its message says
        { "/api/v1/eligibility", "\"card\":\\{", "\"zzz\":1,\"card\":{", "zzz", "unknown member" },
        { "/api/v1/eligibility", "\"card\":\\{", "\"card\":{\"zz\":1,", "card.zz", "unknown member" },
        { "/api/v1/eligibility", "\"birthRank\":\\d+", "\"birthRank\":1e308", "beneficiary.birthRank", "whole number" },
        { "/api/v1/eligibility", "\"birthRank\":\\d+", "\"birthRank\":9223372036854775808", "beneficiary.birthRank", "whole number" },
        { "/api/v1/eligibility", "\"birthRank\":\\d+", "\"birthRank\":\"x\"", "beneficiary.birthRank", "whole number" },
        { "/api/v1/eligibility", "\"birthRank\":\\d+", "\"birthRank\":1.5", "beneficiary.birthRank", "whole number" },
        { "/api/v1/eligibility", "\"domains\":\\[[^\\]]*\\]", "\"domains\":{}", "domains", "array" },
        { "/api/v1/agreements", "\"unitPriceCents\":\\d+", "\"unitPriceCents\":9223372036854775808", "lines[0].unitPriceCents", "whole number" },
        { "/api/v1/agreements", "\"unitPriceCents\":\\d+", "\"unitPriceCents\":1e308", "lines[0].unitPriceCents", "whole number" },
        { "/api/v1/agreements", "\"unitPriceCents\":\\d+", "\"unitPriceCents\":\"x\"", "lines[0].unitPriceCents", "whole number" },
        { "/api/v1/agreements", "\"quantity\":\\d+", "\"quantity\":1.5", "lines[0].quantity", "whole number" },
        { "/api/v1/agreements", "\"code\":\"2999001\"", "\"code\":\"2999001\",\"price\":1", "lines[0].price", "unknown member" },
        { "/api/v1/agreements", "\"sphere\":-?[0-9.]+", "\"sphere\":1e309", "prescription.correction.right.sphere", "number" },
        { "/api/v1/claims", "\"unitPriceCents\":\\d+", "\"unitPriceCents\":9223372036854775808", "lines[0].unitPriceCents", "whole number" },
        { "/api/v1/claims", "\"agreementNumber\":\"[^\"]*\"", "\"agreementNumber\":12345", "agreementNumber", "string" },
        { "/api/v1/claims", "\"agreementNumber\"", "\"zzz\":1,\"agreementNumber\"", "zzz", "unknown member" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task An_unknown_member_or_a_type_or_range_error_is_a_validation_problem_naming_the_field(
        string path, string pattern, string replacement, string field, string message)
    {
        var body = new Regex(pattern).Replace(Valid(path), replacement.Replace("$", "$$", StringComparison.Ordinal), 1);
        Assert.NotEqual(Valid(path), body);

        var response = await PostAsync(path, body, "application/json");
        var text = await response.Content.ReadAsStringAsync(Cancellation);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(ProblemTypes.Validation, problem.RootElement.GetProperty("type").GetString());
        Assert.Contains(message, problem.RootElement.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        // The field is named, never the value that failed.
        var value = replacement.Split(':')[^1];
        if (value.Length >= 4)
        {
            Assert.DoesNotContain(value, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_claim_body_past_its_limit_is_413_even_where_the_server_sets_none()
    {
        var body = Encoding.UTF8.GetString(FuzzBodies.Claim("PEC-NONE")).TrimEnd('}') + ",\"padding\":\"" + new string('a', 40 * 1024) + "\"}";

        var response = await PostAsync("/api/v1/claims", body, "application/json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(ProblemTypes.TooLarge, problem.RootElement.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("invalid UTF-8", "$")]
    [InlineData("a number for a name", "CoverageEligibilityRequest.contained[0].name[0].family")]
    [InlineData("an array for the resource", "$")]
    [InlineData("a null in a list", "CoverageEligibilityRequest.item[0]")]
    public async Task A_fhir_body_that_is_not_valid_utf8_or_fhir_json_is_a_400_operation_outcome(string what, string expression)
    {
        var valid = Encoding.UTF8.GetString(FuzzBodies.FhirEligibility(platform.Kit.Cards()[0]));
        byte[] body = what switch
        {
            "invalid UTF-8" => [.. Encoding.UTF8.GetBytes(valid[..^1]), .. ",\"language\":\""u8, 0xFF, 0xFE, .. "\"}"u8],
            "a number for a name" => Encoding.UTF8.GetBytes(new Regex("\"family\":\"[^\"]*\"").Replace(valid, "\"family\":12345", 1)),
            "an array for the resource" => Encoding.UTF8.GetBytes("[" + valid + "]"),
            _ => Encoding.UTF8.GetBytes(new Regex("\"item\":\\[").Replace(valid, "\"item\":[null,", 1)),
        };

        var response = await PostAsync("/fhir/r4/CoverageEligibilityRequest", body, "application/fhir+json");
        var text = await response.Content.ReadAsStringAsync(Cancellation);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var outcome = new FhirJsonDeserializer().Deserialize<OperationOutcome>(text);
        var issue = Assert.Single(outcome.Issue);
        Assert.Equal(OperationOutcome.IssueType.Invalid, issue.Code);
        Assert.StartsWith(expression.TrimEnd('$'), issue.Expression.Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("12345", text, StringComparison.Ordinal);
        Assert.Empty(Fhir.R4Validator.Errors(text));
    }

    private string Valid(string path) => Encoding.UTF8.GetString(path switch
    {
        "/api/v1/eligibility" => FuzzBodies.Eligibility(platform.Kit.Cards()[0]),
        "/api/v1/agreements" => FuzzBodies.Agreement(platform.Kit.Cards()[0]),
        _ => FuzzBodies.Claim("PEC-NONE"),
    });

    private async Task<HttpResponseMessage> PostAsync(string path, object body, string contentType)
    {
        var token = await platform.Kit.TokenAsync("opticien");
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(body is string text ? Encoding.UTF8.GetBytes(text) : (byte[])body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return await platform.Kit.Client.SendAsync(request, Cancellation);
    }
}
