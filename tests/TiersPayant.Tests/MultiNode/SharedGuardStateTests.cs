using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using TiersPayant.Tests.Eligibility;

namespace TiersPayant.Tests.MultiNode;

/// <summary>
/// Two <c>tiers serve</c> processes over one PostgreSQL and one Redis: what the guard decides on
/// one node (a containment, a switch) holds on the other within a second.
/// </summary>
[Collection(NodeCluster.Collection)] // two server processes each: one such test at a time
public sealed class SharedGuardStateTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_client_contained_through_node_A_is_refused_on_node_B_within_a_second()
    {
        await using var cluster = await NodeCluster.StartAsync(2, ("Guard:Caps:pharmacien:PerDay", "2"), ("Guard:Caps:pharmacien:PerHour", "100"));
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        using var httpA = a.Client();
        using var httpB = b.Client();
        var cards = cluster.Cards("pharmacie");
        var tokenA = await cluster.TokenAsync(a);
        var tokenB = await cluster.TokenAsync(b);

        var before = await NodeCluster.PostAsync(httpB, tokenB, "/api/v1/eligibility", EligibilityKit.Body(cards[0])); // node B has read the guard's state
        var first = await NodeCluster.PostAsync(httpA, tokenA, "/api/v1/eligibility", EligibilityKit.Body(cards[1]));
        var crossing = await NodeCluster.PostAsync(httpA, tokenA, "/api/v1/eligibility", EligibilityKit.Body(cards[2]));
        var contained = Stopwatch.StartNew();
        var renewed = await cluster.TokenAsync(b); // the thief holds the secret too
        HttpResponseMessage onB;
        do
        {
            onB = await NodeCluster.PostAsync(httpB, renewed, "/api/v1/eligibility", EligibilityKit.Body(cards[0]));
            if (onB.StatusCode != HttpStatusCode.Forbidden)
            {
                await Task.Delay(20, Cancellation);
            }
        }
        while (onB.StatusCode != HttpStatusCode.Forbidden && contained.Elapsed < TimeSpan.FromSeconds(1));
        var refusedAfter = contained.Elapsed;
        var revoked = await NodeCluster.PostAsync(httpB, tokenB, "/api/v1/eligibility", EligibilityKit.Body(cards[0]));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (before.StatusCode, first.StatusCode));
        Assert.Equal(HttpStatusCode.Forbidden, crossing.StatusCode);
        Assert.True(onB.StatusCode == HttpStatusCode.Forbidden, $"node B still answered {(int)onB.StatusCode} {refusedAfter.TotalMilliseconds:N0} ms after the containment on node A");
        Assert.Equal("contained", (await onB.Content.ReadFromJsonAsync<Dictionary<string, object>>(Cancellation))!["reason"].ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode); // the tokens node B issued are revoked too
    }

    [Fact]
    public async Task A_portal_closed_by_the_operator_is_closed_on_every_node_within_a_second_and_opens_again()
    {
        await using var cluster = await NodeCluster.StartAsync(2);
        var clients = cluster.Nodes.Select(n => n.Client()).ToList();
        try
        {
            foreach (var http in clients)
            {
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/connexion", UriKind.Relative), Cancellation)).StatusCode);
            }

            var closed = await cluster.Database.RunAsync("portal", "close", "--reason", "test à plusieurs nœuds");
            Assert.True(closed.ExitCode == 0, closed.Error);
            var afterClose = await WithinASecondAsync(clients, HttpStatusCode.ServiceUnavailable);
            var opened = await cluster.Database.RunAsync("portal", "open", "--reason", "fin du test");
            Assert.True(opened.ExitCode == 0, opened.Error);
            var afterOpen = await WithinASecondAsync(clients, HttpStatusCode.OK);

            Assert.All(afterClose, s => Assert.Equal(HttpStatusCode.ServiceUnavailable, s));
            Assert.All(afterOpen, s => Assert.Equal(HttpStatusCode.OK, s));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary>Asks each node for <c>/connexion</c> until it answers <paramref name="expected"/> or a second has passed since the change; each node's last answer.</summary>
    private static async Task<List<HttpStatusCode>> WithinASecondAsync(List<HttpClient> clients, HttpStatusCode expected)
    {
        var changed = Stopwatch.StartNew();
        var answers = new List<HttpStatusCode>();
        foreach (var http in clients)
        {
            HttpStatusCode status;
            do
            {
                using var response = await http.GetAsync(new Uri("/connexion", UriKind.Relative), Cancellation);
                status = response.StatusCode;
                if (status != expected)
                {
                    await Task.Delay(20, Cancellation);
                }
            }
            while (status != expected && changed.Elapsed < TimeSpan.FromSeconds(1));
            answers.Add(status);
        }

        return answers;
    }
}
