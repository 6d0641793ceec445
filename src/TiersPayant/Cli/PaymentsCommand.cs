using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TiersPayant.Domain;
using TiersPayant.Payments;

namespace TiersPayant.Cli;

/// <summary><c>tiers payments run</c> and <c>tiers ledger check</c>: the money side.</summary>
internal static class PaymentsCommand
{
    public static Command Payments(TextWriter output, TextWriter error) =>
        new("payments", "Payments to professionals: SEPA credit-transfer files under DATA/payments/.") { Run(output, error) };

    public static Command Billing(TextWriter output, TextWriter error) =>
        new("billing", "Insurers' statements of what was paid on their behalf, collected by SEPA direct debit under their mandates.") { Bill(output, error) };

    public static Command Ledger(TextWriter output) =>
        new("ledger", "The double-entry ledger of invoices, payments and insurers' shares.") { Check(output) };

    private static Command Run(TextWriter output, TextWriter error)
    {
        var data = CommonOptions.Data();
        var command = new Command("run",
            "Pays every accepted, unpaid invoice: one SEPA credit-transfer file (pain.001.001.09) per run under DATA/payments/, one transfer per practice. "
            + "Safe to run again: a run stopped midway (even killed) is taken up where it stopped, no invoice is paid twice, and no half-written file is ever left where a bank would pick it up. "
            + "Refused while another run is under way (on any node). Practices without a valid IBAN are left out, with the reason, until the next run.") { data };
        command.SetAction(async (parse, cancellation) => await CliHost.RunAsync(parse.GetValue(data)!, async services =>
        {
            var runs = services.GetRequiredService<PaymentRuns>();
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
            RunOutcome? outcome = null;
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("payment run", maxValue: 1);
                    var reporter = new InlineProgress<RunProgress>(p =>
                    {
                        // One line per stage reached, for logs and for whoever watches a long run without a terminal.
                        if (p.Stage != task.Description)
                        {
                            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.Run}: {p.Stage}"));
                            output.Flush();
                        }

                        task.Description = p.Stage;
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                    });
                    outcome = await runs.RunAsync("cli", reporter, cancellation);
                    task.Value = task.MaxValue;
                    task.StopTask();
                });
            if (outcome!.Problem is { } problem)
            {
                await error.WriteLineAsync("tiers: " + problem);
                return TiersCli.Problem;
            }

            await output.WriteLineAsync(outcome.File is null
                ? string.Create(CultureInfo.InvariantCulture, $"{outcome.Run}: nothing to pay{(outcome.Resumed ? " (a stopped run, taken up)" : string.Empty)}")
                : string.Create(CultureInfo.InvariantCulture, $"{outcome.Run}: {outcome.Transfers} transfer(s), {new Money(outcome.TotalCents)}, file payments/{outcome.File}{(outcome.Resumed ? " (a stopped run, taken up)" : string.Empty)}"));
            foreach (var skipped in outcome.Skipped)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"left out: practice {skipped.PracticeId:D}: {skipped.Reason}"));
            }

            return 0;
        }, cancellation));
        return command;
    }

    private static Command Bill(TextWriter output, TextWriter error)
    {
        var data = CommonOptions.Data();
        var command = new Command("run",
            "Bills each insurer for every invoice paid on its behalf (in runs whose file was handed over) and every recovery, not yet billed: one statement per insurer; "
            + "those with a valid mandate are collected in one SEPA core direct-debit file (pain.008.001.02) under DATA/billing/, the others pay against their statement. "
            + "Safe to run again: an invoice is billed once; a run stopped before its file was written writes it on the next run.") { data };
        command.SetAction(async (parse, cancellation) => await CliHost.RunAsync(parse.GetValue(data)!, async services =>
        {
            var outcome = await services.GetRequiredService<InsurerBilling>().RunAsync(cancellation);
            if (outcome.Problem is { } problem)
            {
                await error.WriteLineAsync("tiers: " + problem);
                return TiersCli.Problem;
            }

            if (outcome.Run is null)
            {
                await output.WriteLineAsync("nothing to bill");
            }
            else
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{outcome.Run}: {outcome.Statements.Count} statement(s){(outcome.File is null ? string.Empty : ", file billing/" + outcome.File)}"));
                foreach (var s in outcome.Statements)
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{s.Insurer}: {s.Statement}, {s.Lines} invoice(s), {new Money(s.TotalCents)}, {s.Settlement}"));
                }
            }

            foreach (var note in outcome.Notes)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"note: insurer {note.Insurer}: {note.Reason}"));
            }

            return 0;
        }, cancellation));
        return command;
    }

    private static Command Check(TextWriter output)
    {
        var data = CommonOptions.Data();
        var command = new Command("check",
            "Proves the books: every journal entry balances; every invoice has its entries; each practice's account holds what its invoices make due; "
            + "accepted invoices' insurer shares equal paid plus payable; every payment line matches exactly one invoice of its practice. Exit 1 with the discrepancies.") { data };
        command.SetAction(async (parse, cancellation) => await CliHost.RunAsync(parse.GetValue(data)!, async services =>
        {
            var report = await services.GetRequiredService<LedgerCheck>().RunAsync(cancellation);
            foreach (var problem in report.Problems)
            {
                await output.WriteLineAsync("discrepancy: " + problem);
            }

            if (report.ProblemCount > report.Problems.Count)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"… and {report.ProblemCount - report.Problems.Count} more"));
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{(report.Balanced ? "balanced" : "not balanced")}: {report.Entries} journal entries, {report.Invoices} invoices, {report.Payments} payments; accepted insurer shares {new Money(report.AcceptedCents)} = paid {new Money(report.PaidCents)} + payable {new Money(report.PayableCents)}"));
            return report.Balanced ? 0 : TiersCli.Problem;
        }, cancellation));
        return command;
    }
}
