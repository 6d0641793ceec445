using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using TiersPayant.Cli;
using TiersPayant.Domain;
using TiersPayant.Domain.Practices;
using TiersPayant.Hosting;
using TiersPayant.Security.Accounts.ApiClients;
using TiersPayant.Security.Guard;

namespace TiersPayant.Bench;

/// <summary>
/// The guard's cost, in one run on one host: rights checks of people never reached before (the
/// path where the guard reserves a count and the detector runs) at 1, 4 and 16 concurrent callers,
/// each caller a practice of its own, with detection on and off, beside a minimal authenticated
/// JSON endpoint of the same host (the floor); then the guard's decisions per second in process,
/// detection on and off. Detection is on with scores that never act, so the work is measured, not
/// its refusals. SQLite by default; <c>--postgres CS</c> (an administrative connection string)
/// runs on a fresh PostgreSQL database created and dropped for the run.
/// </summary>
internal static class GuardBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var beneficiaries = BenchArgs.Option(args, "--beneficiaries", 100_000);
        var requests = BenchArgs.Option(args, "--requests", 1000);
        var postgres = BenchArgs.Text(args, "--postgres");
        var data = Directory.CreateTempSubdirectory("tierspayant-guard-");
        var settings = new List<string>();
        string? database = null;
        if (postgres is not null)
        {
            database = $"tp_bench_{Guid.NewGuid():N}";
            await ExecuteAsync(postgres, $"CREATE DATABASE {database}");
            using var signing = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            settings.AddRange([
                "--Database:Provider=Postgres", "--Database:MigrateOnStart=true", "--Demo:SeedOnFirstStart=true",
                $"--ConnectionStrings:Default={new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString}",
                "--Encryption:CurrentKeyId=1", $"--Encryption:Keys:1={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
                $"--Encryption:BlindIndexKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
                $"--Accounts:ApiClients:SigningKey={signing.ExportPkcs8PrivateKeyPem()}",
                $"--Accounts:ApiClients:EncryptionKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
                "--Accounts:ApiClients:AllowDemoSecrets=true"]);
        }

        var people = BenchPeople.Create(requests * 7 + 400);
        var file = Path.Combine(data.FullName, "people.csv");
        await File.WriteAllLinesAsync(file, [.. BenchPeople.Rows(people)]);

        var app = TiersPayantHost.Build(
            ["--urls=http://127.0.0.1:0", "--environment=Production", $"--Demo:Beneficiaries={beneficiaries}", "--Demo:Practices=128", "--Logging:LogLevel:Default=Warning",
             "--Guard:Caps:pharmacien:PerHour=100000000", "--Guard:Caps:pharmacien:PerDay=100000000", "--Guard:NoMatchPerHour=100000000",
             $"--Guard:Detection:StepUpScore={int.MaxValue}", $"--Guard:Detection:ContainScore={int.MaxValue}", .. settings], data);
        app.MapGet("/bench/json", () => TypedResults.Ok(new { status = "ok", reference = "BENCH", coverage = Array.Empty<object>() }))
            .RequireAuthorization("practice-software");
        var clock = Stopwatch.StartNew();
        await app.StartAsync();
        try
        {
            var imported = await TiersCli.RunAsync(["import", "members", file, "--insurer", BenchPeople.Insurer, "--data", data.FullName], TextWriter.Null, Console.Error,
                settings.Select(s => s[2..].Split('=', 2)).ToDictionary(kv => kv[0], kv => (string?)kv[1]));
            if (imported != 0)
            {
                throw new InvalidOperationException("the import of the benchmark's people failed");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(postgres is null ? "SQLite" : "PostgreSQL")}: seeded {beneficiaries:N0} beneficiaries and {people.Count:N0} more, started in {clock.Elapsed.TotalSeconds:F1} s; {Environment.ProcessorCount} cores shared by server and load"));
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, UseCookies = false }) { BaseAddress = new Uri(app.Urls.First()) };
            var tokens = await TokensAsync(app, client, 16);
            var detection = app.Services.GetRequiredService<IOptions<GuardOptions>>().Value.Detection;
            var next = 0;
            BenchPerson Next() => people[Interlocked.Increment(ref next) % people.Count];

            await RunAsync(client, tokens, 1, 100, _ => Get(), "warm-up floor");
            await RunAsync(client, tokens, 1, 100, _ => Check(Next()), "warm-up check");
            Console.WriteLine("callers | floor req/s (p99 ms) | detection off req/s (p99 ms) | detection on req/s (p99 ms) | on / off | on / floor");
            foreach (var callers in new[] { 1, 4, 16 })
            {
                var floor = await RunAsync(client, tokens, callers, requests, _ => Get(), "floor");
                detection.Enabled = false;
                var off = await RunAsync(client, tokens, callers, requests, _ => Check(Next()), "off");
                detection.Enabled = true;
                var on = await RunAsync(client, tokens, callers, requests, _ => Check(Next()), "on");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{callers,7} | {floor.Rate,10:N0} ({floor.P99,6:F1}) | {off.Rate,18:N0} ({off.P99,6:F1}) | {on.Rate,17:N0} ({on.P99,6:F1}) | {on.Rate / off.Rate,8:F2} | {on.Rate / floor.Rate,10:F3}"));
            }

            // The decision alone, in process: a new person each time, one pharmacy.
            var decisionsOff = await DecisionsAsync(app, detection, enabled: false, requests);
            var decisionsOn = await DecisionsAsync(app, detection, enabled: true, requests);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"guard decisions in process: hard caps only {decisionsOff:N0}/s, with the detector {decisionsOn:N0}/s, ratio {decisionsOn / decisionsOff:F2}"));
            return 0;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            if (postgres is not null)
            {
                await ExecuteAsync(postgres, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            }

            data.Delete(recursive: true);
        }
    }

    private static Func<HttpClient, string, Task<HttpResponseMessage>> Get() =>
        (client, token) => Send(client, token, new HttpRequestMessage(HttpMethod.Get, "/bench/json"));

    private static Func<HttpClient, string, Task<HttpResponseMessage>> Check(BenchPerson person) =>
        (client, token) => Send(client, token, new HttpRequestMessage(HttpMethod.Post, "/api/v1/eligibility") { Content = JsonContent.Create(person.Body) });

    private static async Task<HttpResponseMessage> Send(HttpClient client, string token, HttpRequestMessage request)
    {
        using (request)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return await client.SendAsync(request);
        }
    }

    // Each caller is a pharmacy of its own with its own token: callers never share a lock row.
    private static async Task<(double Rate, double P99)> RunAsync(
        HttpClient client, List<string> tokens, int callers, int count, Func<int, Func<HttpClient, string, Task<HttpResponseMessage>>> request, string label)
    {
        var latencies = new double[count];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async caller =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await request(i)(client, tokens[caller % tokens.Count]);
                await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{(int)response.StatusCode} from {label}: {await response.Content.ReadAsStringAsync()}");
                }

                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        var rate = count / clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return (rate, latencies[Math.Min(count - 1, (int)Math.Ceiling(0.99 * count) - 1)]);
    }

    internal static async Task<double> DecisionsAsync(WebApplication app, DetectionOptions detection, bool enabled, int count)
    {
        detection.Enabled = enabled;
        await using var scope = app.Services.CreateAsyncScope();
        var guard = scope.ServiceProvider.GetRequiredService<AccessGuard>();
        var actor = new Actor(ActorKinds.Client, null, "bench-" + (enabled ? "on" : "off"), Guid.NewGuid(), Profession.Pharmacien, null, "127.0.0.1", Channels.Api);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            if ((await guard.AdmitAsync(actor, Guid.NewGuid(), CancellationToken.None)).Outcome != GuardOutcome.Allow)
            {
                throw new InvalidOperationException("the guard refused the benchmark's decision");
            }
        }

        return count / clock.Elapsed.TotalSeconds;
    }

    private static async Task<List<string>> TokensAsync(WebApplication app, HttpClient client, int count)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<ApiClientRegistry>();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayant.Data.TiersPayantDbContext>();
        var practices = db.Practices.Where(p => p.Profession == "pharmacien")
            .Select(p => p.Id).ToList();
        var tokens = new List<string>();
        foreach (var practice in practices.Take(count))
        {
            var (id, secret) = await registry.AddDemoAsync(new PracticeId(practice), CancellationToken.None);
            using var response = await client.PostAsync(new Uri("/connect/token", UriKind.Relative), new FormUrlEncodedContent([
                new("grant_type", "client_credentials"), new("client_id", id), new("client_secret", secret)]));
            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            tokens.Add(json.RootElement.GetProperty("access_token").GetString()!);
        }

        return tokens;
    }

    private static async Task ExecuteAsync(string connection, string sql)
    {
        await using var admin = new NpgsqlConnection(connection);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
