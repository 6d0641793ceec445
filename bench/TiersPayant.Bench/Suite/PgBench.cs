using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace TiersPayant.Bench.Suite;

/// <summary>
/// PostgreSQL's own TPC-B-like run (<c>pgbench</c>, its default script) on a database of its own
/// on the same server: the limit B2's invoices are measured against.
/// </summary>
internal static partial class PgBench
{
    public static string Program => Environment.GetEnvironmentVariable("PGBENCH")
        ?? Directory.EnumerateDirectories("/usr/lib/postgresql").Order(StringComparer.Ordinal).Select(d => Path.Combine(d, "bin", "pgbench")).LastOrDefault(File.Exists)
        ?? "pgbench";

    /// <summary>Initialises a fresh database at scale <paramref name="clients"/> (one branch a client), runs it, drops it.</summary>
    public static async Task<(double Tps, string Summary)> RunAsync(string admin, int clients, TimeSpan duration, TextWriter log)
    {
        var name = $"tp_bench_pgbench_{Guid.NewGuid():N}";
        await ExecuteAsync(admin, $"CREATE DATABASE {name}");
        try
        {
            var target = new NpgsqlConnectionStringBuilder(admin) { Database = name };
            var scale = clients.ToString(CultureInfo.InvariantCulture);
            await RunAsync(target, ["-i", "-q", "-s", scale], log);
            var output = await RunAsync(target, ["-c", scale, "-j", "1", "-T", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture)], log);
            var tps = Tps().Match(output);
            return tps.Success
                ? (double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture), tps.Value)
                : throw new InvalidOperationException("pgbench printed no tps: " + output);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private static async Task<string> RunAsync(NpgsqlConnectionStringBuilder target, string[] arguments, TextWriter log)
    {
        var start = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[.. arguments, "-h", target.Host!, "-p", target.Port.ToString(CultureInfo.InvariantCulture), "-U", target.Username!, target.Database!])
        {
            start.ArgumentList.Add(argument);
        }

        if (target.Password is { } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("pgbench did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            await log.WriteLineAsync(await errors);
            throw new InvalidOperationException($"pgbench {arguments[0]} exited with {process.ExitCode}");
        }

        return await output + await errors;
    }

    private static async Task ExecuteAsync(string connection, string sql)
    {
        await using var admin = new NpgsqlConnection(connection);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();
}
