using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TiersPayant.Web.Problems;

namespace TiersPayant.Tests.Web;

public sealed class ProblemDetailsTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    [Fact]
    public async Task Unknown_api_path_is_404_problem_details_with_a_stable_type()
    {
        using var client = host.CreateClient();

        var response = await client.GetAsync("/api/v1/nothing-here", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var problem = await ReadProblemAsync(response);
        Assert.Equal(ProblemTypes.NotFound, problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("traceId").GetString()));
    }

    [Fact]
    public async Task Unknown_api_path_is_problem_details_even_for_a_browser()
    {
        using var client = host.CreateClient();

        var response = await client.SendAsync(WebTestHost.Page("/api/v1/nothing-here"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var problem = await ReadProblemAsync(response);
        Assert.Equal(ProblemTypes.NotFound, problem.RootElement.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("/api/v1/nothing-here", HttpStatusCode.NotFound, ProblemTypes.NotFound)]
    [InlineData(WebTestHost.ThrowingApiPath, HttpStatusCode.InternalServerError, ProblemTypes.Internal)]
    public async Task Api_errors_are_problem_details_whatever_the_client_accepts(string path, HttpStatusCode status, string type)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept", "text/plain");

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        using var problem = await ReadProblemAsync(response);
        Assert.Equal(type, problem.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Wrong_method_is_405_problem_details()
    {
        using var client = host.CreateClient();

        var response = await client.DeleteAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        using var problem = await ReadProblemAsync(response);
        Assert.Equal(ProblemTypes.MethodNotAllowed, problem.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Unhandled_exception_is_500_problem_details_without_its_message()
    {
        using var client = host.CreateClient();

        var response = await client.GetAsync(WebTestHost.ThrowingApiPath, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("84 12 75", text, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        using var problem = await ReadProblemAsync(response);
        Assert.Equal(ProblemTypes.Internal, problem.RootElement.GetProperty("type").GetString());
        Assert.False(problem.RootElement.TryGetProperty("detail", out _));
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("traceId").GetString()));
    }

    [Fact]
    public async Task Unhandled_exception_is_logged_once_with_its_trace_id_and_no_client_address_in_clear()
    {
        using var client = host.CreateClient();

        var response = await client.GetAsync(WebTestHost.ThrowingApiPath, TestContext.Current.CancellationToken);
        using var problem = await ReadProblemAsync(response);
        var traceId = problem.RootElement.GetProperty("traceId").GetString()!;

        var record = Assert.Single(host.Logs.GetSnapshot(), log => log.Level == LogLevel.Error && log.Message.Contains(traceId, StringComparison.Ordinal));
        Assert.IsType<InvalidOperationException>(record.Exception);
        Assert.DoesNotContain(WebTestHost.ClientAddress.ToString(), record.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, record.GetStructuredStateValue("ClientAddress"));
    }

    [Theory]
    [InlineData(null, "application/json")]
    [InlineData("application/problem+json", "application/problem+json")]
    public async Task A_refused_token_request_is_an_oauth_error_and_a_problem_document(string? accept, string mediaType)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", "tp-unknown"), new("client_secret", "guess")]),
        };
        if (accept is not null)
        {
            request.Headers.Add("Accept", accept);
        }

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        // RFC 6749 5.2 (application/json unless the client asks for a problem document) and RFC 9457 in one body.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var root = body.RootElement;
        Assert.Equal("invalid_client", root.GetProperty("error").GetString());
        Assert.Equal(ProblemTypes.Unauthorized, root.GetProperty("type").GetString());
        Assert.Equal(401, root.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("title").GetString()));
        Assert.Equal(root.GetProperty("error_description").GetString(), root.GetProperty("detail").GetString());
    }

    private static async Task<JsonDocument> ReadProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
