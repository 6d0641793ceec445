using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace TiersPayant.Bench.Suite;

/// <summary>
/// The suite's load generator: closed loops of N callers for a fixed time, the search for the
/// highest sustained rate whose p99 stays within a target, and an open loop at a fixed rate. Each
/// request takes the next token in turn, so the load comes from many practices at once.
/// </summary>
/// <remarks><paramref name="serverCpu"/> reads the server's CPU time, so each step also says what a request cost it.</remarks>
internal sealed class LoadRun(HttpClient client, IReadOnlyList<string> tokens, Func<TimeSpan> serverCpu, TextWriter log)
{
    public static readonly int[] Callers = [1, 2, 4, 8, 16, 32, 64];

    private long _turn = -1;

    /// <summary>Builds a request; the loop sets its bearer token.</summary>
    public delegate HttpRequestMessage Request(long i);

    public HttpClient Client => client;

    /// <summary>The same load (tokens, server CPU, log) sent through another client, e.g. one pointed at a proxy.</summary>
    public LoadRun Through(HttpClient other) => new(other, tokens, serverCpu, log);

    /// <summary>
    /// Steps through 1, 2, 4… concurrent callers and keeps the best rate whose p99 stays within
    /// <paramref name="p99Target"/> with no failure; stops at the first step that misses.
    /// </summary>
    public async Task<LoadSearch> SustainedAsync(string label, Request request, TimeSpan step, double p99Target, Func<LoadStep, string>? note = null)
    {
        await ClosedAsync(request, 4, step); // warm-up, not measured
        var steps = new List<LoadStep>();
        LoadStep? best = null;
        foreach (var callers in Callers)
        {
            var measured = await ClosedAsync(request, callers, step);
            steps.Add(measured);
            await log.WriteLineAsync($"  {label}: {measured}{(note is null ? "" : " " + note(measured))}");
            if (measured.P99 > p99Target || measured.Failures > 0)
            {
                break;
            }

            best = best is null || measured.PerSecond > best.PerSecond ? measured : best;
        }

        return new LoadSearch(label, best, steps);
    }

    /// <summary><paramref name="callers"/> callers, each sending its next request when the last one answered.</summary>
    public async Task<LoadStep> ClosedAsync(Request request, int callers, TimeSpan duration, Func<string, bool>? accepted = null)
    {
        var latencies = new List<double>[callers];
        var failures = 0;
        var refused = 0;
        var next = -1L;
        var cpu = serverCpu();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async caller =>
        {
            var own = latencies[caller] = [];
            while (clock.Elapsed < duration)
            {
                var (ms, ok, body) = await SendAsync(request(Interlocked.Increment(ref next)));
                own.Add(ms);
                if (!ok)
                {
                    Interlocked.Increment(ref failures);
                }
                else if (accepted is not null && !accepted(body))
                {
                    Interlocked.Increment(ref refused);
                }
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        return LoadStep.Of(callers, [.. latencies.SelectMany(l => l)], elapsed, failures, refused, serverCpu() - cpu);
    }

    /// <summary>Requests sent at a steady <paramref name="rate"/> whatever the answers' pace (an open loop).</summary>
    public async Task<LoadStep> OpenAsync(Request request, double rate, TimeSpan duration)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var failures = 0;
        var inFlight = new List<Task>();
        var cpu = serverCpu();
        var clock = Stopwatch.StartNew();
        for (long i = 0; ; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            if (due >= duration)
            {
                break;
            }

            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var message = request(i);
            inFlight.Add(Task.Run(async () =>
            {
                var (ms, ok, _) = await SendAsync(message);
                latencies.Add(ms);
                if (!ok)
                {
                    Interlocked.Increment(ref failures);
                }
            }));
        }

        await Task.WhenAll(inFlight);
        return LoadStep.Of(0, [.. latencies], clock.Elapsed.TotalSeconds, failures, 0, serverCpu() - cpu);
    }

    /// <summary>One access token for each client, from the token endpoint.</summary>
    public static async Task<List<string>> TokensAsync(HttpClient client, IEnumerable<SuiteClient> clients)
    {
        var tokens = new List<string>();
        foreach (var c in clients)
        {
            using var response = await client.PostAsync(new Uri("/connect/token", UriKind.Relative), new FormUrlEncodedContent([
                new("grant_type", "client_credentials"), new("client_id", c.Id), new("client_secret", c.Secret)]));
            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            tokens.Add(json.RootElement.GetProperty("access_token").GetString()!);
        }

        return tokens;
    }

    private async Task<(double Milliseconds, bool Ok, string Body)> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[(int)(Interlocked.Increment(ref _turn) % tokens.Count)]);
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, response.IsSuccessStatusCode, body);
            }
            catch (HttpRequestException)
            {
                return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, false, "");
            }
        }
    }
}

/// <summary>One measured step: requests a second, latency percentiles and the server's CPU time a request, in milliseconds.</summary>
internal sealed record LoadStep(int Callers, int Requests, int Failures, int Refused, double PerSecond, double P50, double P99, double ServerCpuMs)
{
    public static LoadStep Of(int callers, double[] latencies, double seconds, int failures, int refused, TimeSpan serverCpu)
    {
        Array.Sort(latencies);
        return new LoadStep(callers, latencies.Length, failures, refused, latencies.Length / seconds, Percentile(latencies, 0.5), Percentile(latencies, 0.99),
            latencies.Length == 0 ? double.NaN : serverCpu.TotalMilliseconds / latencies.Length);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Callers == 0 ? "open loop" : $"{Callers} callers")}: {PerSecond:N0}/s, p50 {P50:F1} ms, p99 {P99:F1} ms, server CPU {ServerCpuMs:F2} ms a request, {Requests:N0} requests, {Failures} failed{(Refused > 0 ? $", {Refused} not accepted" : "")}");

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

/// <summary>
/// A sustained-rate search: its best step within the target (null if none) and every step tried.
/// When even one caller misses the target (a machine busy with other work), the figure is the
/// one-caller step's, and the row says so.
/// </summary>
internal sealed record LoadSearch(string Label, LoadStep? Best, List<LoadStep> Steps)
{
    public LoadStep Chosen => Best ?? Steps[0];

    public double Rate => Chosen.PerSecond;
}
