using System.Diagnostics;
using System.Globalization;
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
            using var load = await RightsCheckLoad.StartAsync(new Uri(app.Urls.First()), Path.Combine(data.FullName, "demo-credentials.json"));
            await load.WarmAsync(200, baseline: true);
            await load.WarmAsync(200, baseline: false);
            var (floor, check) = (new List<double>(), new List<double>());
            for (var i = 0; i < requests; i++)
            {
                floor.Add(await load.TimeAsync(i, baseline: true));
                check.Add(await load.TimeAsync(i, baseline: false));
            }

            Console.WriteLine(RightsCheckLoad.Line("minimal JSON endpoint", floor));
            Console.WriteLine(RightsCheckLoad.Line("rights check         ", check));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio rights check / minimal: p50 {RightsCheckLoad.Percentile(check, 0.5) / RightsCheckLoad.Percentile(floor, 0.5):F2}, p99 {RightsCheckLoad.Percentile(check, 0.99) / RightsCheckLoad.Percentile(floor, 0.99):F2}"));
            var floorRate = await load.ThroughputAsync(requests, baseline: true);
            var checkRate = await load.ThroughputAsync(requests, baseline: false);
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
}
