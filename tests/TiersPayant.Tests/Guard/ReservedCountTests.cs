using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Data.Configuration;
using TiersPayant.Domain.Practices;
using TiersPayant.Security.Guard;
using TiersPayant.Tests.Eligibility;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.ApiClients.ApiClientKit;

namespace TiersPayant.Tests.Guard;

/// <summary>The guard's counts are reserved in its decision, per caller and per practice, and every throttle is kept.</summary>
public sealed class ReservedCountTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Requests_racing_for_the_last_place_under_the_cap_let_exactly_one_through(DatabaseProvider provider)
    {
        await using var kit = await EligibilityKit.StartAsync(provider, ("Guard:Caps:pharmacien:PerHour", "1"));
        var token = await kit.TokenAsync();
        var cards = kit.Cards().Take(6).ToList();

        var answers = await Task.WhenAll(cards.Select(card => kit.CheckAsync(token, EligibilityKit.Body(card))));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(cards.Count - 1, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
        await using var db = kit.Database.OpenContext();
        Assert.Equal(1, await db.Disclosures.Select(d => d.BeneficiaryId).Distinct().CountAsync(Cancellation));
        var events = await db.GuardEvents.Select(e => new { e.Decision, e.Reason, e.ActorKind, e.Channel }).ToListAsync(Cancellation);
        Assert.Equal(cards.Count - 1, events.Count);
        Assert.All(events, e => Assert.Equal(new { Decision = "throttle", Reason = "hourly-cap", ActorKind = ActorKinds.Client, Channel = Channels.Api }, e));
    }

    [Fact]
    public async Task A_practices_portal_account_and_its_software_share_one_budget_of_distinct_people()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite, ("Guard:Caps:pharmacien:PerHour", "2"));
        var practice = Guid.Parse(kit.Credentials.RootElement.GetProperty("practices").EnumerateArray()
            .First(p => p.GetProperty("profession").GetString() == "pharmacien").GetProperty("id").GetString()!);
        var account = new Actor(ActorKinds.Account, Guid.NewGuid(), null, practice, Profession.Pharmacien, Guid.NewGuid(), "192.0.2.10", Channels.Portal);
        var software = new Actor(ActorKinds.Client, null, "practice-software", practice, Profession.Pharmacien, null, "192.0.2.20", Channels.Api);
        var (first, second, third) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        async Task<GuardDecision> AdmitAsync(Actor actor, Guid person)
        {
            await using var scope = kit.Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AccessGuard>().AdmitAsync(actor, person, Cancellation);
        }

        Assert.Equal(GuardOutcome.Allow, (await AdmitAsync(account, first)).Outcome);
        Assert.Equal(GuardOutcome.Allow, (await AdmitAsync(software, second)).Outcome);
        var crossing = await AdmitAsync(account, third); // the account's second person, but the practice's third
        Assert.Equal((GuardOutcome.Throttle, "practice-hourly-cap"), (crossing.Outcome, crossing.Reason));
        Assert.True(crossing.RetryAfter > TimeSpan.FromMinutes(50));
        Assert.Equal(GuardOutcome.Allow, (await AdmitAsync(account, first)).Outcome);  // people already reached are not new
        Assert.Equal(GuardOutcome.Allow, (await AdmitAsync(software, first)).Outcome); // nor for the practice

        await using var db = kit.Database.OpenContext();
        // The account's repeat reserved nothing; the software's first look at someone its practice
        // knew is new for the software: counted in its own scope, not in the practice's again.
        var reserved = await db.GuardReach.GroupBy(r => r.Scope).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, Cancellation);
        Assert.Equal(new Dictionary<string, int>
        {
            ["account:" + account.AccountId!.Value.ToString("N")] = 1,
            ["client:practice-software"] = 2,
            ["practice:" + practice.ToString("N")] = 2,
        }, reserved);
        var kept = await db.GuardEvents.SingleAsync(Cancellation);
        Assert.Equal(("throttle", "practice-hourly-cap", ActorKinds.Account, (Guid?)practice, account.AccountId, "192.0.2.10", "pharmacien"),
            (kept.Decision, kept.Reason, kept.ActorKind, kept.PracticeId, kept.AccountId, kept.SourceAddress, kept.Role));
    }

    [Fact]
    public async Task Pruning_forgets_counts_older_than_the_retention_and_keeps_the_rest()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite);
        var practice = Guid.Parse(kit.Credentials.RootElement.GetProperty("practices").EnumerateArray().First().GetProperty("id").GetString()!);
        var software = new Actor(ActorKinds.Client, null, "practice-software", practice, Profession.Pharmacien, null, "192.0.2.20", Channels.Api);
        await using var scope = kit.Factory.Services.CreateAsyncScope();
        var guard = scope.ServiceProvider.GetRequiredService<AccessGuard>();
        await guard.AdmitAsync(software, Guid.NewGuid(), Cancellation);

        var kept = await guard.PruneAsync(DateTime.UtcNow.AddDays(-1), Cancellation);
        var forgotten = await guard.PruneAsync(DateTime.UtcNow.AddMinutes(1), Cancellation);

        Assert.Equal((0, 2), (kept, forgotten)); // the client's row and the practice's
        await using var db = kit.Database.OpenContext();
        Assert.False(await db.GuardReach.AnyAsync(Cancellation));
    }
}
