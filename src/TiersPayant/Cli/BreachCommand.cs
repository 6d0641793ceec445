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
/// <c>--json</c>); <c>breach record</c> and <c>breach notify</c>: the breach and its GDPR drafts.
/// </summary>
internal static class BreachCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(TextWriter output, TextWriter error) =>
        new("breach", "Breach response: who was exposed, exactly, from the disclosure log, and the GDPR notifications drafted from it.")
        {
            Scope(output, error), Record(output, error), Notify(output, error),
        };

    private static Command Record(TextWriter output, TextWriter error)
    {
        var data = CommonOptions.Data();
        var criteria = new Criteria();
        var nature = new Option<string>("--nature") { Description = "What happened, in French, for the notifications (e.g. 'Identifiants d'un logiciel d'officine dérobés et utilisés pour consulter des droits').", Required = true };
        var measures = new Option<string>("--measures") { Description = "Measures taken and proposed, in French.", Required = true };
        var contact = new Option<string>("--contact") { Description = "The contact point: the DPO's name, address, e-mail, telephone.", Required = true };
        var by = new Option<string>("--by") { Description = "Who records it (default: the operator's user name)." };
        var command = new Command("record", "Records a breach with the criteria of its scope (same options as 'scope'): the 72 hours of GDPR article 33 run from now. Prints its id and the deadline.") { data, nature, measures, contact, by };
        criteria.AddTo(command);
        command.SetAction(async (parse, cancellation) => await CliHost.RunAsync(parse.GetValue(data)!, async services =>
        {
            if (await criteria.QueryAsync(parse, services, error, cancellation) is not { } query)
            {
                return TiersCli.BadUsage;
            }

            var breach = await services.GetRequiredService<BreachRegister>().RecordAsync(query, parse.GetValue(nature)!, parse.GetValue(measures)!, parse.GetValue(contact)!,
                parse.GetValue(by) ?? Environment.UserName, cancellation);
            await output.WriteLineAsync($"breach: {breach.Id}");
            await output.WriteLineAsync($"notify the supervisory authority by: {breach.NotifyBy:O} (72 hours, GDPR article 33)");
            return 0;
        }, cancellation));
        return command;
    }

    private static Command Notify(TextWriter output, TextWriter error)
    {
        var data = CommonOptions.Data();
        var breach = new Option<Guid>("--breach") { Description = "The breach, as 'breach record' printed it.", Required = true };
        var folder = new Option<DirectoryInfo>("--out") { Description = "Where to write the drafts.", Required = true };
        var command = new Command("notify", "Drafts, in French, from a recorded breach's scope: the notification to the supervisory authority (GDPR article 33(3)), each insurer's notice with its own members only (33(2)), and the letters to the persons concerned (article 34) as one CSV for mail merge and one PDF each. Reading the names for the letters is recorded in the disclosure log.") { data, breach, folder };
        command.SetAction(async (parse, cancellation) => await CliHost.RunAsync(parse.GetValue(data)!, async services =>
        {
            var register = services.GetRequiredService<BreachRegister>();
            if (await register.FindAsync(parse.GetValue(breach), cancellation) is not { } found)
            {
                await error.WriteLineAsync($"--breach: no breach has id {parse.GetValue(breach)}.");
                return TiersCli.BadUsage;
            }

            var facts = await register.FactsAsync(found, cancellation);
            var target = parse.GetValue(folder)!.FullName;
            var files = await Audit.NotificationDrafts.WriteAsync(facts, target, cancellation);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"drafts: {files} files in {target} ({facts.Scope.People} people, {facts.Scope.ByInsurer.Count} insurers)"));
            await output.WriteLineAsync($"notify the supervisory authority by: {found.NotifyBy:O}");
            return 0;
        }, cancellation));
        return command;
    }

    private static Command Scope(TextWriter output, TextWriter error)
    {
        var data = CommonOptions.Data();
        var criteria = new Criteria();
        var json = new Option<bool>("--json") { Description = "Print the scope as JSON (accounts, from, to, people, disclosures, byField, byInsurer, exposed)." };
        var command = new Command("scope", "Who was exposed through those accounts, clients, practices or addresses (any of them; everyone disclosed in the window when none is given) between --from and --to: the exact set of persons, which fields, first and last time, through which logins or clients; counts per insurer and per field. Prints no name, NIR or card number: persons are the platform's identifiers.")
        {
            data, json,
        };
        criteria.AddTo(command);
        command.SetAction(async (parse, cancellation) => await CliHost.RunAsync(parse.GetValue(data)!, async services =>
        {
            if (await criteria.QueryAsync(parse, services, error, cancellation) is not { } query)
            {
                return TiersCli.BadUsage;
            }

            var scope = await services.GetRequiredService<BreachScope>().ComputeAsync(query, cancellation);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(ScopeDocument.Of(scope, parse.GetValue(criteria.Accounts) ?? []), Json));
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

    /// <summary>The options that say whose disclosures, when: shared by scope and record.</summary>
    private sealed class Criteria
    {
        public Option<string[]> Accounts { get; } = new("--account") { Description = "A portal or staff login whose disclosures count (repeat for several).", AllowMultipleArgumentsPerToken = true };

        public Option<string[]> Clients { get; } = new("--client") { Description = "An API client id whose disclosures count (repeat for several).", AllowMultipleArgumentsPerToken = true };

        public Option<string[]> Practices { get; } = new("--practice") { Description = "A practice identifier whose disclosures count, through any account or client (repeat for several).", AllowMultipleArgumentsPerToken = true };

        public Option<string[]> Addresses { get; } = new("--address") { Description = "A source IP address whose disclosures count (repeat for several).", AllowMultipleArgumentsPerToken = true };

        public Option<DateTimeOffset> From { get; } = new("--from") { Description = "Start of the window, ISO 8601 (e.g. 2024-02-01T00:00:00Z), included.", Required = true };

        public Option<DateTimeOffset> To { get; } = new("--to") { Description = "End of the window, ISO 8601, excluded.", Required = true };

        public void AddTo(Command command)
        {
            Practices.Validators.Add(r =>
            {
                foreach (var value in r.GetValueOrDefault<string[]>() ?? [])
                {
                    if (!Guid.TryParse(value, out _))
                    {
                        r.AddError($"--practice: '{value}' is not a practice identifier (32 hexadecimal digits).");
                    }
                }
            });
            foreach (var option in new Option[] { Accounts, Clients, Practices, Addresses, From, To })
            {
                command.Options.Add(option);
            }

            command.Validators.Add(r =>
            {
                if (r.GetResult(From) is not null && r.GetResult(To) is not null && r.GetValue(From) >= r.GetValue(To))
                {
                    r.AddError("--to must be after --from.");
                }
            });
        }

        /// <summary>The query, logins resolved; null (with the message written) when a login is unknown.</summary>
        public async Task<ScopeQuery?> QueryAsync(ParseResult parse, IServiceProvider services, TextWriter error, CancellationToken cancellation)
        {
            var logins = parse.GetValue(Accounts) ?? [];
            var db = services.GetRequiredService<TiersPayantDbContext>();
            var found = await db.Users.AsNoTracking().Where(u => logins.Contains(u.UserName!)).Select(u => new { u.Id, u.UserName }).ToListAsync(cancellation);
            if (logins.FirstOrDefault(l => found.All(f => !string.Equals(f.UserName, l, StringComparison.Ordinal))) is { } unknown)
            {
                await error.WriteLineAsync($"--account: no account has login '{unknown}'.");
                return null;
            }

            return new ScopeQuery([.. found.Select(f => f.Id)], parse.GetValue(Clients) ?? [], [.. (parse.GetValue(Practices) ?? []).Select(Guid.Parse)],
                parse.GetValue(Addresses) ?? [], parse.GetValue(From), parse.GetValue(To));
        }
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
