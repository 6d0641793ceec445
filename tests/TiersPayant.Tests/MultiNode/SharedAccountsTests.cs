using System.Net;
using System.Text.RegularExpressions;
using OtpNet;
using TiersPayant.Tests.Accounts;

namespace TiersPayant.Tests.MultiNode;

/// <summary>
/// Two <c>tiers serve</c> processes behind a balancer that sends each request where it likes: a
/// login begun on one node ends on the other (the pending-login cookie and antiforgery tokens are
/// protected with keys the nodes share in Redis), its session holds on both, and the login rate
/// limit counts an address's posts across the nodes.
/// </summary>
[Collection(NodeCluster.Collection)] // two server processes each: one such test at a time
public sealed partial class SharedAccountsTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_login_begun_on_node_A_ends_on_node_B_and_its_session_holds_on_both()
    {
        await using var cluster = await NodeCluster.StartAsync(2);
        var account = (await DemoAccount.ReadAsync(cluster.Database)).First(a => a.Profession == "opticien");
        var browser = new CookieContainer();
        using var a = cluster.Nodes[0].Client(browser);
        using var b = cluster.Nodes[1].Client(browser);

        var password = await PostFormAsync(a, "/connexion", ("login", account.Login), ("password", account.Password));
        var code = new Totp(Base32Encoding.ToBytes(account.TotpSecret)).ComputeTotp(DateTime.UtcNow);
        var secondFactor = await PostFormAsync(b, "/connexion/second-facteur", ("code", code));
        using var onA = await a.GetAsync(new Uri("/droits", UriKind.Relative), Cancellation);
        using var onB = await b.GetAsync(new Uri("/droits", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, secondFactor.StatusCode);
        Assert.Equal("/droits", secondFactor.Headers.Location?.OriginalString);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (onA.StatusCode, onB.StatusCode));
    }

    [Fact]
    public async Task The_login_rate_limit_counts_an_addresss_posts_across_the_nodes()
    {
        const int perMinute = 4;
        await using var cluster = await NodeCluster.StartAsync(2, ("Accounts:Login:PerAddressPerMinute", perMinute.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var clients = cluster.Nodes.Select(n => n.Client()).ToList();
        try
        {
            var answers = new List<(int Node, HttpStatusCode Status)>();
            for (var i = 0; i < 4 * perMinute; i++)
            {
                using var form = new FormUrlEncodedContent([KeyValuePair.Create("login", "personne"), KeyValuePair.Create("password", "mauvais")]);
                using var response = await clients[i % 2].PostAsync(new Uri("/connexion", UriKind.Relative), form, Cancellation);
                answers.Add((i % 2, response.StatusCode));
            }

            // Alone, each node would let perMinute posts through (2 × perMinute in all); shared, the
            // address has perMinute in all (one more at most, refilled while the test runs).
            var through = answers.Count(a => a.Status != HttpStatusCode.TooManyRequests);
            Assert.InRange(through, perMinute, perMinute + 1);
            Assert.Contains(answers, a => a is (0, HttpStatusCode.TooManyRequests));
            Assert.Contains(answers, a => a is (1, HttpStatusCode.TooManyRequests));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary>Loads the form from <paramref name="http"/>'s node and posts it there with its antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient http, string path, params (string Name, string Value)[] fields)
    {
        using var form = await http.GetAsync(new Uri(path, UriKind.Relative), Cancellation);
        var token = AntiforgeryToken().Match(await form.Content.ReadAsStringAsync(Cancellation));
        Assert.True(token.Success, $"no form on {path} ({(int)form.StatusCode})");
        using var content = new FormUrlEncodedContent([.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value)), KeyValuePair.Create("__RequestVerificationToken", token.Groups[1].Value)]);
        return await http.PostAsync(new Uri(path, UriKind.Relative), content, Cancellation);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
