using System.Net;
using System.Text.RegularExpressions;

namespace TiersPayant.Tests.Web;

public sealed partial class PortalTests(WebTestHost host) : IClassFixture<WebTestHost>
{
    [Fact]
    public async Task Home_page_is_french_by_default()
    {
        var html = await GetPageAsync("/");

        Assert.Contains("<html lang=\"fr\"", html, StringComparison.Ordinal);
        Assert.Contains("Comment les données sont protégées", html, StringComparison.Ordinal);
        Assert.Contains("Aucune recherche par nom", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_page_is_english_with_culture_en()
    {
        var html = await GetPageAsync("/?culture=en");

        Assert.Contains("<html lang=\"en\"", html, StringComparison.Ordinal);
        Assert.Contains("How data is protected", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Comment les données sont protégées", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_page_follows_accept_language()
    {
        var html = await GetPageAsync("/", acceptLanguage: "en-GB,en;q=0.9");

        Assert.Contains("<html lang=\"en\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Culture_chosen_by_link_is_kept_in_a_cookie()
    {
        using var client = host.CreateClient();

        var first = await client.SendAsync(WebTestHost.Page("/?culture=en"), TestContext.Current.CancellationToken);

        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(".AspNetCore.Culture=c%3Den%7Cuic%3Den", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        var next = WebTestHost.Page("/");
        next.Headers.Add("Cookie", cookie.Split(';')[0]);
        var second = await client.SendAsync(next, TestContext.Current.CancellationToken);
        Assert.Contains("<html lang=\"en\"", await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_page_has_landmarks_a_skip_link_and_the_technical_links()
    {
        var html = await GetPageAsync("/");

        Assert.Contains("<a class=\"skip-link\" href=\"#contenu\">", html, StringComparison.Ordinal);
        Assert.Contains("<header", html, StringComparison.Ordinal);
        Assert.Contains("<main id=\"contenu\"", html, StringComparison.Ordinal);
        Assert.Contains("<footer", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/openapi/v1.json\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/health\"", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"stylesheet\" href=\"/css/site.css?v=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_page_has_no_inline_script_or_style()
    {
        var html = await GetPageAsync("/");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(InlineHandler(), html);
    }

    [Fact]
    public async Task Stylesheet_is_served()
    {
        using var client = host.CreateClient();

        var response = await client.GetAsync("/css/site.css", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_page_is_the_french_404_page_with_the_date_in_french()
    {
        using var client = host.CreateClient();

        var response = await client.SendAsync(WebTestHost.Page("/nulle-part"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("<html lang=\"fr\"", html, StringComparison.Ordinal);
        Assert.Contains("Page introuvable", html, StringComparison.Ordinal);
        Assert.Contains("samedi 28 novembre 2026 17:05", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_page_is_the_english_404_page_with_the_date_in_english()
    {
        using var client = host.CreateClient();

        var response = await client.SendAsync(WebTestHost.Page("/nowhere?culture=en"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("<html lang=\"en\"", html, StringComparison.Ordinal);
        Assert.Contains("Page not found", html, StringComparison.Ordinal);
        Assert.Contains("Saturday, November 28, 2026", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failing_page_is_the_french_error_page_without_the_exception_message()
    {
        using var client = host.CreateClient();

        var response = await client.SendAsync(WebTestHost.Page(WebTestHost.ThrowingPagePath), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Une erreur est survenue", html, StringComparison.Ordinal);
        Assert.DoesNotContain("84 12 75", html, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_page_cannot_be_opened_directly()
    {
        using var client = host.CreateClient();

        var response = await client.SendAsync(WebTestHost.Page("/erreur/500"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page introuvable", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private async Task<string> GetPageAsync(string path, string? acceptLanguage = null)
    {
        using var client = host.CreateClient();
        var response = await client.SendAsync(WebTestHost.Page(path, acceptLanguage), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    [GeneratedRegex(@"<[^>]*\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();
}
