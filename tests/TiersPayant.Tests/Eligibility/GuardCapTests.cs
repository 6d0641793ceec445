using System.Net;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Data;
using TiersPayant.Data.Configuration;
using TiersPayant.Security.Guard;
using static TiersPayant.Tests.ApiClients.ApiClientKit;

namespace TiersPayant.Tests.Eligibility;

public sealed class GuardCapTests
{
    [Fact]
    public async Task Past_the_hourly_cap_of_distinct_people_a_new_person_is_throttled_but_a_known_one_is_not()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite, ("Guard:Caps:pharmacien:PerHour", "2"));
        var token = await kit.TokenAsync();
        var cards = kit.Cards();
        using var decisions = new MetricCollector<long>(kit.Factory.Services.GetRequiredService<IMeterFactory>(), GuardMetrics.MeterName, GuardMetrics.DecisionsName);

        var first = await kit.CheckAsync(token, EligibilityKit.Body(cards[0]));
        var second = await kit.CheckAsync(token, EligibilityKit.Body(cards[1]));
        var third = await kit.CheckAsync(token, EligibilityKit.Body(cards[2]));
        var firstAgain = await kit.CheckAsync(token, EligibilityKit.Body(cards[0]));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("hourly-cap", await third.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, firstAgain.StatusCode);
        using var scope = kit.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        Assert.Equal(2, await db.Disclosures.Select(d => d.BeneficiaryId).Distinct().CountAsync(Cancellation));
        var counted = decisions.GetMeasurementSnapshot().Select(m => $"{m.Tags["outcome"]}/{m.Tags["reason"]}/{m.Tags["profession"]}").ToList();
        Assert.Equal(["allow/none/pharmacien", "allow/none/pharmacien", "throttle/hourly-cap/pharmacien", "allow/none/pharmacien"], counted);
    }

    [Fact]
    public async Task A_caller_presenting_unknown_cards_is_throttled_before_any_lookup()
    {
        await using var kit = await EligibilityKit.StartAsync(DatabaseProvider.Sqlite, ("Guard:NoMatchPerHour", "3"));
        var token = await kit.TokenAsync();
        var card = kit.Cards()[0];

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await kit.CheckAsync(token, EligibilityKit.Body(card, firstName: "Inconnu" + (char)('a' + i)))).StatusCode);
        }

        var right = await kit.CheckAsync(token, EligibilityKit.Body(card));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode); // the right card too: the caller is guessing
    }
}
