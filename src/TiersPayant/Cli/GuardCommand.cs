using System.CommandLine;
using System.Globalization;
using TiersPayant.Security.Guard;

namespace TiersPayant.Cli;

/// <summary>
/// <c>tiers guard learn</c>: learns the detector's baselines again now (every server does it each
/// hour), from the last weeks of reserved counts; prints how many scopes were learned.
/// </summary>
internal static class GuardCommand
{
    public static Command Create(TextWriter output) =>
        new("guard", "The access guard's detector.")
        {
            Learn(output),
        };

    private static Command Learn(TextWriter output)
    {
        var data = CommonOptions.Data();
        var command = new Command("learn", "Learns again what is usual for every account, API client, practice and profession (a running server does it every hour).") { data };
        command.SetAction(async (parse, cancellation) => await CliHost.RunAsync(parse.GetValue(data)!, async services =>
        {
            var learned = await services.GetRequiredService<GuardBaselines>().LearnAsync(cancellation);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"learned: {learned} baselines"));
            return 0;
        }, cancellation));
        return command;
    }
}
