using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace TiersPayant.Tests.Federation;

/// <summary>
/// One browser going back and forth between the platform (in memory) and the provider (over
/// real HTTP on the loopback), one redirect at a time, with its own cookie jar that a test can
/// inspect.
/// </summary>
public sealed class FederationBrowser : IDisposable
{
    private readonly HttpClient _platform;
    private readonly HttpClient _provider;

    public FederationBrowser(WebApplicationFactory<Program> factory)
    {
        _platform = factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(Cookies));
        _platform.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        _provider = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, CookieContainer = new CookieContainer() });
    }

    /// <summary>The platform's cookies in this browser.</summary>
    public CookieContainer Cookies { get; } = new();

    /// <summary>The last authorization request the platform sent this browser to.</summary>
    public Uri? AuthorizationRequest { get; private set; }

    public Task<HttpResponseMessage> GetAsync(string pathAndQuery) =>
        _platform.GetAsync(new Uri(pathAndQuery, UriKind.Relative), TestContext.Current.CancellationToken);

    /// <summary>
    /// Clicks "Se connecter avec Pro Santé Connect", lets the provider answer, and returns the
    /// platform's answer to the provider's redirect (a redirect to the portal or to the refusal page).
    /// </summary>
    public async Task<HttpResponseMessage> LogInAsync()
    {
        var start = await GetAsync("/connexion/pro-sante-connect");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = AuthorizationRequest = start.Headers.Location!;
        Assert.True(authorize.IsLoopback, "the platform sends the browser to the provider");

        var answer = await _provider.GetAsync(authorize, TestContext.Current.CancellationToken);
        Assert.True(answer.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found, $"the provider redirects back ({answer.StatusCode})");
        var callback = answer.Headers.Location!;
        Assert.Equal("localhost", callback.Host);
        return await GetAsync(callback.PathAndQuery);
    }

    /// <summary>The OpenID Connect handler's correlation and nonce cookies still held for any path.</summary>
    public IReadOnlyList<Cookie> FlowCookies() =>
        [.. Cookies.GetAllCookies().Where(c => !c.Expired
            && (c.Name.StartsWith(".AspNetCore.Correlation", StringComparison.Ordinal) || c.Name.StartsWith(".AspNetCore.OpenIdConnect", StringComparison.Ordinal)))];

    public void Dispose()
    {
        _platform.Dispose();
        _provider.Dispose();
    }
}
