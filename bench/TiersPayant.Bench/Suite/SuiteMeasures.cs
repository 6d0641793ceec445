using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TiersPayant.Cli;
using TiersPayant.Security.Guard;

namespace TiersPayant.Bench.Suite;

/// <summary>The suite's benchmarks, B0 to B8, in the order that lets each reuse the last one's database and figures.</summary>
internal static class SuiteMeasures
{
    private const double P99Target = 20;

    // The pharmacy's four drugs with their listed prices; an invoice takes three or four of them.
    private static readonly (string Code, int Cents)[] Drugs = [("3400935955838", 209), ("3400933054960", 301), ("3400933904678", 452), ("3400932054411", 472)];

    public static async Task<List<SuiteRow>> RunAsync(SuiteOptions options, SuiteJournal journal)
    {
        var rows = new List<SuiteRow>();
        var log = journal.Writer;
        journal.Say(string.Create(CultureInfo.InvariantCulture, $"setting up: {options.Beneficiaries:N0} beneficiaries and {options.People:N0} known cards on a fresh database"));
        var database = await BenchDatabase.CreateAsync("suite", options.Postgres, options.Beneficiaries, practices: 256);
        try
        {
            Configure(database.Settings);
            var people = BenchPeople.Create(options.People);
            var file = Path.Combine(database.Data.FullName, "people.csv");
            await File.WriteAllLinesAsync(file, BenchPeople.Rows(people));
            if (await TiersCli.RunAsync(["import", "members", file, "--insurer", BenchPeople.Insurer, "--data", database.Data.FullName], TextWriter.Null, Console.Error, database.Settings) != 0)
            {
                throw new InvalidOperationException("the import of the benchmark's people failed");
            }

            await using (var server = await SuiteServer.StartAsync(options.ServerCore, database.Data, database.Settings, clients: 64))
            {
                using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseCookies = false }) { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(30) };
                var load = new LoadRun(client, await LoadRun.TokensAsync(client, server.Ready.Clients), server.Cpu, log);
                journal.Say($"server on {server.Url} (process {server.Ready.ProcessId}), {server.Ready.Clients.Count} pharmacies' API clients");
                var rest = server.Cpu();
                await Task.Delay(TimeSpan.FromSeconds(5));
                journal.Say(string.Create(CultureInfo.InvariantCulture, $"server at rest: {(server.Cpu() - rest).TotalMilliseconds / 5:F0} ms of CPU a second (its background services)"));
                rows.AddRange(await HttpAsync(options, load, people, journal));
            }

            rows.Add(await GuardAsync(database, journal));
        }
        finally
        {
            await database.DisposeAsync();
        }

        rows.Add(await BatchAdjudicationAsync(options, journal) ?? new SuiteRow("B3", "batch adjudication of a 1,000,000-invoice file", null, null, "invoices/s", null, AtLeast: true,
            "not run: pending (`tiers import claims`; hook: `SuiteMeasures.BatchAdjudicationAsync`)"));
        rows.AddRange(await DisclosureLogAsync(options, log));
        return [.. rows.OrderBy(r => r.Id, StringComparer.Ordinal)];
    }

    // B0, B1, B6, B7 and B2: everything that goes through the server process.
    private static async Task<List<SuiteRow>> HttpAsync(SuiteOptions options, LoadRun load, List<BenchPerson> people, SuiteJournal journal)
    {
        var json = await load.SustainedAsync("B0 /bench/json", _ => new HttpRequestMessage(HttpMethod.Get, "/bench/json"), options.Step, P99Target);
        var db = await load.SustainedAsync("B0 /bench/db", _ => new HttpRequestMessage(HttpMethod.Get, "/bench/db"), options.Step, P99Target);
        LoadRun.Request check = i => new HttpRequestMessage(HttpMethod.Post, "/api/v1/eligibility") { Content = JsonContent.Create(people[(int)(i % people.Count)].Body) };
        var rights = await load.SustainedAsync("B1 rights check", check, options.Step, P99Target);
        var rows = new List<SuiteRow>
        {
            new("B0 json", "minimal JSON endpoint, sustained at p99 ≤ 20 ms", json.Rate, null, "req/s", null, AtLeast: true, Calibration(json)),
            new("B0 db", "one-row database endpoint, sustained at p99 ≤ 20 ms (limit: the JSON endpoint)", db.Rate, json.Rate, "req/s", null, AtLeast: true, Calibration(db)),
            new("B1", "rights check, guard and disclosure log on, sustained at p99 ≤ 20 ms (limit: B0 database endpoint)", rights.Rate, db.Rate, "req/s", 0.4, AtLeast: true, Calibration(rights)),
        };

        // B6: the field protection's share of the server's CPU time a rights check.
        var crypto = FieldCryptoCost.PerRightsCheckMilliseconds();
        var cpu = rights.Chosen.ServerCpuMs;
        journal.Say(string.Create(CultureInfo.InvariantCulture, $"  B6: field protection {crypto:F4} ms a rights check in process; the server spent {cpu:F3} ms of CPU a rights check at B1's chosen step"));
        rows.Add(new("B6", "rights check with field encryption (limit: the same without its cost, estimated)", rights.Rate, rights.Rate * cpu / (cpu - crypto), "req/s", 0.95, AtLeast: true,
            "estimated: encryption cannot be switched off; its primitives timed in process against the server's CPU time a check"));

        // B7: B1 at half its sustained rate, quiet, then under a flood of bogus logins; against the
        // node, then as an operator deploys it, through `tiers proxy` (its defaults, pinned to the
        // load's core: a proxy or balancer runs beside the nodes, not on them), which turns the flood
        // away per address before the node works on it.
        var rate = Math.Max(10, rights.Rate / 2);
        rows.Add(await FloodedAsync("B7", $"rights check p99 at {rate:F0}/s under {options.FloodRate}/s bogus logins (limit: without)", options, load, check, rate, journal));
        await using (var proxy = await SuiteProxy.StartAsync(options.LoadCore, load.Client.BaseAddress!))
        {
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseCookies = false }) { BaseAddress = proxy.Url, Timeout = TimeSpan.FromSeconds(30) };
            var proxied = load.Through(client);
            await proxied.OpenAsync(check, rate, options.Step); // warm-up of the proxy's connections, not measured
            rows.Add(await FloodedAsync("B7 proxy", "the same through `tiers proxy` (its per-address login bucket; the proxy on the load's core) (limit: through the proxy without the flood)",
                options, proxied, check, rate, journal));
        }

        rows.Add(await InvoicesAsync(options, load, people, journal));
        return rows;
    }

    // The checks at a fixed rate, quiet, then while bogus logins arrive at --flood-rate, both through the load's client.
    private static async Task<SuiteRow> FloodedAsync(string id, string title, SuiteOptions options, LoadRun load, LoadRun.Request check, double rate, SuiteJournal journal)
    {
        var quiet = await load.OpenAsync(check, rate, 2 * options.Step);
        journal.Say($"  {id} quiet at {rate:F0}/s: {quiet}");
        using var floodClient = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, UseCookies = false }) { BaseAddress = load.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var stop = new CancellationTokenSource();
        var flood = LoginFloodBenchmark.FloodAsync(floodClient, options.FloodRate, stop.Token);
        var loaded = await load.OpenAsync(check, rate, 2 * options.Step);
        await stop.CancelAsync();
        var outcomes = await flood;
        journal.Say($"  {id} flood at {options.FloodRate}/s: {loaded}; logins answered: {string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} × {o.Value:N0}"))}");
        return new(id, title, loaded.P99, quiet.P99, "ms", 2, AtLeast: false, loaded.Failures + quiet.Failures > 0 ? $"{quiet.Failures} + {loaded.Failures} failed checks" : "");
    }

    private static string Calibration(LoadSearch search) =>
        search.Best is { } best
            ? string.Create(CultureInfo.InvariantCulture, $"{best.Callers} callers, p99 {best.P99:F1} ms")
            : string.Create(CultureInfo.InvariantCulture, $"p99 above 20 ms even at 1 caller ({search.Chosen.P99:F1} ms): the 1-caller rate is shown");

    // B2: direct pharmacy invoices against pgbench's TPC-B-like transactions, the same number of clients.
    private static async Task<SuiteRow> InvoicesAsync(SuiteOptions options, LoadRun load, List<BenchPerson> people, SuiteJournal journal)
    {
        var (tps, summary) = await PgBench.RunAsync(options.Postgres, options.Clients, 2 * options.Step, journal.Writer);
        journal.Say($"  B2 pgbench -c {options.Clients} -j 1 -s {options.Clients}: {summary}");
        var next = -1L;
        var today = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        LoadRun.Request invoice = _ =>
        {
            // A person is paid once per drug and day: each invoice is a new (person, day).
            var n = Interlocked.Increment(ref next);
            var person = people[(int)(n % people.Count)];
            var careDate = today.AddDays(-(int)(n / people.Count)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var body = new
            {
                card = person.Card, beneficiary = person.Beneficiary, domain = "pharmacie", careDate,
                lines = Drugs.Take(3 + (int)(n % 2)).Select(d => new { code = d.Code, quantity = 1, unitPriceCents = d.Cents }).ToArray(),
                prescription = new { date = careDate, prescriber = "10000123454" },
            };
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/claims") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            return request;
        };
        static bool Accepted(string body) => body.Contains("\"status\":\"accepted\"", StringComparison.Ordinal);
        await load.ClosedAsync(invoice, options.Clients, TimeSpan.FromSeconds(2), Accepted);
        var run = await load.ClosedAsync(invoice, options.Clients, 2 * options.Step, Accepted);
        journal.Say($"  B2 invoices, {options.Clients} callers: {run}");
        var accepted = run.PerSecond * (run.Requests - run.Failures - run.Refused) / Math.Max(1, run.Requests);
        return new SuiteRow("B2", $"real-time pharmacy invoices (3–4 lines, ledger, disclosure record), {options.Clients} clients (limit: pgbench TPC-B-like)", accepted, tps, "tx/s", 0.5, AtLeast: true,
            run.Refused + run.Failures > 0 ? $"{run.Refused} not accepted, {run.Failures} failed" : "");
    }

    /// <summary>
    /// B3: an invoice file of <c>options.Invoices</c> invoices through <c>tiers import claims</c>
    /// (the guard, the disclosure log, every write), against the same rules with the writes stubbed
    /// (the CPU ceiling), on a fresh database of its own (<see cref="ClaimsBatchBenchmark"/>).
    /// </summary>
    private static async Task<SuiteRow?> BatchAdjudicationAsync(SuiteOptions options, SuiteJournal journal)
    {
        var figures = await ClaimsBatchBenchmark.RunAsync(new ClaimsBatchOptions(options.Invoices, Math.Min(options.Invoices, 10_000), options.Postgres));
        journal.Say(string.Create(CultureInfo.InvariantCulture,
            $"  B3 {figures.Invoices:N0} invoices: import {figures.ImportPerSecond:N0}/s, rules with writes stubbed {figures.CeilingPerSecond:N0}/s"));
        return new SuiteRow("B3", string.Create(CultureInfo.InvariantCulture, $"batch adjudication of a {figures.Invoices:N0}-invoice file, `tiers import claims` (limit: the same rules with writes stubbed)"),
            figures.ImportPerSecond, figures.CeilingPerSecond, "invoices/s", 0.5, AtLeast: true);
    }

    // B8: the guard's decisions in process with the detector against the same decisions with it off.
    private static async Task<SuiteRow> GuardAsync(BenchDatabase database, SuiteJournal journal)
    {
        await using var app = await database.OpenAsync();
        var detection = app.Services.GetRequiredService<IOptions<GuardOptions>>().Value.Detection;
        await GuardBenchmark.DecisionsAsync(app, detection, enabled: true, 100);
        var off = await GuardBenchmark.DecisionsAsync(app, detection, enabled: false, 1000);
        var on = await GuardBenchmark.DecisionsAsync(app, detection, enabled: true, 1000);
        journal.Say(string.Create(CultureInfo.InvariantCulture, $"  B8 guard decisions in process: detector off {off:N0}/s, on {on:N0}/s"));
        return new SuiteRow("B8", "guard decisions with the detector, in process (limit: the same with a no-op detector)", on, off, "events/s", null, AtLeast: true);
    }

    // B5: the disclosure log's durable appends and its verification (AuditBenchmark's measures).
    private static async Task<List<SuiteRow>> DisclosureLogAsync(SuiteOptions options, TextWriter log)
    {
        var audit = await AuditBenchmark.MeasureAsync(options.Postgres, options.Records, 64, log);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  B5 appends: Merkle {audit.Tree.PerSecond:N0}/s (p99 {audit.Tree.P99Milliseconds:F1} ms), plain one a transaction {audit.One.PerSecond:N0}/s, plain batched {audit.Batched.PerSecond:N0}/s; verify {audit.VerifiedPerSecond:N0}/s, raw SHA-256 {audit.HashedPerSecond:N0}/s"));
        return
        [
            new("B5 append", "disclosure log appends, durable, 64 callers (limit: plain inserts, one a transaction)", audit.Tree.PerSecond, audit.One.PerSecond, "records/s", 0.5, AtLeast: true),
            new("B5 verify", "disclosure log verification from the database (limit: raw SHA-256 of the same entries in memory)", audit.VerifiedPerSecond, audit.HashedPerSecond, "entries/s", null, AtLeast: true),
        ];
    }

    // The guard caps raised and the detector computing but never acting: the load comes from 64
    // pharmacies at machine speed, which is what the detector would otherwise contain.
    private static void Configure(Dictionary<string, string?> settings)
    {
        settings["Accounts:ApiClients:AllowDemoSecrets"] = "true";
        settings["Guard:Caps:pharmacien:PerHour"] = "100000000";
        settings["Guard:Caps:pharmacien:PerDay"] = "100000000";
        settings["Guard:NoMatchPerHour"] = "100000000";
        settings["Guard:Detection:StepUpScore"] = int.MaxValue.ToString(CultureInfo.InvariantCulture);
        settings["Guard:Detection:ContainScore"] = int.MaxValue.ToString(CultureInfo.InvariantCulture);
    }
}
