using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Accounts;
using TiersPayant.Domain.Practices;
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
            var target = parse.GetValue(insurer) is { } amc
                ? await InsurerAsync(services, parse.GetValue(surface)!, amc, error, cancellation)
                : await TargetAsync(services, parse.GetValue(surface)!, parse.GetValue(profession), parse.GetValue(practice), parse.GetValue(account), parse.GetValue(client), error, cancellation);
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

    private static async Task<SwitchTarget?> InsurerAsync(IServiceProvider services, string surface, string amc, TextWriter error, CancellationToken cancellation)
    {
        if (!Domain.AmcNumber.TryParse(amc.Trim(), out var number)
            || !await services.GetRequiredService<TiersPayantDbContext>().Insurers.AnyAsync(i => i.Amc == number.Value, cancellation))
        {
            await error.WriteLineAsync("--insurer: no insurer has this AMC number.");
            return null;
        }

        return new SwitchTarget(surface, SwitchLevels.Insurer, number.Value);
    }

    private static async Task<SwitchTarget?> TargetAsync(
        IServiceProvider services, string surface, string? profession, Guid? practice, string? account, string? client, TextWriter error, CancellationToken cancellation)
    {
        if (profession is not null)
        {
            if (!Professions.TryParse(profession, out var parsed))
            {
                await error.WriteLineAsync("--profession: not a profession code (pharmacien, opticien, audioprothesiste, chirurgien-dentiste, medecin, laboratoire, auxiliaire, etablissement).");
                return null;
            }

            return new SwitchTarget(surface, SwitchLevels.Profession, parsed.Code());
        }

        if (practice is { } id)
        {
            if (!await services.GetRequiredService<TiersPayantDbContext>().Practices.AnyAsync(p => p.Id == id, cancellation))
            {
                await error.WriteLineAsync("--practice: no practice has this identifier.");
                return null;
            }

            return new SwitchTarget(surface, SwitchLevels.Practice, id.ToString("N"));
        }

        if (account is not null)
        {
            if (await services.GetRequiredService<UserManager<AccountRecord>>().FindByNameAsync(account) is not { } found)
            {
                await error.WriteLineAsync("--account: no account has this login.");
                return null;
            }

            return new SwitchTarget(surface, SwitchLevels.Account, found.Id.ToString("N"));
        }

        return client is not null
            ? new SwitchTarget(surface, SwitchLevels.Client, client.Trim())
            : new SwitchTarget(surface, SwitchLevels.Everyone, string.Empty);
    }
}
