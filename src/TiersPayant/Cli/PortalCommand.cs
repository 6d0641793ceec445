using System.CommandLine;
using TiersPayant.Security.Guard;

namespace TiersPayant.Cli;

/// <summary>
/// <c>tiers portal close|open [--profession P | --practice ID | --account LOGIN | --client ID | --insurer AMC] [--surface S] [--reason TEXT]</c>:
/// throws or opens a switch. Written to the database, so it holds on every node within a second,
/// with or without a running server; every change goes to the guard's event log with the reason.
/// </summary>
internal static class PortalCommand
{
    public static Command Create(TextWriter output, TextWriter error) =>
        new("portal", "Switches that close the portal (or, with --surface, the REST API or FHIR) for everyone, one profession, one practice, one account or one API client; the other surfaces keep working.")
        {
            Change("close", close: true, output, error),
            Change("open", close: false, output, error),
        };

    private static Command Change(string name, bool close, TextWriter output, TextWriter error)
    {
        var data = CommonOptions.Data();
        var profession = new Option<string?>("--profession") { Description = "Only this profession (pharmacien, opticien, audioprothesiste, chirurgien-dentiste…)." };
        var practice = new Option<Guid?>("--practice") { Description = "Only this practice (its identifier)." };
        var account = new Option<string?>("--account") { Description = "Only this portal account (its login)." };
        var client = new Option<string?>("--client") { Description = "Only this API client (its client identifier)." };
        var insurer = new Option<string?>("--insurer") { Description = "Not a caller but one insurer's data (its AMC number): no one's through the surface, whoever asks." };
        var surface = new Option<string>("--surface") { Description = "portal (the default), api or fhir.", DefaultValueFactory = _ => SwitchSurfaces.Portal };
        surface.AcceptOnlyFromAmong([.. SwitchSurfaces.All]);
        var reason = new Option<string>("--reason") { Description = "Why: kept in the security event log (give one: the log says \"(no reason given)\" otherwise)." };
        var command = new Command(name, close
            ? "Closes a surface: its requests answer 503 (the portal with a French explanation page)."
            : "Opens a surface closed by 'portal close' with the same options.")
        {
            profession, practice, account, client, insurer, surface, reason, data,
        };
        command.Validators.Add(result =>
        {
            var given = new[] { result.GetResult(profession), result.GetResult(practice), result.GetResult(account), result.GetResult(client), result.GetResult(insurer) }.Count(r => r is not null);
            if (given > 1)
            {
                result.AddError("Give at most one of --profession, --practice, --account, --client and --insurer.");
            }
        });
        command.SetAction(async (parse, cancellation) => await CliHost.RunAsync(parse.GetValue(data)!, async services =>
        {
            var (level, value) = parse.GetValue(profession) is { } p ? (SwitchLevels.Profession, p)
                : parse.GetValue(practice) is { } id ? (SwitchLevels.Practice, id.ToString("N"))
                : parse.GetValue(account) is { } login ? (SwitchLevels.Account, login)
                : parse.GetValue(client) is { } c ? (SwitchLevels.Client, c)
                : parse.GetValue(insurer) is { } amc ? (SwitchLevels.Insurer, amc)
                : (SwitchLevels.Everyone, string.Empty);
            var (target, wrong) = await Guard.SwitchTargets.ResolveAsync(services, parse.GetValue(surface), level, value, cancellation);
            if (wrong is not null)
            {
                await error.WriteLineAsync(Wrong.GetValueOrDefault(wrong, "--" + wrong + ": not understood."));
            }

            if (target is null)
            {
                return TiersCli.BadUsage;
            }

            var board = services.GetRequiredService<SwitchBoard>();
            var why = parse.GetValue(reason) ?? string.Empty;
            var changed = close
                ? await board.CloseAsync(target, SwitchChanger.Operator, why, cancellation)
                : await board.OpenAsync(target, SwitchChanger.Operator, why, cancellation);
            await output.WriteLineAsync($"{target}: {(close ? "closed" : "open")}{(changed ? string.Empty : " (already)")}");
            return 0;
        }, cancellation));
        return command;
    }

    private static readonly Dictionary<string, string> Wrong = new(StringComparer.Ordinal)
    {
        [SwitchLevels.Profession] = "--profession: not a profession code (pharmacien, opticien, audioprothesiste, chirurgien-dentiste, medecin, laboratoire, auxiliaire, etablissement).",
        [SwitchLevels.Practice] = "--practice: no practice has this identifier.",
        [SwitchLevels.Account] = "--account: no account has this login.",
        [SwitchLevels.Client] = "--client: give the client identifier.",
        [SwitchLevels.Insurer] = "--insurer: no insurer has this AMC number.",
    };
}
