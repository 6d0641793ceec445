using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.OpenApi;

namespace TiersPayant.Tests.Web;

public sealed class HealthAndOpenApiTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    [Fact]
    public async Task Health_is_200_when_the_node_can_serve()
    {
        using var client = host.CreateClient();

        var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_is_503_problem_details_when_a_registered_check_fails()
    {
        await using var failing = host.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddHealthChecks().AddCheck("payment-bank", () => HealthCheckResult.Unhealthy("connection refused"))));
        using var client = failing.CreateClient();

        var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(TiersPayant.Web.Problems.ProblemTypes.Unavailable, problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("unhealthy", problem.RootElement.GetProperty("health").GetString());
        Assert.DoesNotContain("connection refused", text, StringComparison.Ordinal);
        Assert.DoesNotContain("payment-bank", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_document_is_a_valid_openapi_document_describing_health()
    {
        using var client = host.CreateClient();

        var response = await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var read = OpenApiDocument.Parse(json, OpenApiConstants.Json);
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        var document = Assert.IsType<OpenApiDocument>(read.Document);
        Assert.Equal("TiersPayant", document.Info.Title);
        Assert.False(string.IsNullOrWhiteSpace(document.Info.Description));
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
        var health = document.Paths["/health"].Operations![HttpMethod.Get];
        Assert.Contains(health.Tags!, tag => tag.Name == "Health");
    }
}
