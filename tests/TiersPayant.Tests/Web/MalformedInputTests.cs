using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using TiersPayant.Web.Problems;

namespace TiersPayant.Tests.Web;

/// <summary>Regressions of issue 8: cookies, charsets and the antiforgery cookie, answered without a 500 or an error in the log.</summary>
public sealed class MalformedInputTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("x")]
    [InlineData("====")]
    [InlineData("!!!!")]
    [InlineData("%FF%FE")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA$")]
    public async Task A_malformed_session_cookie_is_no_session_rather_than_a_500_on_every_path(string token)
    {
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var health = new HttpRequestMessage(HttpMethod.Get, "/health");
        health.Headers.Add("Cookie", "tp_session=" + token);
        using var page = WebTestHost.Page("/droits");
        page.Headers.Add("Cookie", "tp_session=" + token);

        var healthAnswer = await client.SendAsync(health, Cancellation);
        var pageAnswer = await client.SendAsync(page, Cancellation);

        Assert.Equal(HttpStatusCode.OK, healthAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, pageAnswer.StatusCode);
        Assert.StartsWith("/connexion", pageAnswer.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.GetSnapshot(), log => log.Level >= LogLevel.Error && log.Message.Contains("/health", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("application/json; charset=bogus")]
    [InlineData("application/json; charset=utf-7")]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json; charset=")]
    [InlineData("application/json; charset=utf-16")]
    public async Task A_json_body_in_another_charset_than_utf8_is_415_problem_details(string contentType)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/eligibility") { Content = new ByteArrayContent("{}"u8.ToArray()) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await client.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(ProblemTypes.BadRequest, problem.RootElement.GetProperty("type").GetString());
        Assert.Contains("UTF-8", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/connect/token")]
    [InlineData("/connexion")]
    public async Task A_form_in_utf7_is_415_on_the_token_endpoint_and_the_portal(string path)
    {
        using var client = host.CreateClient();
        using var request = path == "/connexion" ? WebTestHost.Page(path) : new HttpRequestMessage();
        request.Method = HttpMethod.Post;
        request.RequestUri = new Uri(path, UriKind.Relative);
        request.Content = new StringContent("grant_type=client_credentials", Encoding.UTF8);
        request.Content.Headers.Remove("Content-Type");
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=utf-7");

        var response = await client.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task The_antiforgery_cookie_is_secure_over_https_as_the_portals_own_cookies()
    {
        using var https = host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        using var http = host.CreateClient();

        var overHttps = await https.SendAsync(WebTestHost.Page("/connexion"), Cancellation);
        var overHttp = await http.SendAsync(WebTestHost.Page("/connexion"), Cancellation);

        var secure = Assert.Single(overHttps.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains("; secure", secure, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", secure, StringComparison.OrdinalIgnoreCase);
        var plain = Assert.Single(overHttp.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.DoesNotContain("; secure", plain, StringComparison.OrdinalIgnoreCase);
    }
}
