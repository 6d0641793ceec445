using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace TiersPayant.Tests.Web;

public sealed class SecurityHeadersTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    public static TheoryData<string, bool> Responses => new()
    {
        { "/", true },
        { "/health", false },
        { "/openapi/v1.json", false },
        { "/api/v1/nothing-here", false },
        { "/nulle-part", true },
        { WebTestHost.ThrowingApiPath, false },
        { WebTestHost.ThrowingPagePath, true },
        { "/css/site.css", false },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Every_response_carries_the_security_headers(string path, bool asBrowser)
    {
        using var client = host.CreateClient();
        using var request = asBrowser ? WebTestHost.Page(path) : new HttpRequestMessage(HttpMethod.Get, path);

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"));
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/health", false)]
    [InlineData("/openapi/v1.json", false)]
    [InlineData("/api/v1/nothing-here", false)]
    [InlineData("/nulle-part", true)]
    [InlineData(WebTestHost.ThrowingApiPath, false)]
    public async Task Pages_and_api_answers_are_never_stored(string path, bool asBrowser)
    {
        using var client = host.CreateClient();
        using var request = asBrowser ? WebTestHost.Page(path) : new HttpRequestMessage(HttpMethod.Get, path);

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Stylesheet_may_be_cached_once_revalidated()
    {
        using var client = host.CreateClient();

        var response = await client.GetAsync("/css/site.css", TestContext.Current.CancellationToken);

        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.False(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Hsts_is_sent_over_https_outside_development()
    {
        await using var production = host.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        using var client = production.CreateClient(new() { BaseAddress = new Uri("https://tiers-payant.example") });

        var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=31536000", Header(response, "Strict-Transport-Security"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hsts_is_not_sent_in_development()
    {
        using var client = host.CreateClient(new() { BaseAddress = new Uri("https://tiers-payant.example") });

        var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} is missing on {response.RequestMessage?.RequestUri}");
}
