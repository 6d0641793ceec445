using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Tests.Eligibility;

namespace TiersPayant.Tests.MultiNode;

/// <summary>
/// Two nodes take rights checks and invoices at once; one is killed (SIGKILL) in the middle. Every
/// invoice either node acknowledged is stored, every acknowledged disclosure is in a log that still
/// verifies, the survivor keeps serving, and a request the killed node never answered, sent again
/// to the survivor with its idempotency key, makes one invoice, not two.
/// </summary>
[Collection(NodeCluster.Collection)] // two server processes each: one such test at a time
public sealed class NodeKillTests(ITestOutputHelper output)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static readonly string Today = DateOnly.FromDateTime(DateTime.Today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Killing_a_node_loses_no_acknowledged_invoice_or_disclosure_and_the_other_keeps_serving()
    {
        await using var cluster = await NodeCluster.StartAsync(2,
            ("Guard:Caps:pharmacien:PerDay", "100000"), ("Guard:Caps:pharmacien:PerHour", "100000"), ("Guard:Detection:Enabled", "false"));
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var cards = cluster.Cards("pharmacie");
        var tokens = new[] { await cluster.TokenAsync(a), await cluster.TokenAsync(b) };
        var invoices = new ConcurrentDictionary<string, string>(StringComparer.Ordinal); // idempotency key → acknowledged claim id
        var unanswered = new ConcurrentBag<string>();
        var checks = new int[2];
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var afterKill = 0;

        async Task SendAsync(int node, HttpClient http, Func<int, bool> goOn)
        {
            for (var i = 0; goOn(i); i++)
            {
                var key = $"{(char)('a' + node)}-{i}";
                try
                {
                    using var check = await NodeCluster.PostAsync(http, tokens[node], "/api/v1/eligibility", EligibilityKit.Body(cards[i % cards.Count]));
                    Assert.Equal(HttpStatusCode.OK, check.StatusCode);
                    Interlocked.Increment(ref checks[node]);
                    using var claim = await NodeCluster.PostAsync(http, tokens[node], "/api/v1/claims", Claim(cards[i % cards.Count], i), key);
                    Assert.True(claim.StatusCode == HttpStatusCode.Created, await claim.Content.ReadAsStringAsync(Cancellation));
                    invoices[key] = await ClaimIdAsync(claim);
                    if (killed.Task.IsCompleted && node == 1)
                    {
                        Interlocked.Increment(ref afterKill);
                    }
                }
                catch (HttpRequestException) when (node == 0 && killed.Task.IsCompleted)
                {
                    unanswered.Add(key); // in flight when the node died: the client does not know whether it was written
                    return;
                }
            }
        }

        using var httpA = a.Client();
        using var httpB = b.Client();
        var onA = SendAsync(0, httpA, _ => true);
        var onB = SendAsync(1, httpB, _ => !killed.Task.IsCompleted || Volatile.Read(ref afterKill) < 15);
        while (invoices.Keys.Count(k => k.StartsWith('a')) < 10)
        {
            Assert.False(onA.IsCompleted || onB.IsCompleted, "a sender stopped before the kill");
            await Task.Delay(20, Cancellation);
        }

        killed.SetResult();
        await a.KillAsync();
        await Task.WhenAll(onA, onB);

        // The client sends again to the survivor what the dead node never answered, and some of what it did.
        var acknowledgedOnA = invoices.Where(i => i.Key.StartsWith('a')).Take(3).ToList();
        foreach (var key in unanswered.Concat(acknowledgedOnA.Select(i => i.Key)))
        {
            var i = int.Parse(key[2..], CultureInfo.InvariantCulture);
            using var again = await NodeCluster.PostAsync(httpB, tokens[0], "/api/v1/claims", Claim(cards[i % cards.Count], i), key);
            Assert.True(again.StatusCode == HttpStatusCode.Created, $"{key} sent again: {(int)again.StatusCode} {await again.Content.ReadAsStringAsync(Cancellation)}");
            var id = await ClaimIdAsync(again);
            Assert.Equal(id, invoices.GetOrAdd(key, id)); // the same invoice as the one acknowledged before
        }

        var verified = await cluster.Database.RunAsync("audit", "verify");
        await using var db = cluster.Database.OpenContext();
        var stored = await db.Claims.Select(c => c.Number).ToListAsync(Cancellation);
        var disclosures = await db.Disclosures.CountAsync(Cancellation);
        output.WriteLine($"invoices acknowledged: {invoices.Count} ({invoices.Keys.Count(k => k.StartsWith('a'))} through node A); unanswered when A died: {unanswered.Count}; " +
            $"through node B after the kill: {afterKill}; rights checks: {checks[0]} + {checks[1]}; disclosures: {disclosures}; {verified.Output.Trim()}");

        Assert.True(b.HasExited is false, b.Printed);
        Assert.Equal(15, afterKill); // node B kept serving
        Assert.All(invoices.Values, number => Assert.Contains(number, stored));
        Assert.Equal(invoices.Count, stored.Count); // one invoice per idempotency key, none twice
        Assert.True(verified.ExitCode == 0, verified.Output + verified.Error);
        Assert.StartsWith("intact: ", verified.Output, StringComparison.Ordinal);
        Assert.True(disclosures >= checks[0] + checks[1], $"{disclosures} disclosures for {checks[0] + checks[1]} acknowledged rights checks");
    }

    private static Dictionary<string, object?> Claim(JsonElement card, int i)
    {
        var body = EligibilityKit.Body(card);
        body.Remove("domains");
        body["domain"] = "pharmacie";
        body["careDate"] = Today;
        body["lines"] = new[] { new { code = "3400935955838", quantity = 1 + (i % 3), unitPriceCents = 218 } };
        body["prescription"] = new { date = Today, prescriber = "10000123454" };
        return body;
    }

    private static async Task<string> ClaimIdAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("claimId").GetString()!;
}
