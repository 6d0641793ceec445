using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TiersPayant.Bench;

/// <summary>
/// The rights-check load (B1) against a started server: a practice software's token, the seed's
/// sample cards with one request in ten naming a first name that matches nobody, timed one by
/// one or by concurrent callers. Shared by <c>eligibility</c> and <c>scale</c>.
/// </summary>
internal sealed class RightsCheckLoad : IDisposable
{
    private readonly HttpClient _client;
    private readonly List<object> _bodies;

    private RightsCheckLoad(HttpClient client, List<object> bodies) => (_client, _bodies) = (client, bodies);

    /// <summary>Takes a token for the demo pharmacy's software and reads the sample cards from the seed's credentials file.</summary>
    public static async Task<RightsCheckLoad> StartAsync(Uri server, string credentialsFile)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, UseCookies = false }) { BaseAddress = server };
        using var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(credentialsFile));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(client, credentials));
        return new RightsCheckLoad(client, Bodies(credentials));
    }

    /// <summary>One request, timed in milliseconds: the rights check, or the minimal JSON endpoint when <paramref name="baseline"/>.</summary>
    public async Task<double> TimeAsync(int i, bool baseline)
    {
        var clock = Stopwatch.StartNew();
        using var response = baseline
            ? await _client.GetAsync(new Uri("/bench/json", UriKind.Relative))
            : await _client.PostAsJsonAsync(new Uri("/api/v1/eligibility", UriKind.Relative), _bodies[i % _bodies.Count]);
        await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode} from {(baseline ? "the minimal endpoint" : "the rights check")}");
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary><paramref name="count"/> requests one after the other, for warming up.</summary>
    public async Task WarmAsync(int count, bool baseline)
    {
        for (var i = 0; i < count; i++)
        {
            await TimeAsync(i, baseline);
        }
    }

    /// <summary><paramref name="count"/> requests one after the other: their latencies.</summary>
    public async Task<List<double>> SequentialAsync(int count, bool baseline)
    {
        var latencies = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            latencies.Add(await TimeAsync(i, baseline));
        }

        return latencies;
    }

    /// <summary><paramref name="count"/> requests by <paramref name="callers"/> concurrent callers: requests a second.</summary>
    public async Task<double> ThroughputAsync(int count, bool baseline, int callers = 8)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await TimeAsync(i, baseline);
            }
        }));
        return count / clock.Elapsed.TotalSeconds;
    }

    public static string Line(string label, List<double> latencies) => string.Create(CultureInfo.InvariantCulture,
        $"{label}: {latencies.Count} requests, p50 {Percentile(latencies, 0.5):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms");

    public static double Percentile(List<double> latencies, double p)
    {
        var sorted = latencies.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    public void Dispose() => _client.Dispose();

    private static async Task<string> TokenAsync(HttpClient client, JsonDocument credentials)
    {
        var demo = credentials.RootElement.GetProperty("apiClients").EnumerateArray().First(c => c.GetProperty("profession").GetString() == "pharmacien");
        using var response = await client.PostAsync(new Uri("/connect/token", UriKind.Relative), new FormUrlEncodedContent([
            new("grant_type", "client_credentials"), new("client_id", demo.GetProperty("clientId").GetString()!),
            new("client_secret", demo.GetProperty("clientSecret").GetString()!)]));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    // Every sample card, and one request in ten with a first name that matches nobody.
    private static List<object> Bodies(JsonDocument credentials)
    {
        var cards = credentials.RootElement.GetProperty("sampleCards").EnumerateArray().ToList();
        return [.. Enumerable.Range(0, 10 * cards.Count).Select(i =>
        {
            var c = cards[i % cards.Count];
            return (object)new
            {
                card = new { insurer = c.GetProperty("insurer").GetString(), memberNumber = c.GetProperty("memberNumber").GetString() },
                beneficiary = new
                {
                    lastName = c.GetProperty("lastName").GetString(),
                    firstName = i % 10 == 9 ? "Personne" : c.GetProperty("firstName").GetString(),
                    birthDate = c.GetProperty("birthDate").GetString(),
                    birthRank = c.GetProperty("birthRank").GetInt32(),
                },
                domains = c.GetProperty("domains").EnumerateArray().Select(d => d.GetString()).ToArray(),
            };
        })];
    }
}
