using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Security.Audit;

namespace TiersPayant.Cli;

/// <summary>
/// <c>tiers breach scope</c>: who was exposed through given accounts, clients, practices or source
/// addresses in a time window, exactly, from the disclosure log (CONTRACT.md's shape with
/// <c>--json</c>).
/// </summary>
internal static class BreachCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(TextWriter output, TextWriter error) =>
        new("breach", "Breach response: who was exposed, exactly, from the disclosure log.") { Scope(output, error) };

    private static Command Scope(TextWriter output, TextWriter error)
    {
        var data = CommonOptions.Data();
        var accounts = new Option<string[]>("--account") { Description = "A portal or staff login whose disclosures count (repeat for several).", AllowMultipleArgumentsPerToken = true };
        var clients = new Option<string[]>("--client") { Description = "An API client id whose disclosures count (repeat for several).", AllowMultipleArgumentsPerToken = true };
        var practices = new Option<string[]>("--practice") { Description = "A practice identifier whose disclosures count, through any account or client (repeat for several).", AllowMultipleArgumentsPerToken = true };
        var addresses = new Option<string[]>("--address") { Description = "A source IP address whose disclosures count (repeat for several).", AllowMultipleArgumentsPerToken = true };
        var from = new Option<DateTimeOffset>("--from") { Description = "Start of the window, ISO 8601 (e.g. 2024-02-01T00:00:00Z), included.", Required = true };
        var to = new Option<DateTimeOffset>("--to") { Description = "End of the window, ISO 8601, excluded.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the scope as JSON (accounts, from, to, people, disclosures, byField, byInsurer, exposed)." };
        practices.Validators.Add(r =>
        {
            foreach (var value in r.GetValueOrDefault<string[]>() ?? [])
            {
                if (!Guid.TryParse(value, out _))
                {
                    r.AddError($"--practice: '{value}' is not a practice identifier (32 hexadecimal digits).");
                }
            }
        });
        var command = new Command("scope", "Who was exposed through those accounts, clients, practices or addresses (any of them; everyone disclosed in the window when none is given) between --from and --to: the exact set of persons, which fields, first and last time, through which logins or clients; counts per insurer and per field. Prints no name, NIR or card number: persons are the platform's identifiers.")
        {
            data, accounts, clients, practices, addresses, from, to, json,
        };
        command.Validators.Add(r =>
        {
            if (r.GetResult(from) is not null && r.GetResult(to) is not null && r.GetValue(from) >= r.GetValue(to))
            {
                r.AddError("--to must be after --from.");
            }
        });
        command.SetAction(async (parse, cancellation) => await CliHost.RunAsync(parse.GetValue(data)!, async services =>
        {
            var logins = parse.GetValue(accounts) ?? [];
            var db = services.GetRequiredService<TiersPayantDbContext>();
            var found = await db.Users.AsNoTracking().Where(u => logins.Contains(u.UserName!)).Select(u => new { u.Id, u.UserName }).ToListAsync(cancellation);
            if (logins.FirstOrDefault(l => found.All(f => !string.Equals(f.UserName, l, StringComparison.Ordinal))) is { } unknown)
            {
                await error.WriteLineAsync($"--account: no account has login '{unknown}'.");
                return TiersCli.BadUsage;
            }

            var query = new ScopeQuery([.. found.Select(f => f.Id)], parse.GetValue(clients) ?? [], [.. (parse.GetValue(practices) ?? []).Select(Guid.Parse)],
                parse.GetValue(addresses) ?? [], parse.GetValue(from), parse.GetValue(to));
            var scope = await services.GetRequiredService<BreachScope>().ComputeAsync(query, cancellation);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(ScopeDocument.Of(scope, logins), Json));
                return 0;
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"people: {scope.People}"));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"disclosures: {scope.Disclosures}"));
            await output.WriteLineAsync("by field: " + string.Join(", ", scope.ByField.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Key} {f.Value}"))));
            await output.WriteLineAsync("by insurer: " + string.Join(", ", scope.ByInsurer.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Key} {f.Value}"))));
            foreach (var person in scope.Exposed)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{person.BeneficiaryId} {person.Insurer} {string.Join(',', person.Fields)} {person.First:O} {person.Last:O} via {string.Join(',', person.Via)}"));
            }

            return 0;
        }, cancellation));
        return command;
    }
}

/// <summary>The JSON of a scope, as CONTRACT.md gives it.</summary>
internal sealed record ScopeDocument(
    IReadOnlyList<string> Accounts, IReadOnlyList<string> Clients, IReadOnlyList<string> Practices, IReadOnlyList<string> Addresses,
    DateTimeOffset From, DateTimeOffset To, int People, int Disclosures,
    IReadOnlyDictionary<string, int> ByField, IReadOnlyDictionary<string, int> ByInsurer, IReadOnlyList<ExposedPerson> Exposed)
{
    public static ScopeDocument Of(ScopeResult scope, IReadOnlyList<string> logins) => new(
        logins, scope.Query.Clients, [.. scope.Query.Practices.Select(p => p.ToString())], scope.Query.Addresses,
        scope.Query.From, scope.Query.To, scope.People, scope.Disclosures, scope.ByField, scope.ByInsurer, scope.Exposed);
}
