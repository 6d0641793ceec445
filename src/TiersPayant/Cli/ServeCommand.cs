using System.CommandLine;
using TiersPayant.Hosting;

namespace TiersPayant.Cli;

/// <summary><c>tiers serve</c>: the web server (portal, API, FHIR, console).</summary>
internal static class ServeCommand
{
    public static Command Create(TextWriter output)
    {
        var data = CommonOptions.Data();
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on (default http://127.0.0.1:5080)." };
        var command = new Command("serve", "Runs the web server: portal, API, FHIR and console.") { data, urls };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellation) =>
        {
            var hostArgs = new List<string>(parse.UnmatchedTokens);
            if (parse.GetValue(urls) is { } u)
            {
                hostArgs.Add($"--urls={u}");
            }

            var app = TiersPayantHost.Build([.. hostArgs], parse.GetValue(data)!);
            await TiersPayantHost.RunAsync(app, output, cancellation);
            return 0;
        });
        return command;
    }
}
