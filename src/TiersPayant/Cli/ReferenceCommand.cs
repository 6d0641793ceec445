using System.CommandLine;
using System.Globalization;
using TiersPayant.Agreements;
using TiersPayant.Domain;
using TiersPayant.Domain.Agreements;

namespace TiersPayant.Cli;

/// <summary>
/// <c>tiers reference check FILE [--on YYYY-MM-DD]</c>: reads an operator's code file (the official
/// LPP, CCAM or drug list extracted as <see cref="ReferenceCodeFile"/>) as a node would load it
/// from <c>Reference:CodesFile</c>, and says what it would change, or every fault by line and column.
/// </summary>
internal static class ReferenceCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("file") { Description = "The code file: CSV, one row per code and period, columns " + string.Join(", ", ReferenceCodeFile.Columns) + "." };
        file.AcceptExistingOnly();
        var on = new Option<string?>("--on") { Description = "Show each code's figures on this care date (YYYY-MM-DD; today in Paris by default)." };
        var check = new Command("check", "Reads a code file as a node loads it from Reference:CodesFile: each code with its figures on a date and whether it replaces a shipped code or is new; "
            + "faults are printed as 'line N: column: reason'. Exit 0 when the file can be loaded, 1 when it has faults, 2 on bad usage.")
        {
            file, on,
        };
        check.SetAction(async (parse, cancellation) =>
        {
            var day = Web.Localization.ParisTime.Today(TimeProvider.System);
            if (parse.GetValue(on) is { } text && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                await error.WriteLineAsync("--on: a date written YYYY-MM-DD.");
                return TiersCli.BadUsage;
            }

            await using var stream = parse.GetValue(file)!.OpenRead();
            var (codes, errors) = ReferenceCodeFile.Read(stream);
            foreach (var fault in errors)
            {
                await error.WriteLineAsync(fault.ToString());
            }

            if (errors.Count > 0)
            {
                return 1;
            }

            var replaced = 0;
            foreach (var code in codes)
            {
                var shipped = ReferenceCodeTable.Default.Find(code.Code);
                replaced += shipped is null ? 0 : 1;
                var tariff = code.TariffOn(day);
                var figures = tariff is null ? $"not billable on {day:yyyy-MM-dd}"
                    : $"base {Euros(tariff.Base)}, {tariff.Rate} %" + (tariff.PriceLimit is { } limit ? $", limit {Euros(limit)}" : ", free price");
                var kind = code.Class is { } c ? $"{code.Kind.Code()} class {c.Code()}" : code.Kind.Code();
                var until = code.Validity.To is { } to ? to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "open";
                var replaces = shipped is null ? string.Empty : shipped.Listing.Value.Example ? " (replaces the shipped example)" : " (replaces the shipped code)";
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{code.Code} {code.Domain.Code()} {kind} {code.Validity.From:yyyy-MM-dd}–{until}: {figures}{replaces}"));
            }

            await output.WriteLineAsync($"{codes.Count} codes: {replaced} replace shipped codes, {codes.Count - replaced} added. Set {ReferenceCodesSetup.FileKey} to this file and restart the nodes to use them.");
            return 0;
        });
        return new Command("reference", "The product and act codes: check an operator's code file before the nodes load it.") { check };
    }

    private static string Euros(Money money) => (money.Cents / 100m).ToString("0.00", CultureInfo.InvariantCulture) + " €";
}
