using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TiersPayant.Data.Configuration;
using TiersPayant.Data.Guard;
using TiersPayant.Security.Guard;
using TiersPayant.Tests.Accounts;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Guard;

/// <summary>
/// The detector inside the guard's decision: the February 2024 attack (a stolen software token, a
/// phished portal session, guessing identities) ends after a handful of people, contained, well
/// under any hard cap; an unusual but human moment asks the professional for the second factor.
/// </summary>
public sealed class DetectionTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_stolen_software_token_harvesting_at_machine_speed_is_slowed_then_contained_after_a_handful(DatabaseProvider provider)
    {
        await using var kit = await DetectionKit.StartAsync(provider);
        var token = await kit.TokenAsync("opticien");

        var answers = new List<HttpStatusCode>();
        foreach (var person in kit.Leaked)
        {
            var response = await kit.CheckAsync(token, person);
            answers.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.Forbidden)
            {
                break;
            }
        }

        var answered = answers.Count(a => a == HttpStatusCode.OK);
        Assert.InRange(answered, 1, 5); // the optician's hourly hard cap is 30
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[answered]);
        Assert.Equal(HttpStatusCode.Forbidden, answers[^1]);
        await using var db = kit.Database.OpenContext();
        Assert.Equal(answered, await db.Disclosures.Select(d => d.BeneficiaryId).Distinct().CountAsync(Cancellation));
        var slowed = await db.GuardEvents.SingleAsync(e => e.Decision == "throttle", Cancellation);
        Assert.Contains("machine-speed", slowed.Reason, StringComparison.Ordinal);
        Assert.Contains("5 new people in", slowed.Detail, StringComparison.Ordinal);
        var containment = await db.Containments.SingleAsync(Cancellation);
        Assert.StartsWith("persisted+", containment.Reason, StringComparison.Ordinal);
        Assert.Contains("Kept reaching for new people after being slowed down", containment.Evidence, StringComparison.Ordinal);
        Assert.Equal(1, await db.GuardEvents.CountAsync(e => e.Decision == "contain", Cancellation));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_phished_portal_session_harvesting_through_the_pages_is_contained_within_the_request_that_crossed_the_line(DatabaseProvider provider)
    {
        await using var kit = await DetectionKit.StartAsync(provider);
        var optician = (await DemoAccount.ReadAsync(kit.Database)).First(a => a.Profession == "opticien");
        using var attacker = new PortalBrowser(kit.Factory, TimeProvider.System);
        await attacker.LogInAsync(optician); // a real-time phishing proxy relays password and code

        var answers = new List<HttpStatusCode>();
        foreach (var person in kit.Leaked)
        {
            var response = await DetectionKit.CheckAsync(attacker, person);
            answers.Add(response.StatusCode);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                break;
            }
        }

        await using var db = kit.Database.OpenContext();
        var disclosed = await db.Disclosures.Select(d => d.BeneficiaryId).Distinct().CountAsync(Cancellation);
        Assert.InRange(disclosed, 1, 4);
        Assert.Equal(HttpStatusCode.Forbidden, answers[^1]); // the crossing request itself is refused
        var containment = await db.Containments.SingleAsync(Cancellation);
        Assert.Contains("machine-speed", containment.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await db.Sessions.CountAsync(s => s.EndedAt == null, Cancellation));
        var after = await attacker.GetAsync("/droits");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/connexion?", after.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Guessing_identities_on_consecutive_membership_numbers_is_contained_before_anyone_is_found(DatabaseProvider provider)
    {
        await using var kit = await DetectionKit.StartAsync(provider);
        var token = await kit.TokenAsync("pharmacien");
        var real = kit.Leaked[0].MemberNumber;
        var guesses = Enumerable.Range(0, 30).Select(i => new Identity(
            real[..^2] + i.ToString("D2", CultureInfo.InvariantCulture), "Martin", "Camille", new DateOnly(1960 + i, 3, 14), "")).ToList();

        var answers = new List<HttpStatusCode>();
        foreach (var guess in guesses)
        {
            var response = await kit.CheckAsync(token, guess, "pharmacie");
            answers.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.Forbidden)
            {
                break;
            }
        }

        Assert.Equal(HttpStatusCode.Forbidden, answers[^1]);
        Assert.InRange(answers.Count, 3, 10); // the no-match hard cap is 20 an hour
        await using var db = kit.Database.OpenContext();
        var containment = await db.Containments.SingleAsync(Cancellation);
        Assert.Contains("sequence", containment.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await db.Disclosures.CountAsync(Cancellation));
        // Only keyed tags are kept of the cards: never a number, a name or a date.
        var misses = await db.MatchFailures.ToListAsync(Cancellation);
        Assert.All(misses, m => Assert.Matches("^[0-9a-f]{16}$", m.BlockTag!));
    }

    [Fact]
    public async Task An_unusual_moment_asks_the_professional_for_the_second_factor_and_passing_it_lets_them_work_on()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var kit = await StepUpKitAsync(time);
        var optician = (await DemoAccount.ReadAsync(kit.Database)).First(a => a.Profession == "opticien");
        using var browser = new PortalBrowser(kit.Factory, time);
        await browser.LogInAsync(optician);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage response;
        var next = 0;
        do
        {
            time.Advance(TimeSpan.FromMinutes(1)); // a human pace, but four patients in ten minutes for an optician is a burst
            response = await DetectionKit.CheckAsync(browser, kit.Leaked[next++]);
            statuses.Add(response.StatusCode);
        }
        while (response.StatusCode == HttpStatusCode.OK && next < 10);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Redirect], statuses);
        Assert.Equal("/connexion/verification?returnUrl=%2Fdroits", response.Headers.Location?.OriginalString);
        var elsewhere = await browser.GetAsync("/compte");
        Assert.StartsWith("/connexion/verification", elsewhere.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var ask = await (await browser.GetAsync("/connexion/verification?returnUrl=%2Fdroits")).Content.ReadAsStringAsync(Cancellation);
        Assert.Contains("plus de patients que d'habitude", ask, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromSeconds(30)); // a fresh authenticator code
        var passed = await browser.PostFormAsync("/connexion/verification?returnUrl=%2Fdroits", "/connexion/verification",
            ("code", browser.Code(optician.TotpSecret)), ("returnUrl", "/droits"));
        Assert.Equal((HttpStatusCode.Redirect, "/droits"), (passed.StatusCode, passed.Headers.Location?.OriginalString));
        Assert.Equal(HttpStatusCode.OK, (await DetectionKit.CheckAsync(browser, kit.Leaked[next - 1])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DetectionKit.CheckAsync(browser, kit.Leaked[next])).StatusCode);

        await using var db = kit.Database.OpenContext();
        var stepUp = await db.GuardEvents.SingleAsync(e => e.Decision == "step-up", Cancellation);
        Assert.Equal("burst", stepUp.Reason);
        Assert.Contains("4 distinct people in ten minutes, where at most 3 is usual (the profession's floor)", stepUp.Detail, StringComparison.Ordinal);
        Assert.Empty(await db.Containments.ToListAsync(Cancellation));
    }

    [Fact]
    public async Task A_wrong_second_factor_when_the_guard_asks_for_it_contains_the_account()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var kit = await StepUpKitAsync(time);
        var optician = (await DemoAccount.ReadAsync(kit.Database)).First(a => a.Profession == "opticien");
        using var browser = new PortalBrowser(kit.Factory, time);
        await browser.LogInAsync(optician);
        for (var i = 0; i < 4; i++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await DetectionKit.CheckAsync(browser, kit.Leaked[i]);
        }

        var refused = await browser.PostFormAsync("/connexion/verification?returnUrl=%2Fdroits", "/connexion/verification", ("code", "000000"), ("returnUrl", "/droits"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        await using var db = kit.Database.OpenContext();
        var containment = await db.Containments.SingleAsync(Cancellation);
        Assert.Equal(("step-up-refused", Containments.Open), (containment.Reason, containment.Status));
        Assert.Equal(0, await db.Sessions.CountAsync(s => s.EndedAt == null, Cancellation));
    }

    [Fact]
    public async Task Baselines_are_learned_from_the_weeks_of_reserved_counts()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero)); // a Monday, 10:00 in Paris
        await using var kit = await DetectionKit.StartAsync(DatabaseProvider.Sqlite, leaked: 20, time: time);
        var token = await kit.TokenAsync("opticien");
        Assert.Equal(HttpStatusCode.OK, (await kit.CheckAsync(token, kit.Leaked[0])).StatusCode); // today, 10:00
        var scope = await ScopeOfAsync(kit);

        // Six past weekdays of the client's history: eight people a day, four of them in one hour.
        await using (var db = kit.Database.OpenContext())
        {
            for (var day = 1; day <= 6; day++)
            {
                for (var n = 0; n < 8; n++)
                {
                    var at = time.GetUtcNow().UtcDateTime.AddDays(-day).AddMinutes(n < 4 ? n * 12 : 120 + (n * 20));
                    db.GuardReach.Add(new GuardReachRecord { Id = Guid.CreateVersion7(), Scope = scope, BeneficiaryId = Guid.NewGuid(), FirstAt = at, Network = "127.0.0.0/24" });
                }
            }

            await db.SaveChangesAsync(Cancellation);
        }

        var learned = await kit.Factory.Services.GetRequiredService<GuardBaselines>().LearnAsync(Cancellation);

        Assert.True(learned >= 1);
        await using var check = kit.Database.OpenContext();
        var baseline = await check.GuardBaselines.SingleAsync(b => b.Scope == scope, Cancellation);
        Assert.Equal((7, 4, 8), (baseline.ActiveDays, baseline.MaxHourly, baseline.MaxDaily));
        Assert.Equal('1', baseline.Hours[GuardBaselines.HourOfWeek(time.GetUtcNow().UtcDateTime)]);
        Assert.Equal("127.0.0.0/24", baseline.Networks);
    }

    // Scores set so that a burst alone asks for the step-up and nothing contains: the step-up itself is under test.
    private static Task<DetectionKit> StepUpKitAsync(TimeProvider time) => DetectionKit.StartAsync(DatabaseProvider.Sqlite, time: time,
        settings: [("Guard:Detection:StepUpScore", "30"), ("Guard:Detection:ContainScore", "1000")]);

    private static async Task<string> ScopeOfAsync(DetectionKit kit)
    {
        await using var db = kit.Database.OpenContext();
        return await db.GuardReach.Where(r => r.Scope.StartsWith("client:")).Select(r => r.Scope).FirstAsync(Cancellation);
    }

}
