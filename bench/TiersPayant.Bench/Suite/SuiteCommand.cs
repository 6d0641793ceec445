using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace TiersPayant.Bench.Suite;

/// <summary>
/// <c>suite --postgres CS [--beneficiaries N] [--people N] [--seconds S] [--clients C]
/// [--records N] [--flood-rate R] [--invoices N] [--out DIR] [--server-core K] [--load-core L]</c>: every
/// benchmark of issue 14, each figure a ratio to a limit measured in the same run on the same
/// machine. The platform runs in a process of its own pinned to one core; this process (the load,
/// pgbench's client and the in-process measures) pins itself to another by starting itself again
/// under <c>taskset</c>. Fresh databases are created on the given PostgreSQL and dropped.
/// </summary>
internal static class SuiteCommand
{
    private const string PinnedVariable = "TIERSPAYANT_SUITE_PINNED";

    public static async Task<int> RunAsync(string[] args)
    {
        if (BenchArgs.Text(args, "--postgres") is not { } postgres)
        {
            await Console.Error.WriteLineAsync("usage: suite --postgres \"Host=…;Username=…;Database=postgres\" [--beneficiaries 100000] [--seconds 5] [--out bench/results]");
            return 2;
        }

        var (serverCore, loadCore) = (BenchArgs.Option(args, "--server-core", 0), BenchArgs.Option(args, "--load-core", 1));
        if (Environment.GetEnvironmentVariable(PinnedVariable) is null)
        {
            return await PinnedAsync(loadCore, args);
        }

        var options = new SuiteOptions(
            postgres, serverCore, loadCore,
            BenchArgs.Option(args, "--beneficiaries", 100_000), BenchArgs.Option(args, "--people", 20_000),
            TimeSpan.FromSeconds(BenchArgs.Option(args, "--seconds", 5)), BenchArgs.Option(args, "--clients", 8),
            BenchArgs.Option(args, "--records", 10_000), BenchArgs.Option(args, "--flood-rate", 1000),
            BenchArgs.Option(args, "--invoices", 2_000));
        var output = new DirectoryInfo(BenchArgs.Text(args, "--out") ?? Path.Combine("bench", "results"));
        var clock = Stopwatch.StartNew();
        var loadBefore = LoadAverage();
        var journal = new SuiteJournal();
        var rows = await SuiteMeasures.RunAsync(options, journal);
        var context = new List<string>
        {
            $"core split: the platform (`host`, the product's own app builder) in its own process pinned to core {serverCore} (`taskset -c {serverCore}`); " +
            $"the load generator, pgbench's client and the in-process measures (B5, B6, B8) in the suite's process pinned to core {loadCore}; " +
            "the PostgreSQL server is not pinned (the OS schedules it on either core)",
            await PostgresAsync(postgres),
            string.Create(CultureInfo.InvariantCulture,
                $"parameters: --beneficiaries {options.Beneficiaries} --people {options.People} --seconds {options.Step.TotalSeconds} --clients {options.Clients} --records {options.Records} --flood-rate {options.FloodRate} --invoices {options.Invoices}; the suite took {clock.Elapsed.TotalMinutes:F1} min"),
            "sustained rate: closed loops of 1, 2, 4… callers, each for --seconds, the best rate whose p99 ≤ 20 ms with no failure (the same search for B0 and B1)",
            $"load average (1 min) at the start {loadBefore}, at the end {LoadAverage()}: the machine may be shared with other work, compare ratios, not absolute figures",
        };
        var file = await SuiteReport.WriteAsync(output, rows, context, journal.Lines);
        Console.WriteLine($"results: {file}");
        return 0;
    }

    /// <summary>Starts this program again pinned to the load's core, and waits for it.</summary>
    private static async Task<int> PinnedAsync(int core, string[] args)
    {
        var start = new ProcessStartInfo("taskset") { UseShellExecute = false };
        foreach (var argument in (string[])["-c", core.ToString(CultureInfo.InvariantCulture), .. SuiteServer.Self(), "suite", .. args])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[PinnedVariable] = core.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("taskset did not start");
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static async Task<string> PostgresAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        var settings = new List<string>();
        foreach (var setting in (string[])["server_version", "fsync", "synchronous_commit", "max_connections"])
        {
            await using var command = new NpgsqlCommand($"SHOW {setting}", db);
            settings.Add($"{setting} {await command.ExecuteScalarAsync()}");
        }

        return $"PostgreSQL on {db.Host}:{db.Port}: {string.Join(", ", settings)} (B2 and B5 measure durable writes)";
    }
}

/// <summary>The suite's parameters.</summary>
internal sealed record SuiteOptions(
    string Postgres, int ServerCore, int LoadCore, int Beneficiaries, int People, TimeSpan Step, int Clients, int Records, int FloodRate, int Invoices);

/// <summary>What the suite prints as it goes, kept for the results' "Steps" section.</summary>
internal sealed class SuiteJournal
{
    public List<string> Lines { get; } = [];

    public void Say(string line)
    {
        Console.WriteLine(line);
        lock (Lines)
        {
            Lines.Add(line);
        }
    }

    public TextWriter Writer => new JournalWriter(this);

    private sealed class JournalWriter(SuiteJournal journal) : StringWriter(CultureInfo.InvariantCulture)
    {
        public override void WriteLine(string? value) => journal.Say(value ?? "");

        public override Task WriteLineAsync(string? value)
        {
            journal.Say(value ?? "");
            return Task.CompletedTask;
        }
    }
}
