using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Audit;
using TiersPayant.Data.Protection;
using TiersPayant.Security.Guard;

namespace TiersPayant.Security.Audit;

/// <summary>
/// The breaches the DPO recorded (the 72 hours of GDPR article 33 run from then) and what their
/// notifications are drafted from: the scope, the insurers, and — through the named door
/// <see cref="Door"/>, each person read recorded in the disclosure log — the names and membership
/// numbers the letters of article 34 are addressed with.
/// </summary>
public sealed class BreachRegister
{
    /// <summary>The door's name, recorded as the role of its disclosures.</summary>
    public const string Door = "breach-notification";

    /// <summary>The delay of GDPR article 33(1).</summary>
    public static readonly TimeSpan NotificationDelay = TimeSpan.FromHours(72);

    private readonly TiersPayantDbContext _db;
    private readonly BreachScope _scope;
    private readonly BeneficiaryProtector _protector;
    private readonly DisclosureLog _log;
    private readonly TimeProvider _time;

    internal BreachRegister(TiersPayantDbContext db, BreachScope scope, BeneficiaryProtector protector, DisclosureLog log, TimeProvider time) =>
        (_db, _scope, _protector, _log, _time) = (db, scope, protector, log, time);

    /// <summary>Records a breach with the criteria of its scope; returns it.</summary>
    public async Task<Breach> RecordAsync(ScopeQuery query, string nature, string measures, string contact, string recordedBy, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(query);
        var record = new BreachRecord
        {
            Id = Guid.CreateVersion7(), RecordedAt = _time.GetUtcNow().UtcDateTime, RecordedBy = recordedBy,
            Nature = nature.Trim(), Measures = measures.Trim(), Contact = contact.Trim(),
            Criteria = JsonSerializer.Serialize(new Criteria(query.Accounts, query.Clients, query.Practices, query.Addresses, query.From, query.To)),
        };
        _db.Breaches.Add(record);
        await _db.SaveChangesAsync(cancellation);
        return Of(record);
    }

    /// <summary>Recorded breaches, newest first.</summary>
    public async Task<IReadOnlyList<Breach>> ListAsync(CancellationToken cancellation) =>
        [.. (await _db.Breaches.AsNoTracking().ToListAsync(cancellation)).OrderByDescending(b => b.RecordedAt).Select(Of)];

    /// <summary>One breach, or null.</summary>
    public async Task<Breach?> FindAsync(Guid id, CancellationToken cancellation) =>
        await _db.Breaches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellation) is { } record ? Of(record) : null;

    /// <summary>
    /// What the notifications of <paramref name="breach"/> are drafted from: its scope, the
    /// insurers' names, and each person's name and membership number for the letters, read
    /// through this door and recorded in the disclosure log (purpose <c>breach-notice</c>).
    /// </summary>
    public async Task<BreachFacts> FactsAsync(Breach breach, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(breach);
        var scope = await _scope.ComputeAsync(breach.Query, cancellation);
        var insurers = await _db.Insurers.AsNoTracking().ToDictionaryAsync(i => i.Amc, i => i.Name, cancellation);
        var letters = new List<BreachLetter>(scope.Exposed.Count);
        var door = Reader.Door(Door);
        foreach (var chunk in scope.Exposed.Chunk(500))
        {
            var ids = chunk.Select(e => e.BeneficiaryId).ToList();
            var rows = await _db.Beneficiaries.AsNoTracking().Where(b => ids.Contains(b.Id)).ToListAsync(cancellation);
            var people = rows.Select(_protector.Reveal).ToDictionary(b => b.Id.Value);
            // Recorded before the names leave the door.
            await _log.RecordAllAsync(
                [.. chunk.Where(e => people.ContainsKey(e.BeneficiaryId)).Select(e => _log.Entry(door, e.BeneficiaryId, e.Insurer,
                    [DisclosedFields.LastName, DisclosedFields.FirstName, DisclosedFields.MemberNumber], "breach-notice", breach.Id.ToString("N")[..20]))],
                cancellation);
            foreach (var exposed in chunk)
            {
                if (people.TryGetValue(exposed.BeneficiaryId, out var person))
                {
                    letters.Add(new BreachLetter(exposed, insurers.GetValueOrDefault(exposed.Insurer, exposed.Insurer),
                        person.Name.LastName, person.Name.FirstName, person.MembershipNumber));
                }
            }
        }

        return new BreachFacts(breach, scope, insurers, letters);
    }

    private static Breach Of(BreachRecord record)
    {
        var criteria = JsonSerializer.Deserialize<Criteria>(record.Criteria)!;
        var recorded = new DateTimeOffset(DateTime.SpecifyKind(record.RecordedAt, DateTimeKind.Utc));
        return new Breach(record.Id, recorded, recorded + NotificationDelay, record.RecordedBy, record.Nature, record.Measures, record.Contact,
            new ScopeQuery(criteria.Accounts, criteria.Clients, criteria.Practices, criteria.Addresses, criteria.From, criteria.To));
    }

    private sealed record Criteria(
        IReadOnlyList<Guid> Accounts, IReadOnlyList<string> Clients, IReadOnlyList<Guid> Practices, IReadOnlyList<string> Addresses, DateTimeOffset From, DateTimeOffset To);
}

/// <summary>A recorded breach: when, the deadline of article 33 (72 hours later), by whom, what, and its scope's criteria.</summary>
public sealed record Breach(Guid Id, DateTimeOffset RecordedAt, DateTimeOffset NotifyBy, string RecordedBy, string Nature, string Measures, string Contact, ScopeQuery Query);

/// <summary>What the drafts are made from.</summary>
public sealed record BreachFacts(Breach Breach, ScopeResult Scope, IReadOnlyDictionary<string, string> InsurerNames, IReadOnlyList<BreachLetter> Letters);

/// <summary>One person's letter: what was exposed, and the name and membership number it is addressed with.</summary>
public sealed record BreachLetter(ExposedPerson Exposure, string InsurerName, string LastName, string FirstName, string MembershipNumber);
