using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using TiersPayant.Hosting;

namespace TiersPayant.Bench;

/// <summary>
/// Does a login flood starve the services that must keep answering? Runs the real server on
/// 127.0.0.1, probes <c>GET /health</c> at a steady pace for a while, then again while bogus logins
/// arrive at the target rate, and reports both latency distributions and their ratio (same
/// process, same run). Bounded in count and time; loopback only.
/// </summary>
internal static partial class LoginFloodBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = BenchArgs.Option(args, "--seconds", 15);
        var rate = BenchArgs.Option(args, "--rate", 1000);
        var data = Directory.CreateTempSubdirectory("tierspayant-flood-");
        var app = TiersPayantHost.Build(
            ["--urls=http://127.0.0.1:0", "--environment=Production", "--Demo:Beneficiaries=1000", "--Logging:LogLevel:Default=Warning"], data);
        await app.StartAsync();
        try
        {
            var baseUrl = new Uri(app.Urls.First());
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 512, UseCookies = false };
            using var client = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };

            var quiet = await ProbeAsync(client, TimeSpan.FromSeconds(seconds));
            using var stop = new CancellationTokenSource();
            var flood = FloodAsync(client, rate, stop.Token);
            var loaded = await ProbeAsync(client, TimeSpan.FromSeconds(seconds));
            await stop.CancelAsync();
            var outcomes = await flood;

            Console.WriteLine(Line("health without flood", quiet));
            Console.WriteLine(Line("health during flood ", loaded));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"p99 ratio flood/quiet: {Percentile(loaded, 0.99) / Percentile(quiet, 0.99):F2}; health failures during flood: {loaded.Count(l => l < 0)}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"flood: {outcomes.Values.Sum():N0} bogus logins in {seconds} s ({outcomes.Values.Sum() / (double)seconds:N0}/s, target {rate}/s): ") +
                string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} × {o.Value:N0}")));
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

    // 50 probes a second, one after the other; a failed probe is recorded as -1.
    private static async Task<List<double>> ProbeAsync(HttpClient client, TimeSpan duration)
    {
        var latencies = new List<double>();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        var end = Stopwatch.StartNew();
        while (end.Elapsed < duration && await timer.WaitForNextTickAsync())
        {
            var clock = Stopwatch.StartNew();
            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
                latencies.Add(response.IsSuccessStatusCode ? clock.Elapsed.TotalMilliseconds : -1);
            }
            catch (HttpRequestException)
            {
                latencies.Add(-1);
            }
        }

        return latencies;
    }

    internal static async Task<ConcurrentDictionary<string, int>> FloodAsync(HttpClient client, int rate, CancellationToken stop)
    {
        // One antiforgery pair, as a scripted attacker would fetch it, reused for every post.
        using var form = await client.GetAsync(new Uri("/connexion", UriKind.Relative), stop);
        var cookie = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = Token().Match(await form.Content.ReadAsStringAsync(stop)).Groups[1].Value;

        var outcomes = new ConcurrentDictionary<string, int>();
        var inFlight = new SemaphoreSlim(2000);
        var tasks = new List<Task>();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        var perTick = Math.Max(1, rate / 100);
        var n = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                for (var i = 0; i < perTick; i++)
                {
                    if (!inFlight.Wait(0))
                    {
                        outcomes.AddOrUpdate("not sent (2000 in flight)", 1, (_, c) => c + 1);
                        continue;
                    }

                    var attempt = Interlocked.Increment(ref n);
                    tasks.Add(Task.Run(async () =>
                    {
                        try
                        {
                            using var request = new HttpRequestMessage(HttpMethod.Post, "/connexion")
                            {
                                Content = new FormUrlEncodedContent([
                                    new("login", $"inconnu{attempt % 5000}"), new("password", $"mauvais-mot-de-passe-{attempt}"),
                                    new("__RequestVerificationToken", token)]),
                            };
                            request.Headers.Add("Cookie", cookie);
                            using var response = await client.SendAsync(request, CancellationToken.None);
                            outcomes.AddOrUpdate(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), 1, (_, c) => c + 1);
                        }
                        catch (HttpRequestException)
                        {
                            outcomes.AddOrUpdate("error", 1, (_, c) => c + 1);
                        }
                        finally
                        {
                            inFlight.Release();
                        }
                    }, CancellationToken.None));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the probes are done
        }

        await Task.WhenAll(tasks);
        return outcomes;
    }

    private static string Line(string label, List<double> latencies) => string.Create(CultureInfo.InvariantCulture,
        $"{label}: {latencies.Count} probes, p50 {Percentile(latencies, 0.5):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms, max {latencies.Max():F2} ms");

    private static double Percentile(List<double> latencies, double p)
    {
        var ok = latencies.Where(l => l >= 0).Order().ToList();
        return ok.Count == 0 ? double.NaN : ok[Math.Min(ok.Count - 1, (int)Math.Ceiling(p * ok.Count) - 1)];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
