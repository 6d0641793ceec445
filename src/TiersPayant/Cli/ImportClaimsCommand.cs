using System.CommandLine;
using System.Globalization;
using TiersPayant.Claims.Batches;
using TiersPayant.Data;
using TiersPayant.Security.Guard;

namespace TiersPayant.Cli;

/// <summary><c>tiers import claims FILE --practice ID [--results FILE]</c>: a practice's end-of-day invoice file.</summary>
internal static class ImportClaimsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var data = CommonOptions.Data();
        var file = new Argument<FileInfo>("FILE") { Description = "The invoice file: CSV, UTF-8, ';' or ',' separated, one row per invoice line, with the documented header." };
        var practice = new Option<Guid>("--practice") { Description = "The practice whose invoices these are (its identifier).", Required = true };
        var results = new Option<FileInfo?>("--results") { Description = "Where to write the result file (CSV: one row per invoice with its claim number, status, amounts and reason codes)." };
        var quiet = new Option<bool>("--quiet") { Description = "No progress lines." };
        var parallel = new Option<int>("--parallel") { Description = $"Invoices adjudicated at once (1 to {ClaimBatchImporter.MaxWorkers}, default 4); one person's invoices always one after the other; with 1, the file's order decides which invoices a guard cap leaves for later.", DefaultValueFactory = _ => 4 };
        parallel.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > ClaimBatchImporter.MaxWorkers) { r.AddError($"--parallel must be between 1 and {ClaimBatchImporter.MaxWorkers}."); } });
        file.AcceptExistingOnly();

        var claims = new Command("claims", "Adjudicates a practice's invoice file through the same rules, guard and disclosure log as POST /api/v1/claims, by chunks of up to 256 invoices decided together with the answers they would get one by one. "
            + "Columns invoice_ref, insurer, membership_number, last_name, first_name, birth_date, birth_rank, agreement_number, domain, care_date, prescription_date, "
            + "prescriber, code, quantity, unit_price_cents, class, side (a file with agreement_number may leave out the card, person and domain columns); consecutive rows with one invoice_ref are one invoice, and invoice_ref is its idempotency key "
            + "(importing a file again creates nothing and reports the earlier claims). Faulty fields are printed as 'line N: field: reason'. "
            + "Exit 0 when every invoice was adjudicated (accepted or rejected), 1 when some could not be (invalid, refused by the guard, reference reused), 2 on bad usage.")
        {
            file, data, practice, results, quiet, parallel,
        };
        claims.SetAction(async (parse, cancellation) =>
        {
            var practiceId = parse.GetValue(practice);
            var resultsFile = parse.GetValue(results);
            return await CliHost.RunAsync(parse.GetValue(data)!, async services =>
            {
                if (await services.GetRequiredService<Guard.PracticeProfessions>().OfAsync(services.GetRequiredService<TiersPayantDbContext>(), practiceId, cancellation) is not { } parsed)
                {
                    await error.WriteLineAsync($"--practice: no practice has identifier {practiceId}.");
                    return TiersCli.BadUsage;
                }

                await using var stream = parse.GetValue(file)!.OpenRead();
                await using var sink = resultsFile is null ? ClaimBatchResults.Null() : new ClaimBatchResults(resultsFile.Create());
                var length = Math.Max(1, stream.Length);
                var next = 0L;
                var progress = parse.GetValue(quiet) ? null : new InlineProgress<BatchReport>(r =>
                {
                    if (r.Invoices >= next)
                    {
                        next = r.Invoices + 10_000;
                        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"claims: {r.Invoices:N0} invoices ({r.Lines:N0} lines, {100.0 * stream.Position / length:F0} % of the file)"));
                    }
                });
                var report = await services.GetRequiredService<ClaimBatchImporter>().ImportAsync(
                    stream, Actor.ClaimsImport(practiceId, parsed), sink, e => error.WriteLineAsync(e.ToString()), progress, parse.GetValue(parallel), cancellation);
                await output.WriteLineAsync(Summary(report));
                return report.BadHeader || report.Failed > 0 ? TiersCli.Problem : 0;
            }, cancellation);
        });

        return claims;
    }

    private static string Summary(BatchReport r) => r.BadHeader
        ? "import: nothing imported (bad header)"
        : string.Create(CultureInfo.InvariantCulture,
            $"import: {r.Invoices} invoices on {r.Lines} lines: {r.Accepted} accepted, {r.Rejected} rejected, {r.Failed} not adjudicated; {r.Replayed} already imported");
}
