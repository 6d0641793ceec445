using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Npgsql;
using TiersPayant.Cli;
using TiersPayant.Hosting;

namespace TiersPayant.Bench;

/// <summary>
/// The rights check (B1) at several register sizes on PostgreSQL, in one run on one host: for
/// each size, a database <c>tp_scale_SIZE</c> is seeded through <c>tiers seed</c> (binary COPY;
/// the time and rows a second are printed), then the server starts on it with the guard and the
/// disclosure log on and B1 is measured (sequential p50 and p99, then requests a second at 8
/// concurrent callers). The last size is compared with the first: a lookup through the blind
/// index costs the same at 1M and 20M, so the ratio should stay near 1. With <c>--reuse</c> the
/// databases are kept, and one already seeded by an earlier run (its settings and credentials
/// under <c>TMP/tierspayant-scale/NAME</c>) is measured again without seeding it again.
/// </summary>
internal static class ScaleBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var admin = BenchArgs.Text(args, "--postgres") ?? throw new ArgumentException("scale runs on PostgreSQL: --postgres \"Host=…;Username=…;Database=postgres\"");
        var sizes = (BenchArgs.Text(args, "--sizes") ?? "1000000,20000000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var requests = BenchArgs.Option(args, "--requests", 2000);
        var reuse = args.Contains("--reuse");
        var results = new List<(int Size, List<double> Latencies, double Rate)>();
        foreach (var size in sizes)
        {
            var database = await PrepareAsync(admin, size, reuse);
            try
            {
                var (latencies, rate) = await MeasureAsync(database, size, requests);
                results.Add((size, latencies, rate));
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                if (!reuse)
                {
                    await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {database.Name} WITH (FORCE)");
                    database.Data.Delete(recursive: true);
                }
            }
        }

        var (first, last) = (results[0], results[^1]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"B1 {Label(last.Size)} / {Label(first.Size)}: throughput ratio {last.Rate / first.Rate:F2} (aim >= 0.80), " +
            $"p50 ratio {RightsCheckLoad.Percentile(last.Latencies, 0.5) / RightsCheckLoad.Percentile(first.Latencies, 0.5):F2}, " +
            $"p99 ratio {RightsCheckLoad.Percentile(last.Latencies, 0.99) / RightsCheckLoad.Percentile(first.Latencies, 0.99):F2}"));
        return 0;
    }

    private sealed record Database(string Name, DirectoryInfo Data, Dictionary<string, string?> Settings);

    private static async Task<Database> PrepareAsync(string admin, int size, bool reuse)
    {
        var name = $"tp_scale_{Label(size)}";
        var data = new DirectoryInfo(Path.Combine(Path.GetTempPath(), "tierspayant-scale", name));
        var settingsFile = Path.Combine(data.FullName, "bench-settings.json");
        if (reuse && File.Exists(settingsFile) && File.Exists(Path.Combine(data.FullName, "demo-credentials.json")))
        {
            var kept = JsonSerializer.Deserialize<Dictionary<string, string?>>(await File.ReadAllTextAsync(settingsFile))!;
            Console.WriteLine($"{Label(size)}: reusing {name}, seeded by an earlier run");
            return new Database(name, data, kept);
        }

        await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        await ExecuteAsync(admin, $"CREATE DATABASE {name}");
        if (data.Exists)
        {
            data.Delete(recursive: true);
        }

        data.Create();
        var settings = Settings(admin, name);
        if (await TiersCli.RunAsync(["migrate", "--data", data.FullName], TextWriter.Null, Console.Error, settings) != 0)
        {
            throw new InvalidOperationException($"migrating {name} failed");
        }

        var clock = Stopwatch.StartNew();
        // The seed's own progress lines (every 100,000 people) go to the console: a 20M seed takes a while.
        if (await TiersCli.RunAsync(["seed", "--beneficiaries", size.ToString(CultureInfo.InvariantCulture), "--data", data.FullName], Console.Out, Console.Error, settings) != 0)
        {
            throw new InvalidOperationException($"seeding {name} failed");
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var onDisk = await TableSizeAsync(settings);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Label(size)}: seeded {size:N0} beneficiaries in {seconds:F1} s ({size / seconds:N0} rows/s), table and indexes {onDisk}"));
        // Written only once the seed succeeded, so --reuse never takes a half-seeded database.
        await File.WriteAllTextAsync(settingsFile, JsonSerializer.Serialize(settings));
        return new Database(name, data, settings);
    }

    private static async Task<(List<double>, double)> MeasureAsync(Database database, int size, int requests)
    {
        Console.WriteLine($"{Label(size)}: rights check's lookup: {await LookupPlanAsync(database.Settings)}");
        WebApplication app = TiersPayantHost.Build(
            [.. database.Settings.Select(s => $"--{s.Key}={s.Value}"), "--urls=http://127.0.0.1:0", "--environment=Production",
             // The seed's demo client signs in with its demo secret, as in `eligibility` (a throw-away database of synthetic people).
             "--Accounts:ApiClients:AllowDemoSecrets=true",
             "--Guard:Caps:pharmacien:PerHour=10000000", "--Guard:Caps:pharmacien:PerDay=10000000", "--Guard:NoMatchPerHour=10000000",
             // As in `eligibility`: the detector computes and never acts on one token asking for a dozen people.
             $"--Guard:Detection:StepUpScore={int.MaxValue}", $"--Guard:Detection:ContainScore={int.MaxValue}"], database.Data);
        app.MapGet("/bench/json", () => Microsoft.AspNetCore.Http.TypedResults.Ok(new { status = "ok" })).RequireAuthorization("practice-software");
        await app.StartAsync();
        try
        {
            using var load = await RightsCheckLoad.StartAsync(new Uri(app.Urls.First()), Path.Combine(database.Data.FullName, "demo-credentials.json"));
            await load.WarmAsync(200, baseline: false);
            var latencies = await load.SequentialAsync(requests, baseline: false);
            var rate = await load.ThroughputAsync(requests, baseline: false);
            Console.WriteLine(RightsCheckLoad.Line($"{Label(size)}: B1 rights check", latencies));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Label(size)}: B1 at 8 concurrent callers {rate:N0}/s"));
            return (latencies, rate);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    // Fresh keys for a throw-away database of synthetic people; kept beside it so --reuse can read it back.
    private static Dictionary<string, string?> Settings(string admin, string name)
    {
        using var signing = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new()
        {
            ["Demo:SeedOnFirstStart"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Database:Provider"] = "Postgres",
            ["Database:MigrateOnStart"] = "false",
            ["ConnectionStrings:Default"] = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString,
            ["Encryption:CurrentKeyId"] = "1",
            ["Encryption:Keys:1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Encryption:BlindIndexKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Accounts:ApiClients:SigningKey"] = signing.ExportPkcs8PrivateKeyPem(),
            ["Accounts:ApiClients:EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
    }

    private static async Task<string> TableSizeAsync(Dictionary<string, string?> settings)
    {
        await using var connection = new NpgsqlConnection(settings["ConnectionStrings:Default"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_size_pretty(pg_total_relation_size('beneficiaries'))", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    // The rights check finds a person by the blind index of (insurer, card, birth date, rank): it
    // must be an index lookup at any size, never a scan.
    private static async Task<string> LookupPlanAsync(Dictionary<string, string?> settings)
    {
        await using var connection = new NpgsqlConnection(settings["ConnectionStrings:Default"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("EXPLAIN SELECT * FROM beneficiaries WHERE identity_index = $1", connection)
        {
            Parameters = { new NpgsqlParameter { Value = RandomNumberGenerator.GetBytes(32) } },
        };
        var plan = (string)(await command.ExecuteScalarAsync())!;
        return plan.Contains("Seq Scan", StringComparison.Ordinal) ? throw new InvalidOperationException($"the lookup scans: {plan}") : plan;
    }

    private static string Label(int size) => size % 1_000_000 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{size / 1_000_000}m")
        : size % 1000 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{size / 1000}k") : size.ToString(CultureInfo.InvariantCulture);

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
