using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace TiersPayant.Tests.MultiNode;

/// <summary>
/// <c>tiers proxy</c> turns a login flood away per client address before any node works on it:
/// behind it here, a stand-in server that counts the login posts that reach it.
/// </summary>
public sealed class ProxyLoginLimitTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_posts_past_the_addresss_bucket_get_429_at_the_proxy_and_never_reach_a_node()
    {
        await using var node = await CountingNode.StartAsync();
        await using var proxy = await TiersNode.StartProxyAsync([node.Address], ["--login-per-minute", "3"], Cancellation);
        using var http = proxy.Client();

        var posts = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            posts.Add(await http.PostAsync(new Uri("/connexion", UriKind.Relative), Form(i), Cancellation));
        }

        using var page = await http.GetAsync(new Uri("/connexion", UriKind.Relative), Cancellation);
        using var device = new HttpRequestMessage(HttpMethod.Post, "/connexion") { Content = Form(5) };
        device.Headers.Add("Cookie", "tp_device=a-cookie-the-node-will-check");
        using var withDevice = await http.SendAsync(device, Cancellation);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], posts.Select(p => p.StatusCode));
        Assert.All(posts.Skip(3), p => Assert.True(p.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a refused post says when to come back"));
        Assert.Contains("Trop de tentatives de connexion", await posts[4].Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode); // the form itself is not counted
        Assert.Equal(HttpStatusCode.OK, withDevice.StatusCode); // a device cookie goes on to the node, which checks it
        Assert.Equal(4, node.LoginPosts); // three of the address's posts, and the one with a device cookie
        Assert.DoesNotContain("Request finished", proxy.Printed, StringComparison.Ordinal); // no line a request: a flood would fill the console and stall the proxy
        posts.ForEach(p => p.Dispose());
    }

    [Fact]
    public async Task With_the_proxys_limit_off_every_login_post_reaches_a_node()
    {
        await using var node = await CountingNode.StartAsync();
        await using var proxy = await TiersNode.StartProxyAsync([node.Address], ["--login-per-minute", "0"], Cancellation);
        using var http = proxy.Client();

        for (var i = 0; i < 5; i++)
        {
            using var response = await http.PostAsync(new Uri("/connexion", UriKind.Relative), Form(i), Cancellation);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(5, node.LoginPosts);
    }

    private static FormUrlEncodedContent Form(int attempt) => new([new("login", $"inconnu{attempt}"), new("password", "mauvais")]);

    /// <summary>A server that answers <c>/health</c> and <c>/connexion</c> and counts the login posts it is given.</summary>
    private sealed class CountingNode : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _posts;

        private CountingNode(WebApplication app) => _app = app;

        public Uri Address => new(_app.Urls.First());

        public int LoginPosts => Volatile.Read(ref _posts);

        public static async Task<CountingNode> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var node = new CountingNode(app);
            app.MapGet("/health", () => Results.Ok());
            app.MapGet("/connexion", () => Results.Text("formulaire"));
            app.MapPost("/connexion", () =>
            {
                Interlocked.Increment(ref node._posts);
                return Results.Text("refusé");
            });
            await app.StartAsync(TestContext.Current.CancellationToken);
            return node;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
