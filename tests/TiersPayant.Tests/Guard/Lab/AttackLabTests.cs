using System.Text.Json;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Tests.Accounts;

namespace TiersPayant.Tests.Guard.Lab;

/// <summary>
/// The attack lab: a month of legitimate traffic from pharmacies, opticians, audioprosthetists and
/// dentists (opening hours, patient flows where a rights check is followed by an invoice or an
/// agreement, volumes by profession, a few legitimately unusual days), then the attacks of February
/// 2024 and their kin, each measured from the disclosure log: people disclosed before containment,
/// requests and time to contain, and whether the other professionals kept working. Reduced here;
/// in full with <c>TIERSPAYANT_LAB=full</c> (README, "Attack lab"). The table goes to the test
/// output and, with <c>TIERSPAYANT_LAB_REPORT=FILE</c>, to a Markdown file.
/// </summary>
public sealed partial class AttackLabTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, (string Domain, int Daily, int FollowUpMinMinutes, int FollowUpMaxMinutes)> Flows = new()
    {
        ["pharmacien"] = ("pharmacie", 50, 2, 6),
        ["opticien"] = ("optique", 7, 10, 40),
        ["audioprothesiste"] = ("audioprothese", 3, 20, 60),
        ["chirurgien-dentiste"] = ("dentaire", 10, 15, 50),
    };

    [Fact]
    public async Task The_february_2024_attacks_end_after_a_handful_of_people_and_the_legitimate_month_goes_on_uninterrupted()
    {
        var size = LabSize.FromEnvironment();
        await using var lab = await LabWorld.StartAsync(size);

        var legit = await RunLegitimateMonthAsync(lab);
        var attacks = await RunAttacksAsync(lab);

        var report = Report(lab, legit, attacks);
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable("TIERSPAYANT_LAB_REPORT") is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, report, TestContext.Current.CancellationToken);
        }

        Assert.True(legit.FollowUpsAccepted * 10 >= legit.FollowUps * 9, $"follow-ups mostly recorded: {legit.FollowUpsAccepted}/{legit.FollowUps}");
        Assert.Equal(0, legit.ContainedDays);
        Assert.True(legit.InterruptedDays * 1000 <= Math.Max(1, legit.AccountDays), $"{legit.InterruptedDays} of {legit.AccountDays} account-days interrupted");
        foreach (var attack in attacks)
        {
            Assert.True(attack.Disclosed <= 20, $"{attack.Name}: {attack.Disclosed} people disclosed");
            Assert.Equal(0, attack.Nirs);
            Assert.True(attack.OthersKeptWorking, $"{attack.Name}: other professionals refused");
            Assert.True(attack.Stopped, $"{attack.Name}: never stopped");
        }

        await BreachScopesAreExactAsync(lab, attacks);
    }

    /// <summary>
    /// The breach scope of each API harvest (its client, its window) names exactly the people the
    /// attacker got a matching answer for, no more (the other practices' traffic of the same
    /// minutes) and no fewer.
    /// </summary>
    private static async Task BreachScopesAreExactAsync(LabWorld lab, List<AttackOutcome> attacks)
    {
        var people = await lab.Database.RevealAllAsync();
        var scoped = 0;
        foreach (var attack in attacks.Where(a => a.Exposed is not null && a.ClientId is not null))
        {
            var truth = attack.Exposed!.Select(i => people.Single(p => p.MembershipNumber == i.MemberNumber && p.BirthDate == i.BirthDate && p.Name.LastName == i.LastName && p.Name.FirstName == i.FirstName).Id.Value)
                .ToHashSet();
            var result = await lab.Database.RunAsync("breach", "scope", "--client", attack.ClientId!,
                "--from", attack.Started.ToString("O", CultureInfo.InvariantCulture), "--to", attack.Ended.ToString("O", CultureInfo.InvariantCulture), "--json");
            Assert.True(result.ExitCode == 0, result.Error);
            using var scope = JsonDocument.Parse(result.Output);
            Assert.Equal(truth.Count, scope.RootElement.GetProperty("people").GetInt32());
            Assert.Equal(truth.Order(), scope.RootElement.GetProperty("exposed").EnumerateArray().Select(e => e.GetProperty("beneficiaryId").GetGuid()).Order());
            Assert.All(scope.RootElement.GetProperty("exposed").EnumerateArray(), e => Assert.Equal([attack.ClientId!], e.GetProperty("via").EnumerateArray().Select(v => v.GetString()!)));
            scoped++;
        }

        Assert.True(scoped >= 2, "the API harvests were scoped");
    }

    private sealed record LegitOutcome(int Checks, int FollowUps, int FollowUpsAccepted, int AccountDays, int InterruptedDays, int ContainedDays, List<string> Interruptions);

    private sealed record AttackOutcome(string Name, string Channel, int Requests, int Disclosed, string StoppedBy, TimeSpan? TimeToContain, int Nirs, bool OthersKeptWorking)
    {
        public bool Stopped => StoppedBy != "never";

        public string? ClientId { get; init; }

        public DateTimeOffset Started { get; init; }

        public DateTimeOffset Ended { get; init; }

        /// <summary>For the API harvests, the people whose answer matched, as the attacker saw them.</summary>
        public List<Identity>? Exposed { get; init; }
    }

    private sealed record Visit(DateTimeOffset At, LabPractice Practice, Identity Patient, bool FollowUp);

    // Each practice's day: patients arriving at random within its opening hours, each checked, most
    // followed up a few minutes later; Sundays closed, and a few days unlike the others.
    private static async Task<LegitOutcome> RunLegitimateMonthAsync(LabWorld lab)
    {
        var random = new Random(42);
        var (checks, followUps, accepted) = (0, 0, 0);
        var accountDays = new HashSet<(string, DateOnly)>();
        var interrupted = new HashSet<(string, DateOnly)>();
        var reasons = new List<string>();
        var browsers = new Dictionary<string, PortalBrowser>(StringComparer.Ordinal);
        for (var d = 0; d < lab.Size.Days; d++)
        {
            var day = lab.Start.AddDays(d);
            if (day.DayOfWeek == DayOfWeek.Sunday)
            {
                continue;
            }

            var visits = new List<Visit>();
            foreach (var practice in lab.Practices)
            {
                var (_, daily, min, max) = Flows[practice.Profession];
                var opening = Opening(practice.Profession, day.DayOfWeek);
                if (opening.Length == 0)
                {
                    continue;
                }

                // Legitimately unusual days: a flu week's Monday at the first pharmacy, an open day at the first optician.
                var factor = (practice.Index, practice.Profession, d) switch
                {
                    (0, "pharmacien", 7) => 1.8,
                    (0, "opticien", 9) => 2.5,
                    _ => 0.7 + (random.NextDouble() * 0.6),
                };
                var count = Math.Max(1, (int)Math.Round(daily * factor));
                var minutes = opening.Sum(o => o.To - o.From);
                foreach (var patient in practice.Patients.OrderBy(_ => random.Next()).Take(count))
                {
                    var minute = random.Next(minutes);
                    foreach (var (from, to) in opening)
                    {
                        if (minute < to - from)
                        {
                            minute += from;
                            break;
                        }

                        minute -= to - from;
                    }

                    var at = LabWorld.Utc(day, minute / 60, minute % 60).AddSeconds(random.Next(60));
                    visits.Add(new Visit(at, practice, patient, FollowUp: false));
                    if (random.NextDouble() < 0.9)
                    {
                        visits.Add(new Visit(at.AddMinutes(random.Next(min, max + 1)), practice, patient, FollowUp: true));
                    }
                }
            }

            foreach (var visit in visits.OrderBy(v => v.At))
            {
                if (visit.At > lab.Time.GetUtcNow())
                {
                    lab.Time.SetUtcNow(visit.At);
                }

                // Audioprosthetists check rights on the portal (their software sends the agreement).
                var portal = !visit.FollowUp && visit.Practice.Profession == "audioprothesiste";
                var key = (portal ? visit.Practice.Account!.Login : visit.Practice.ClientId, day);
                accountDays.Add(key);
                var response = portal
                    ? await PortalCheckAsync(lab, browsers, visit.Practice, visit.Patient, () => { interrupted.Add(key); reasons.Add($"{day:yyyy-MM-dd} {visit.Practice.Name}: step-up"); })
                    : await lab.WithTokenAsync(visit.Practice, token => visit.FollowUp
                        ? lab.FollowUpAsync(visit.Practice, token, visit.Patient)
                        : lab.CheckAsync(token, visit.Patient, Flows[visit.Practice.Profession].Domain));
                if (visit.FollowUp)
                {
                    followUps++;
                    accepted += LabWorld.Ok(response) ? 1 : 0;
                }
                else
                {
                    checks++;
                }

                if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.Forbidden)
                {
                    interrupted.Add(key);
                    reasons.Add($"{day:yyyy-MM-dd} {visit.Practice.Name} ({visit.Practice.Profession}): {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
                }
            }

            // The evening: every server relearns its baselines each hour; once a day is enough here.
            lab.Time.SetUtcNow(LabWorld.Utc(day, 21, 0));
            await lab.LearnAsync();
        }

        foreach (var browser in browsers.Values)
        {
            browser.Dispose();
        }

        await using var db = lab.Database.OpenContext();
        var contained = await db.Containments.CountAsync(TestContext.Current.CancellationToken);
        return new LegitOutcome(checks, followUps, accepted, accountDays.Count, interrupted.Count, contained, reasons);
    }

    // A professional at the portal: logged in again when the session has expired (30 minutes idle),
    // the second factor given again when the guard asks for it (counted as an interruption).
    private static async Task<HttpResponseMessage> PortalCheckAsync(
        LabWorld lab, Dictionary<string, PortalBrowser> browsers, LabPractice practice, Identity patient, Action steppedUp)
    {
        var account = practice.Account!;
        if (!browsers.TryGetValue(account.Login, out var browser))
        {
            browsers[account.Login] = browser = new PortalBrowser(lab.Factory, lab.Time, address: $"192.0.2.{20 + practice.Index}");
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var response = await DetectionKit.CheckAsync(browser, patient, Flows[practice.Profession].Domain);
            var location = response.Headers.Location?.OriginalString ?? string.Empty;
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                return response;
            }

            if (location.StartsWith("/connexion/verification", StringComparison.Ordinal))
            {
                steppedUp();
                lab.Time.Advance(TimeSpan.FromSeconds(31));
                await browser.PostFormAsync(location, "/connexion/verification", ("code", browser.Code(account.TotpSecret)), ("returnUrl", "/droits"));
            }
            else
            {
                lab.Time.Advance(TimeSpan.FromSeconds(31)); // a fresh authenticator code
                await browser.LogInAsync(account);
            }
        }

        throw new InvalidOperationException($"{account.Login} could not check rights on the portal");
    }

    // Opening hours in minutes after midnight, Paris time.
    private static (int From, int To)[] Opening(string profession, DayOfWeek day) => profession switch
    {
        "pharmacien" => [(9 * 60, (19 * 60) + 30)],
        "opticien" when day is not DayOfWeek.Monday => [((9 * 60) + 30, (12 * 60) + 30), (14 * 60, 19 * 60)],
        "audioprothesiste" or "chirurgien-dentiste" when day is not DayOfWeek.Saturday => [(9 * 60, 12 * 60), (14 * 60, 18 * 60)],
        _ => [],
    };

    private static string Report(LabWorld lab, LegitOutcome legit, List<AttackOutcome> attacks)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"# Attack lab ({lab.Size.Name}): {lab.Practices.Count} practices, {lab.Size.Days} days, {lab.Size.Population} members");
        text.AppendLine();
        text.AppendLine(c, $"Legitimate traffic: {legit.Checks} rights checks, {legit.FollowUps} follow-ups ({legit.FollowUpsAccepted} recorded), {legit.AccountDays} account-days; interrupted (throttled, step-up, refused): {legit.InterruptedDays}; contained: {legit.ContainedDays}.");
        foreach (var reason in legit.Interruptions.Take(10))
        {
            text.AppendLine(c, $"- {reason}");
        }

        text.AppendLine();
        text.AppendLine("| Attack | Channel | Requests until stopped | People disclosed | Stopped by | Time to contain | NIRs | Others kept working |");
        text.AppendLine("|---|---|---:|---:|---|---:|---:|---|");
        foreach (var a in attacks)
        {
            text.AppendLine(c, $"| {a.Name} | {a.Channel} | {a.Requests} | {a.Disclosed} | {a.StoppedBy} | {(a.TimeToContain is { } t ? $"{t.TotalSeconds:0} s" : "—")} | {a.Nirs} | {(a.OthersKeptWorking ? "yes" : "NO")} |");
        }

        return text.ToString();
    }
}
