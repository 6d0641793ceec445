using System.Net;

namespace TiersPayant.Tests.MultiNode;

/// <summary><c>tiers proxy</c> in front of two nodes: it answers through either, and when one dies it leaves it aside.</summary>
[Collection(NodeCluster.Collection)] // two server processes each: one such test at a time
public sealed class ProxyTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_proxy_keeps_answering_through_the_surviving_node_once_one_is_killed()
    {
        await using var cluster = await NodeCluster.StartAsync(2);
        await using var proxy = await TiersNode.StartProxyAsync(cluster.Nodes, Cancellation);
        using var http = proxy.Client();
        var before = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await http.GetAsync(new Uri("/connexion", UriKind.Relative), Cancellation);
            before.Add(response.StatusCode);
        }

        await cluster.Nodes[0].KillAsync();
        // The proxy learns of the death from a failed request or its next health check (every 2 s):
        // ask until ten answers in a row come back whole, for at most 20 seconds.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var inARow = 0;
        while (inARow < 10 && DateTime.UtcNow < deadline)
        {
            using var response = await http.GetAsync(new Uri("/connexion", UriKind.Relative), Cancellation);
            inARow = response.StatusCode == HttpStatusCode.OK ? inARow + 1 : 0;
            if (inARow == 0)
            {
                await Task.Delay(100, Cancellation);
            }
        }

        Assert.All(before, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.True(inARow == 10, $"the proxy still failed 20 seconds after node A died:\n{proxy.Printed}");
    }
}
