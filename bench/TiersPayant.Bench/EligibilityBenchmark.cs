using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TiersPayant.Hosting;

namespace TiersPayant.Bench;

/// <summary>
/// The rights check over HTTP on a seeded database, against a minimal JSON endpoint of the same
/// host behind the same bearer token (the floor: Kestrel, routing, token validation), in one run.
/// Sequential requests, alternating the two, so both see the same machine; then each at 8
/// concurrent callers for throughput. One caller in ten presents a card that matches nobody.
/// </summary>
internal static class EligibilityBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var beneficiaries = BenchArgs.Option(args, "--beneficiaries", 1_000_000);
        var requests = BenchArgs.Option(args, "--requests", 2000);
        var data = Directory.CreateTempSubdirectory("tierspayant-eligibility-");
        var seeding = Stopwatch.StartNew();
        var app = TiersPayantHost.Build(
            ["--urls=http://127.0.0.1:0", "--environment=Production", $"--Demo:Beneficiaries={beneficiaries}", "--Logging:LogLevel:Default=Warning",
             "--Guard:Caps:pharmacien:PerHour=10000000", "--Guard:Caps:pharmacien:PerDay=10000000", "--Guard:NoMatchPerHour=10000000",
             // One token asking for the same dozen people at machine speed is what the detector contains: it computes, never acts.
             $"--Guard:Detection:StepUpScore={int.MaxValue}", $"--Guard:Detection:ContainScore={int.MaxValue}"], data);
        app.MapGet("/bench/json", () => TypedResults.Ok(new { status = "ok", reference = "BENCH", coverage = Array.Empty<object>() }))
            .RequireAuthorization("practice-software");
        await app.StartAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {beneficiaries:N0} beneficiaries and started in {seeding.Elapsed.TotalSeconds:F1} s"));
        try
        {
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, UseCookies = false }) { BaseAddress = new Uri(app.Urls.First()) };
            using var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(data.FullName, "demo-credentials.json")));
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(client, credentials));
            var bodies = Bodies(credentials);

            await MeasureAsync(client, bodies, 200, baseline: true);
            await MeasureAsync(client, bodies, 200, baseline: false);
            var (floor, check) = (new List<double>(), new List<double>());
            for (var i = 0; i < requests; i++)
            {
                floor.Add(await TimeAsync(client, bodies, i, baseline: true));
                check.Add(await TimeAsync(client, bodies, i, baseline: false));
            }

            Console.WriteLine(Line("minimal JSON endpoint", floor));
            Console.WriteLine(Line("rights check         ", check));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio rights check / minimal: p50 {Percentile(check, 0.5) / Percentile(floor, 0.5):F2}, p99 {Percentile(check, 0.99) / Percentile(floor, 0.99):F2}"));
            var floorRate = await ThroughputAsync(client, bodies, requests, baseline: true);
            var checkRate = await ThroughputAsync(client, bodies, requests, baseline: false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"8 concurrent callers: minimal {floorRate:N0}/s, rights check {checkRate:N0}/s, ratio {floorRate / checkRate:F2}"));
            return 0;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

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

    private static async Task<double> TimeAsync(HttpClient client, List<object> bodies, int i, bool baseline)
    {
        var clock = Stopwatch.StartNew();
        using var response = baseline
            ? await client.GetAsync(new Uri("/bench/json", UriKind.Relative))
            : await client.PostAsJsonAsync(new Uri("/api/v1/eligibility", UriKind.Relative), bodies[i % bodies.Count]);
        await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode} from {(baseline ? "the minimal endpoint" : "the rights check")}");
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task MeasureAsync(HttpClient client, List<object> bodies, int count, bool baseline)
    {
        for (var i = 0; i < count; i++)
        {
            await TimeAsync(client, bodies, i, baseline);
        }
    }

    private static async Task<double> ThroughputAsync(HttpClient client, List<object> bodies, int count, bool baseline)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await TimeAsync(client, bodies, i, baseline);
            }
        }));
        return count / clock.Elapsed.TotalSeconds;
    }

    private static string Line(string label, List<double> latencies) => string.Create(CultureInfo.InvariantCulture,
        $"{label}: {latencies.Count} requests, p50 {Percentile(latencies, 0.5):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms");

    private static double Percentile(List<double> latencies, double p)
    {
        var sorted = latencies.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
