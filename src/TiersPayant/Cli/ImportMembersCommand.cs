using System.CommandLine;
using System.Globalization;
using TiersPayant.Domain;
using TiersPayant.Members.Import;

namespace TiersPayant.Cli;

/// <summary><c>tiers import members FILE --insurer ID</c>: an insurer's bulk member file.</summary>
internal static class ImportMembersCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var data = CommonOptions.Data();
        var file = new Argument<FileInfo>("FILE") { Description = "The member file: CSV, UTF-8, ';' or ',' separated, with the documented header." };
        var insurer = new Option<string>("--insurer") { Description = "AMC number of the insurer the file belongs to.", Required = true };
        var allOrNothing = new Option<bool>("--all-or-nothing") { Description = "Keep no row at all if any row is rejected." };
        file.AcceptExistingOnly();
        insurer.Validators.Add(r => { if (!AmcNumber.TryParse(r.GetValueOrDefault<string>(), out _)) { r.AddError("--insurer must be an AMC number (1 to 10 digits)."); } });

        var members = new Command("members", "Imports members: columns membership_number, birth_rank, last_name, birth_name, first_name, birth_date, nir, relationship, contract, rights_from, rights_to. Rows are upserted by (membership number, birth date, birth rank); bad rows are printed as 'line N: field: reason'; exit 1 if any row was rejected.")
        {
            file, data, insurer, allOrNothing,
        };
        members.SetAction(async (parse, cancellation) =>
        {
            var amc = AmcNumber.Parse(parse.GetValue(insurer)!);
            return await CliHost.RunAsync(parse.GetValue(data)!, async services =>
            {
                await using var stream = parse.GetValue(file)!.OpenRead();
                ImportReport report;
                try
                {
                    report = await services.GetRequiredService<MemberImporter>().ImportAsync(stream, amc, parse.GetValue(allOrNothing), cancellation);
                }
                catch (UnknownInsurerException)
                {
                    await error.WriteLineAsync($"--insurer: no insurer has AMC number {amc}.");
                    return TiersCli.BadUsage;
                }

                foreach (var e in report.Errors)
                {
                    await error.WriteLineAsync(e.ToString());
                }

                await output.WriteLineAsync(Summary(report));
                return report.Errors.Count == 0 ? 0 : TiersCli.Problem;
            }, cancellation);
        });

        return new Command("import", "Imports bulk files.") { members, ImportClaimsCommand.Create(output, error) };
    }

    private static string Summary(ImportReport r) => r.Committed
        ? string.Create(CultureInfo.InvariantCulture, $"import: {r.Inserted} added, {r.Updated} updated, {r.Unchanged} unchanged, {r.RejectedLines} rejected")
        : string.Create(CultureInfo.InvariantCulture, $"import: nothing imported, {r.RejectedLines} row(s) rejected{(r.Errors.Any(e => e.Field == "header") ? " (bad header)" : " (--all-or-nothing)")}");
}
