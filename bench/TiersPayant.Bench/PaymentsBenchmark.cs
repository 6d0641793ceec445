using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Cli;
using TiersPayant.Data;
using TiersPayant.Data.Claims;
using TiersPayant.Domain.Claims;

namespace TiersPayant.Bench;

/// <summary>
/// A payment run over many accepted invoices, in one run on one host: the invoices are first
/// written with one batched insert of their rows (the floor: what writing each row once costs this
/// database), then <c>tiers payments run</c> pays them all (a payment line per invoice, the invoice
/// marked paid, a payment and a ledger entry per practice, the SEPA file). The ratio run / insert
/// is the figure. The invoices name no beneficiary (the run never reads one) and have no
/// acceptance entries (the run does not read the ledger). SQLite by default; <c>--postgres CS</c>
/// on a fresh PostgreSQL database.
/// </summary>
internal static class PaymentsBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var invoices = BenchArgs.Option(args, "--invoices", 100_000);
        var practices = BenchArgs.Option(args, "--practices", 200);
        var postgres = BenchArgs.Text(args, "--postgres");
        await using var database = await BenchDatabase.CreateAsync("payments", postgres, beneficiaries: 100, practices: practices);
        await using var app = await database.OpenAsync();
        List<(Guid Id, string Insurer)> pairs;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
            var ids = await db.Practices.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
            var insurers = await db.Insurers.AsNoTracking().OrderBy(i => i.Amc).Select(i => i.Amc).ToListAsync();
            pairs = [.. ids.Select((id, i) => (id, insurers[i % insurers.Count]))];
        }

        var clock = Stopwatch.StartNew();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
            await db.TuneForBulkAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var created = DateTime.UtcNow.AddMinutes(-1);
            await db.InsertAsync(Enumerable.Range(0, invoices).Select(i => Invoice(i, pairs[i % pairs.Count], created)));
            await transaction.CommitAsync();
        }

        var insert = clock.Elapsed;
        clock.Restart();
        using var output = new StringWriter();
        var code = await TiersCli.RunAsync(["payments", "run", "--data", database.Data.FullName], output, Console.Error, database.Settings);
        var run = clock.Elapsed;
        if (code != 0)
        {
            Console.Error.WriteLine(output.ToString());
            return code;
        }

        var file = Directory.GetFiles(Path.Combine(database.Data.FullName, "payments"), "*.xml").Single();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(postgres is null ? "SQLite" : "PostgreSQL")}: {invoices:N0} accepted invoices over {pairs.Count:N0} practices; {Environment.ProcessorCount} cores"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"batched insert of the invoices (the floor): {insert.TotalSeconds:F1} s ({invoices / insert.TotalSeconds:N0}/s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"payment run: {run.TotalSeconds:F1} s ({invoices / run.TotalSeconds:N0} invoices/s), file {new FileInfo(file).Length / 1024.0:N0} KiB; ratio run/insert {run / insert:F2}"));
        Console.WriteLine(output.ToString().Split('\n').LastOrDefault(l => l.Contains("transfer", StringComparison.Ordinal)));
        return 0;
    }

    private static ClaimRecord Invoice(int i, (Guid Practice, string Insurer) to, DateTime created) => new()
    {
        Id = Guid.CreateVersion7(), Number = string.Create(CultureInfo.InvariantCulture, $"FAC-B{i:D9}"), PracticeId = to.Practice,
        IdempotencyKey = string.Create(CultureInfo.InvariantCulture, $"bench-{i}"), RequestHash = [1], InsurerAmc = to.Insurer, Domain = "pharmacie",
        CareDate = DateOnly.FromDateTime(created), Status = ClaimStatus.Accepted, TotalCents = 2_000 + (i % 977), AmoCents = 1_000, AmcCents = 1_000 + (i % 977),
        PatientCents = 0, Reasons = string.Empty, LinesJson = "[]", Channel = "api", CreatedAt = created,
    };
}
