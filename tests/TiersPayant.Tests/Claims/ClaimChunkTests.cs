using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Agreements;
using TiersPayant.Claims;
using TiersPayant.Data.Configuration;
using TiersPayant.Domain.Practices;
using TiersPayant.Eligibility;
using TiersPayant.Security.Guard;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.Claims.ImportClaimsTests;

namespace TiersPayant.Tests.Claims;

/// <summary>
/// A batch decides a chunk of invoices together (one read of the keys and people, one guard
/// reservation, one group of disclosure records, one transaction), and must answer exactly as the
/// same invoices submitted one after the other: each file below goes through
/// <see cref="ClaimSubmissions.SubmitBatchAsync"/> on one database and through
/// <see cref="ClaimSubmissions.SubmitAsync"/>, invoice by invoice, on another seeded alike, and
/// the answers, the claims, the guard's counts, its refusals and the disclosure log must agree.
/// </summary>
public sealed partial class ClaimChunkTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    // The family C100 of ImportClaimsTests: Jean-Noël and Aïssatou, and the twins Léa-Marie (rank 1) and Zoé (rank 2), born the same day.
    private static (string Key, ClaimBody Body) Invoice(string key, string first, string birth, string code, int quantity = 1, string? last = null) => (key, new ClaimBody(
        null, new EligibilityCard(Insurer, "C100"), new EligibilityPerson(last ?? "Lefèvre", first, birth, null), "pharmacie", Today,
        [new AgreementLineBody(code, quantity, 218, null, null)], new PrescriptionBody(Today, "10000123454", null)));

    public static TheoryData<DatabaseProvider> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_chunk_with_repeats_replays_and_errors_answers_as_one_by_one(DatabaseProvider provider)
    {
        (string, ClaimBody)[] file =
        [
            Invoice("INV-1", "Jean-Noël", "1980-04-12", Doliprane),
            Invoice("INV-2", "Jean-Noël", "1980-04-12", Doliprane),        // the same code the same day: a duplicate of INV-1
            Invoice("INV-3", "Zoé", "2019-06-01", Clamoxyl),               // a twin, told apart by her name
            Invoice("INV-4", "Léa-Marie", "2019-06-01", Doliprane),
            Invoice("INV-1", "Jean-Noël", "1980-04-12", Doliprane),        // INV-1 again: the earlier claim's answer
            Invoice("INV-3", "Zoé", "2019-06-01", Doliprane),              // INV-3 with other lines: a conflict
            Invoice("INV-5", "Aïssatou", "1982-09-30", Clamoxyl, quantity: 0), // a field in error
            Invoice("INV-6", "Aïssatou", "1982-09-30", Clamoxyl),
            Invoice("INV-7", "Zoé", "2019-06-01", Clamoxyl),               // Zoé's Clamoxyl again, after a new run began
            Invoice("INV-8", "Personne", "1980-04-12", Doliprane),         // nobody: a miss, counted against the door
            Invoice("INV-9", "Aïssatou", "1982-09-30", Doliprane),         // after a miss: card by card
        ];

        var (chunked, oneByOne) = await BothWaysAsync(provider, file, []);

        Assert.Equal(oneByOne.Answers, chunked.Answers);
        Assert.Equal(
            ["accepted", "rejected", "accepted", "accepted", "accepted replayed", "conflict", "invalid lines[0].quantity", "accepted", "rejected", "rejected", "accepted"],
            chunked.Answers.Select(Kind));
        Assert.Contains(" no-match ", chunked.Answers[9], StringComparison.Ordinal);
        Assert.Equal(oneByOne.Stored, chunked.Stored);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_chunk_that_reaches_the_batch_cap_answers_as_one_by_one(DatabaseProvider provider)
    {
        (string, ClaimBody)[] file =
        [
            Invoice("CAP-1", "Jean-Noël", "1980-04-12", Doliprane),
            Invoice("CAP-2", "Aïssatou", "1982-09-30", Doliprane),
            Invoice("CAP-3", "Zoé", "2019-06-01", Doliprane),              // the third person of the hour: past the cap of two
            Invoice("CAP-4", "Jean-Noël", "1980-04-12", Clamoxyl),         // someone already reached: no one new
            Invoice("CAP-5", "Léa-Marie", "2019-06-01", Doliprane),        // past the cap too
        ];

        var (chunked, oneByOne) = await BothWaysAsync(provider, file, new() { ["Guard:BatchCaps:pharmacien:PerHour"] = "2", ["Guard:BatchCaps:pharmacien:PerDay"] = "50" });

        Assert.Equal(oneByOne.Answers, chunked.Answers);
        Assert.Equal(["accepted", "accepted", "refused", "accepted", "refused"], chunked.Answers.Select(Kind));
        Assert.Contains("hourly-cap", chunked.Answers[2], StringComparison.Ordinal);
        Assert.Equal(oneByOne.Stored, chunked.Stored);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_chunk_that_only_reaches_known_people_takes_no_reservation_and_still_records_each_read(DatabaseProvider provider)
    {
        (string, ClaimBody)[] first = [Invoice("K-1", "Jean-Noël", "1980-04-12", Doliprane), Invoice("K-2", "Aïssatou", "1982-09-30", Doliprane)];
        (string, ClaimBody)[] again = [Invoice("K-3", "Aïssatou", "1982-09-30", Clamoxyl), Invoice("K-4", "Jean-Noël", "1980-04-12", Clamoxyl)];
        var (database, pharmacy) = await SeededAsync(provider);
        await using var _ = database;
        await using var factory = new PlatformFactory(database, demoBeneficiaries: 0);

        await SubmitAsync(factory, pharmacy, first, chunked: true);
        await using (var db = database.OpenContext())
        {
            Assert.Equal(4, await db.GuardReach.CountAsync(Cancellation)); // two people, in the door's scope and the practice's batch budget
        }

        var answers = await SubmitAsync(factory, pharmacy, again, chunked: true);

        Assert.All(answers, a => Assert.StartsWith("accepted", a, StringComparison.Ordinal));
        await using var after = database.OpenContext();
        Assert.Equal(4, await after.GuardReach.CountAsync(Cancellation));
        var reads = await after.Disclosures.AsNoTracking().Where(d => d.Purpose == "claim").ToListAsync(Cancellation);
        Assert.Equal(4, reads.Count);
        Assert.Equal(await after.Claims.Select(c => c.Number).OrderBy(n => n).ToListAsync(Cancellation), reads.Select(r => r.Reference).Order());
    }

    [Fact]
    public async Task The_batch_door_serves_the_batch_channel_only()
    {
        var (database, pharmacy) = await SeededAsync(DatabaseProvider.Sqlite);
        await using var _ = database;
        await using var factory = new PlatformFactory(database, demoBeneficiaries: 0);
        await using var scope = factory.Services.CreateAsyncScope();
        var api = Actor.ClaimsImport(Guid.Parse(pharmacy), Profession.Pharmacien) with { Channel = Channels.Api };

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            scope.ServiceProvider.GetRequiredService<GuardedBeneficiaries>().MatchBatchAsync(api, [], Cancellation));
    }

    // What an answer is: accepted, rejected, refused, conflict or invalid (with its fields), and whether replayed.
    private static string Kind(string answer)
    {
        var words = answer.Split(' ');
        return words[0] == "invalid" ? string.Join(' ', words[..2]) : words[0] + (answer.EndsWith(" replayed", StringComparison.Ordinal) ? " replayed" : "");
    }

    private sealed record Run(List<string> Answers, List<string> Stored);

    private static Task<(Run Chunked, Run OneByOne)> BothWaysAsync(DatabaseProvider provider, (string Key, ClaimBody Body)[] file, Dictionary<string, string?> settings) =>
        BothWaysAsync(provider, settings, (_, pharmacy) => Task.FromResult((Actor.ClaimsImport(Guid.Parse(pharmacy), Profession.Pharmacien), file)));

    /// <summary>
    /// Seeds two databases alike, lets <paramref name="prepare"/> set each up (it gets the platform and
    /// the demo pharmacy, and gives the door's actor and the file), and submits the file by chunk on
    /// one and invoice by invoice on the other.
    /// </summary>
    private static async Task<(Run Chunked, Run OneByOne)> BothWaysAsync(
        DatabaseProvider provider, Dictionary<string, string?> settings, Func<PlatformFactory, string, Task<(Actor Actor, (string Key, ClaimBody Body)[] File)>> prepare) =>
        (await RunAsync(provider, settings, chunked: true, prepare), await RunAsync(provider, settings, chunked: false, prepare));

    private static async Task<Run> RunAsync(
        DatabaseProvider provider, Dictionary<string, string?> settings, bool chunked, Func<PlatformFactory, string, Task<(Actor Actor, (string Key, ClaimBody Body)[] File)>> prepare)
    {
        var (database, pharmacy) = await SeededAsync(provider);
        await using var _ = database;
        foreach (var (key, value) in settings)
        {
            database.Settings[key] = value;
        }

        await using var factory = new PlatformFactory(database, demoBeneficiaries: 0);
        var (actor, file) = await prepare(factory, pharmacy);
        var answers = await SubmitAsync(factory, actor, file, chunked);

        // What was stored, without what differs by nature from one database to the other (identifiers, times).
        await using var db = database.OpenContext();
        var claims = await db.Claims.AsNoTracking().OrderBy(c => c.IdempotencyKey).ToListAsync(Cancellation);
        var numbers = claims.ToDictionary(c => c.Number, c => c.IdempotencyKey);
        var people = claims.Where(c => c.BeneficiaryId is not null).Select(c => c.BeneficiaryId!.Value).Distinct().ToList();
        var reach = await db.GuardReach.AsNoTracking().ToListAsync(Cancellation);
        var reads = await db.Disclosures.AsNoTracking().Where(d => d.Purpose == "claim").ToListAsync(Cancellation);
        List<string> stored =
        [
            .. claims.Select(c => $"claim {c.IdempotencyKey} {c.Status} {c.TotalCents}/{c.AmoCents}/{c.AmcCents}/{c.PatientCents} {c.Reasons} {c.BeneficiaryId is not null} {c.Channel}"),
            .. reach.GroupBy(r => r.Scope.Split(':')[0]).OrderBy(g => g.Key).Select(g => $"reached {g.Key} {g.Count()}"),
            $"misses {await db.MatchFailures.CountAsync(Cancellation)}",
            .. (await db.GuardEvents.AsNoTracking().ToListAsync(Cancellation)).Select(e => $"guard {e.Decision} {e.Reason} {e.Channel}").Order(),
            .. reads.Select(r => $"read {numbers.GetValueOrDefault(r.Reference, "?")} {r.Fields} {r.Channel} {r.ActorKind}").Order(),
            $"people {people.Count}",
            $"ledger {await db.JournalEntries.CountAsync(Cancellation)}",
        ];
        return new Run(answers, stored);
    }

    private static Task<List<string>> SubmitAsync(PlatformFactory factory, string pharmacy, (string Key, ClaimBody Body)[] file, bool chunked) =>
        SubmitAsync(factory, Actor.ClaimsImport(Guid.Parse(pharmacy), Profession.Pharmacien), file, chunked);

    private static async Task<List<string>> SubmitAsync(PlatformFactory factory, Actor actor, (string Key, ClaimBody Body)[] file, bool chunked)
    {
        var invoices = file.Select(f => (f.Key, JsonSerializer.SerializeToUtf8Bytes(f.Body), f.Body)).ToList();
        var outcomes = new List<ClaimOutcome>();
        if (chunked)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            outcomes.AddRange(await scope.ServiceProvider.GetRequiredService<ClaimSubmissions>().SubmitBatchAsync(actor, invoices, Cancellation));
        }
        else
        {
            foreach (var (key, raw, body) in invoices)
            {
                await using var scope = factory.Services.CreateAsyncScope();
                outcomes.Add(await scope.ServiceProvider.GetRequiredService<ClaimSubmissions>().SubmitAsync(actor, key, raw, body, Cancellation));
            }
        }

        return [.. outcomes.Select(Describe)];
    }

    private static string Describe(ClaimOutcome o) => o switch
    {
        { Errors: { } errors } => "invalid " + string.Join(',', errors.Keys.Order()) + " " + string.Join(',', o.Codes.SelectMany(c => c.Value).Order()),
        { Refusal: { } refusal } => $"refused {refusal.Outcome} {refusal.Reason}",
        { ConflictReason: { } reason } => "conflict " + reason,
        { Answer: { } a } => $"{a.Status} {a.Amounts.TotalCents}/{a.Amounts.AmoCents}/{a.Amounts.AmcCents}/{a.Amounts.PatientCents} {string.Join(',', a.Reasons)} "
            + string.Join('|', a.Lines.Select(l => $"{l.Code}:{string.Join(',', l.Reasons)}")) + (o.Replayed ? " replayed" : ""),
        _ => "not found",
    };
}
