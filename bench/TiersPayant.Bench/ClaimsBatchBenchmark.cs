using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TiersPayant.Claims.Batches;
using TiersPayant.Cli;

namespace TiersPayant.Bench;

/// <summary>What <see cref="ClaimsBatchBenchmark.RunAsync(ClaimsBatchOptions)"/> measures.</summary>
/// <param name="Invoices">Invoices in the file.</param>
/// <param name="People">Distinct beneficiaries the file names (imported first through <c>import members</c>).</param>
/// <param name="Postgres">A PostgreSQL server's connection string (a fresh database is created and dropped), or null for SQLite.</param>
public sealed record ClaimsBatchOptions(int Invoices = 100_000, int People = 10_000, string? Postgres = null);

/// <summary>The figures of one run: invoices a second through <c>tiers import claims</c> and through the pure rules, and their ratio.</summary>
public sealed record ClaimsBatchFigures(long Invoices, double ImportPerSecond, double CeilingPerSecond)
{
    /// <summary>Import over ceiling: the issue's aim is at least 0.5.</summary>
    public double Ratio => ImportPerSecond / CeilingPerSecond;
}

/// <summary>
/// B3, batch adjudication: a pharmacy's invoice file of <see cref="ClaimsBatchOptions.Invoices"/>
/// direct invoices (one line, every fifth two) over <see cref="ClaimsBatchOptions.People"/> people
/// imported first, adjudicated by <c>tiers import claims</c> (the API's path: guard, disclosure log,
/// rules, claims and ledger written, a result file); in the same run, the same file through
/// <see cref="ClaimBatchCeiling"/> (the same reader and rules, every database read and write
/// stubbed) as the CPU ceiling. Prints both rates and the ratio. The file's invoices differ by
/// person, care date (the last 60 days) and drug, so few are duplicates.
/// </summary>
public static class ClaimsBatchBenchmark
{
    private static readonly string[] Drugs = ["3400935955838", "3400933054960", "3400933904678", "3400932054411"];

    /// <summary>The command line: <c>claims-batch [--invoices N] [--people P] [--postgres CS]</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var invoices = BenchArgs.Option(args, "--invoices", 100_000);
        var figures = await RunAsync(new ClaimsBatchOptions(invoices, BenchArgs.Option(args, "--people", Math.Min(invoices, 10_000)), BenchArgs.Text(args, "--postgres")));
        return figures.ImportPerSecond > 0 ? 0 : 1;
    }

    /// <summary>Seeds, writes the file, imports it and runs the ceiling; prints and returns the figures.</summary>
    public static async Task<ClaimsBatchFigures> RunAsync(ClaimsBatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var database = await BenchDatabase.CreateAsync("claims", options.Postgres, beneficiaries: 100, practices: 4);
        // A pharmacy's end-of-day file reaches more people than its counter does: the batch caps are set for the run.
        database.Settings["Guard:BatchCaps:pharmacien:PerHour"] = "100000000";
        database.Settings["Guard:BatchCaps:pharmacien:PerDay"] = "100000000";
        using var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(database.Data.FullName, "demo-credentials.json")));
        var pharmacy = credentials.RootElement.GetProperty("apiClients").EnumerateArray()
            .First(c => c.GetProperty("profession").GetString() == "pharmacien").GetProperty("practiceId").GetString()!;
        var insurer = credentials.RootElement.GetProperty("insurers")[0];
        var amc = insurer.GetProperty("id").GetString()!;
        var contract = insurer.GetProperty("contracts")[0].GetString()!;

        var members = Path.Combine(database.Data.FullName, "members.csv");
        await File.WriteAllLinesAsync(members, MemberLines(options.People, contract), new UTF8Encoding(false));
        var imported = await TiersCli.RunAsync(["import", "members", members, "--insurer", amc, "--data", database.Data.FullName], TextWriter.Null, Console.Error, database.Settings);
        if (imported != 0)
        {
            throw new InvalidOperationException("importing the people failed");
        }

        var today = DateOnly.FromDateTime(DateTime.Now);
        var file = Path.Combine(database.Data.FullName, "claims.csv");
        await File.WriteAllLinesAsync(file, ClaimLines(options.Invoices, options.People, amc, today), new UTF8Encoding(false));

        // The ceiling first and last: the figure is the better of the two (a warm JIT, the same machine).
        var ceiling = Ceiling(file, today);
        var clock = Stopwatch.StartNew();
        using var output = new StringWriter();
        var code = await TiersCli.RunAsync(
            ["import", "claims", file, "--practice", pharmacy, "--results", Path.Combine(database.Data.FullName, "results.csv"), "--quiet", "--data", database.Data.FullName],
            output, Console.Error, database.Settings);
        var import = clock.Elapsed;
        ceiling = Math.Max(ceiling, Ceiling(file, today));
        if (code != 0)
        {
            Console.Error.WriteLine(output.ToString());
            throw new InvalidOperationException($"tiers import claims exited with {code}");
        }

        var figures = new ClaimsBatchFigures(options.Invoices, options.Invoices / import.TotalSeconds, ceiling);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(options.Postgres is null ? "SQLite" : "PostgreSQL")}: {options.Invoices:N0} invoices over {options.People:N0} people; {Environment.ProcessorCount} cores"));
        Console.WriteLine(output.ToString().Trim());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tiers import claims: {import.TotalSeconds:F1} s ({figures.ImportPerSecond:N0} invoices/s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"same rules, writes stubbed (ceiling): {figures.CeilingPerSecond:N0} invoices/s; ratio import/ceiling {figures.Ratio:F3}"));
        return figures;
    }

    private static double Ceiling(string file, DateOnly today)
    {
        var clock = Stopwatch.StartNew();
        using var stream = File.OpenRead(file);
        var decided = ClaimBatchCeiling.Run(stream, today);
        return decided / clock.Elapsed.TotalSeconds;
    }

    private static string Name(string prefix, int i)
    {
        var letters = new StringBuilder(prefix);
        for (var n = i; ; n /= 26)
        {
            letters.Append((char)('A' + (n % 26)));
            if (n < 26)
            {
                return letters.ToString();
            }
        }
    }

    private static DateOnly Birth(int i) => new DateOnly(1940, 1, 1).AddDays(i * 7 % 25_000);

    private static IEnumerable<string> MemberLines(int people, string contract)
    {
        yield return "membership_number;birth_rank;last_name;birth_name;first_name;birth_date;nir;relationship;contract;rights_from;rights_to";
        for (var i = 0; i < people; i++)
        {
            var birth = Birth(i);
            var body = string.Create(CultureInfo.InvariantCulture, $"{1 + (i % 2)}{birth.Year % 100:D2}{birth.Month:D2}75056{i % 1000:D3}");
            var nir = body + Domain.Identity.Nir.ComputeKey(body).ToString("D2", CultureInfo.InvariantCulture);
            yield return string.Create(CultureInfo.InvariantCulture,
                $"B{i:D8};1;{Name("BENCH", i)};;{Name("Pat", i)};{birth:yyyy-MM-dd};{nir};holder;{contract};2020-01-01;");
        }
    }

    private static IEnumerable<string> ClaimLines(int invoices, int people, string amc, DateOnly today)
    {
        yield return "invoice_ref;insurer;membership_number;last_name;first_name;birth_date;birth_rank;domain;care_date;prescription_date;prescriber;code;quantity;unit_price_cents";
        for (var i = 0; i < invoices; i++)
        {
            var person = i % people;
            var round = i / people;
            var care = today.AddDays(-(round % 60));
            var drug = (round / 60) % Drugs.Length;
            var head = string.Create(CultureInfo.InvariantCulture,
                $"BATCH-{i:D8};{amc};B{person:D8};{Name("BENCH", person)};{Name("Pat", person)};{Birth(person):yyyy-MM-dd};1;pharmacie;{care:yyyy-MM-dd};{care:yyyy-MM-dd};10000123454");
            yield return string.Create(CultureInfo.InvariantCulture, $"{head};{Drugs[drug]};{1 + (i % 3)};{200 + (i % 300)}");
            if (i % 5 == 4)
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"{head};{Drugs[(drug + 1) % Drugs.Length]};1;{300 + (i % 200)}");
            }
        }
    }
}
