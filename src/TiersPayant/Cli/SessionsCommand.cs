using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using TiersPayant.Data.Accounts;
using TiersPayant.Security.Accounts;

namespace TiersPayant.Cli;

/// <summary><c>tiers sessions end --account LOGIN</c>: an administrator ends every session of an account.</summary>
internal static class SessionsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var data = CommonOptions.Data();
        var account = new Option<string>("--account") { Description = "Login of the account whose sessions end.", Required = true };
        var end = new Command("end", "Ends every open portal session of an account at once, on every node (the next request of each is refused).") { account, data };
        end.SetAction(async (parse, cancellation) => await CliHost.RunAsync(parse.GetValue(data)!, async services =>
        {
            var users = services.GetRequiredService<UserManager<AccountRecord>>();
            var login = parse.GetValue(account)!;
            if (await users.FindByNameAsync(login) is not { } found)
            {
                await error.WriteLineAsync("--account: no account has this login.");
                return TiersCli.BadUsage;
            }

            var ended = await services.GetRequiredService<PortalSessions>().EndAllAsync(found.Id, "ended-by-admin", cancellation);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"sessions: {ended} session(s) ended"));
            return 0;
        }, cancellation));
        return new Command("sessions", "Portal sessions.") { end };
    }
}
