using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Audit;
using TiersPayant.Security.Guard;

namespace TiersPayant.Security.Audit;

/// <summary>
/// Who was exposed, exactly: from the disclosure log, every record in a time window that went to
/// the given accounts, API clients, practices or source addresses (any of them; all records of
/// the window when none is given), grouped by person: the fields, the first and last time, through
/// which accounts or clients; and counts of distinct people per insurer and per field. Each
/// criterion is one indexed query; records are counted once however many criteria they meet. It
/// reads only the log: no name, NIR or card number comes out, only the platform's identifiers.
/// </summary>
public sealed class BreachScope
{
    private readonly TiersPayantDbContext _db;

    internal BreachScope(TiersPayantDbContext db) => _db = db;

    /// <summary>Every field a disclosure can carry, as <see cref="ScopeResult.ByField"/> lists them (zero included).</summary>
    public static IReadOnlyList<string> Fields { get; } =
        [DisclosedFields.LastName, DisclosedFields.FirstName, DisclosedFields.BirthDate, DisclosedFields.MemberNumber, DisclosedFields.Nir, DisclosedFields.Rights, DisclosedFields.Care];

    /// <summary>The scope of <paramref name="query"/>.</summary>
    public async Task<ScopeResult> ComputeAsync(ScopeQuery query, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (from, to) = (query.From.UtcDateTime, query.To.UtcDateTime);
        var window = _db.Disclosures.AsNoTracking().Where(d => d.OccurredAt >= from && d.OccurredAt < to);
        var criteria = new List<IQueryable<DisclosureRecord>>();
        if (query.Accounts.Count > 0)
        {
            var accounts = query.Accounts.ToList();
            criteria.Add(window.Where(d => d.AccountId != null && accounts.Contains(d.AccountId.Value)));
        }

        if (query.Clients.Count > 0)
        {
            var clients = query.Clients.ToList();
            criteria.Add(window.Where(d => d.ClientId != null && clients.Contains(d.ClientId)));
        }

        if (query.Practices.Count > 0)
        {
            var practices = query.Practices.ToList();
            criteria.Add(window.Where(d => d.PracticeId != null && practices.Contains(d.PracticeId.Value)));
        }

        if (query.Addresses.Count > 0)
        {
            var addresses = query.Addresses.ToList();
            criteria.Add(window.Where(d => addresses.Contains(d.SourceAddress)));
        }

        if (criteria.Count == 0)
        {
            criteria.Add(window);
        }

        var seen = new HashSet<Guid>();
        var people = new Dictionary<Guid, Exposure>();
        var accountIds = new HashSet<Guid>();
        foreach (var criterion in criteria)
        {
            var rows = criterion.Select(d => new { d.Id, d.BeneficiaryId, d.InsurerAmc, d.Fields, d.OccurredAt, d.ActorKind, d.AccountId, d.ClientId, d.Role });
            await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellation))
            {
                if (!seen.Add(row.Id))
                {
                    continue;
                }

                if (!people.TryGetValue(row.BeneficiaryId, out var exposure))
                {
                    people[row.BeneficiaryId] = exposure = new Exposure(row.InsurerAmc, row.OccurredAt);
                }

                exposure.Add(row.Fields, row.OccurredAt, row.ActorKind switch
                {
                    ActorKinds.Client => "client:" + row.ClientId,
                    ActorKinds.System => "door:" + row.Role,
                    _ => "account:" + row.AccountId,
                });
                if (row.AccountId is { } account)
                {
                    accountIds.Add(account);
                }
            }
        }

        var logins = await _db.Users.AsNoTracking().Where(u => accountIds.Contains(u.Id)).Select(u => new { u.Id, u.UserName }).ToDictionaryAsync(u => "account:" + u.Id, u => u.UserName ?? u.Id.ToString(), cancellation);
        string Name(string via) => logins.TryGetValue(via, out var login) ? login : via.StartsWith("client:", StringComparison.Ordinal) ? via["client:".Length..] : via;

        var exposed = people.OrderBy(p => p.Value.First).ThenBy(p => p.Key)
            .Select(p => new ExposedPerson(p.Key, p.Value.Insurer, [.. Fields.Where(p.Value.Fields.Contains)],
                Utc(p.Value.First), Utc(p.Value.Last), [.. p.Value.Via.Select(Name).Order(StringComparer.Ordinal)]))
            .ToList();
        var byField = Fields.ToDictionary(f => f, f => exposed.Count(e => e.Fields.Contains(f)), StringComparer.Ordinal);
        var byInsurer = exposed.GroupBy(e => e.Insurer, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new ScopeResult(query, exposed.Count, seen.Count, byField, byInsurer, exposed);
    }

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    private sealed class Exposure(string insurer, DateTime at)
    {
        public string Insurer { get; } = insurer;

        public DateTime First { get; private set; } = at;

        public DateTime Last { get; private set; } = at;

        public HashSet<string> Fields { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Via { get; } = new(StringComparer.Ordinal);

        public void Add(string fields, DateTime at, string via)
        {
            foreach (var field in fields.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                Fields.Add(field);
            }

            (First, Last) = (at < First ? at : First, at > Last ? at : Last);
            Via.Add(via);
        }
    }
}

/// <summary>What to scope: records to these accounts, clients, practices or source addresses (any), in [<paramref name="From"/>, <paramref name="To"/>).</summary>
public sealed record ScopeQuery(
    IReadOnlyList<Guid> Accounts, IReadOnlyList<string> Clients, IReadOnlyList<Guid> Practices, IReadOnlyList<string> Addresses, DateTimeOffset From, DateTimeOffset To);

/// <summary>The scope: distinct people, records, people per field and per insurer, and each person exposed.</summary>
public sealed record ScopeResult(
    ScopeQuery Query, int People, int Disclosures, IReadOnlyDictionary<string, int> ByField, IReadOnlyDictionary<string, int> ByInsurer, IReadOnlyList<ExposedPerson> Exposed);

/// <summary>One person exposed: which fields, first and last time, through which logins or client ids.</summary>
public sealed record ExposedPerson(Guid BeneficiaryId, string Insurer, IReadOnlyList<string> Fields, DateTimeOffset First, DateTimeOffset Last, IReadOnlyList<string> Via);
