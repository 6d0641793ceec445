using System.CommandLine;

namespace TiersPayant.Cli;

/// <summary>The <c>tiers</c> command line: the server and the operators' verbs.</summary>
public static class TiersCli
{
    /// <summary>Exit code when the check or operation found a problem.</summary>
    public const int Problem = 1;

    /// <summary>Exit code on bad usage.</summary>
    public const int BadUsage = 2;

    /// <param name="args">The command line.</param>
    /// <param name="output">Standard output (the console by default).</param>
    /// <param name="error">Standard error (the console by default).</param>
    /// <param name="settings">Configuration that overrides environment and defaults (tests run verbs in-process with it).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        CliHost.Settings.Value = settings;
        var root = BuildRoot(output, error);
        var parsed = root.Parse(args);
        // Only `serve` passes unknown options on to ASP.NET Core (standard host arguments).
        var passesThrough = parsed.CommandResult.Command is RootCommand || parsed.CommandResult.Command.Name == "serve";
        var unmatched = passesThrough
            ? StrayWords(parsed.UnmatchedTokens).Select(t => $"Unknown verb or argument '{t}'.")
            : parsed.UnmatchedTokens.Select(t => $"Unrecognized argument '{t}'.");
        var problems = parsed.Errors.Select(e => e.Message).Concat(unmatched).ToList();
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync(problem);
            }

            // The usage, on standard error: nothing was started.
            await root.Parse(["--help"]).InvokeAsync(new InvocationConfiguration { Output = error, Error = error });
            return BadUsage;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("tiers: cancelled");
            return Problem;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or Microsoft.Extensions.Options.OptionsValidationException or System.Data.Common.DbException)
        {
            // Our messages never carry personal data; a stack trace helps no operator here.
            await error.WriteLineAsync($"tiers: {ex.Message}");
            return Problem;
        }
    }

    /// <summary>
    /// The tokens left over by the server's own options that are neither a host setting
    /// (<c>--Key=value</c>, <c>--key value</c>, <c>/key value</c>, <c>Key=value</c>) nor the value of
    /// one: an unknown verb such as <c>tiers portal close</c>, which must not start a second server.
    /// </summary>
    internal static IEnumerable<string> StrayWords(IReadOnlyList<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.StartsWith('-') || token.StartsWith('/'))
            {
                if (!token.Contains('=', StringComparison.Ordinal) && i + 1 < tokens.Count && !tokens[i + 1].StartsWith('-'))
                {
                    i++; // its value
                }

                continue;
            }

            if (!token.Contains('=', StringComparison.Ordinal))
            {
                yield return token;
            }
        }
    }

    internal static RootCommand BuildRoot(TextWriter output, TextWriter error)
    {
        var serve = ServeCommand.Create(output);
        var root = new RootCommand("TiersPayant: third-party payment for complementary health insurance. Without a verb, runs 'serve'.");
        foreach (var option in serve.Options)
        {
            root.Options.Add(option);
        }

        root.TreatUnmatchedTokensAsErrors = false;
        root.Action = serve.Action;
        root.Subcommands.Add(serve);
        root.Subcommands.Add(MigrateCommand.Create(output));
        root.Subcommands.Add(SeedCommand.Create(output, error));
        root.Subcommands.Add(ImportMembersCommand.Create(output, error));
        root.Subcommands.Add(SessionsCommand.Create(output, error));
        root.Subcommands.Add(PortalCommand.Create(output, error));
        root.Subcommands.Add(ClientsCommand.Create(output, error));
        root.Subcommands.Add(GuardCommand.Create(output));
        root.Subcommands.Add(AuditCommand.Create(output, error));
        root.Subcommands.Add(BreachCommand.Create(output, error));
        root.Subcommands.Add(KeysCommand.Create(output, error));
        root.Subcommands.Add(PaymentsCommand.Payments(output, error));
        root.Subcommands.Add(PaymentsCommand.Billing(output, error));
        root.Subcommands.Add(PaymentsCommand.Ledger(output));
        root.Subcommands.Add(ReferenceCommand.Create(output, error));
        root.Subcommands.Add(ProxyCommand.Create(output, error));
        return root;
    }
}
