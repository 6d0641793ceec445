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
public sealed class AttackLabTests(ITestOutputHelper output)
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
    }

    private sealed record LegitOutcome(int Checks, int FollowUps, int FollowUpsAccepted, int AccountDays, int InterruptedDays, int ContainedDays, List<string> Interruptions);

    private sealed record AttackOutcome(string Name, string Channel, int Requests, int Disclosed, string StoppedBy, TimeSpan? TimeToContain, int Nirs, bool OthersKeptWorking)
    {
        public bool Stopped => StoppedBy != "never";
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

    private static async Task<List<AttackOutcome>> RunAttacksAsync(LabWorld lab)
    {
        // The attack day: the Tuesday after the month, from 10:00 in Paris.
        var day = lab.Start.AddDays(lab.Size.Days + 1);
        while (day.DayOfWeek != DayOfWeek.Tuesday)
        {
            day = day.AddDays(1);
        }

        lab.Time.SetUtcNow(LabWorld.Utc(day, 10, 0));
        var victims = new Queue<Identity>(lab.Leaked);
        LabPractice Practice(string profession, int index) => lab.Practices.First(p => p.Profession == profession && p.Index == index);
        var bystander = Practice("chirurgien-dentiste", 1);
        var results = new List<AttackOutcome>();

        async Task<bool> OthersWorkAsync()
        {
            var response = await lab.WithTokenAsync(bystander, token => lab.CheckAsync(token, bystander.Patients[0], "dentaire"));
            return LabWorld.Ok(response);
        }

        // 1. A phished optician's portal session, harvesting through the pages at machine speed.
        {
            var optician = Practice("opticien", 0);
            using var attacker = new PortalBrowser(lab.Factory, lab.Time, address: "198.51.100.23");
            await attacker.LogInAsync(optician.Account!); // a real-time phishing proxy relays both factors
            var accountId = await AccountIdAsync(lab, optician.Account!.Login);
            results.Add(await HarvestAsync(lab, "Phished portal session, pages", "portal", victims, accountId, null,
                person => DetectionKit.CheckAsync(attacker, person), response => response.StatusCode != HttpStatusCode.OK, OthersWorkAsync));
        }

        // 2. A stolen pharmacy software token on the REST API, at machine speed.
        {
            var pharmacy = Practice("pharmacien", 0);
            results.Add(await HarvestAsync(lab, "Stolen software token, REST", "api", victims, null, pharmacy.ClientId,
                person => lab.WithTokenAsync(pharmacy, token => lab.CheckAsync(token, person, "pharmacie")), Refused, OthersWorkAsync));
        }

        // 3. A stolen optician software token through FHIR, at machine speed.
        {
            var optician = Practice("opticien", 1);
            results.Add(await HarvestAsync(lab, "Stolen software token, FHIR", "fhir", victims, null, optician.ClientId,
                person => lab.WithTokenAsync(optician, token => lab.CheckFhirAsync(token, person, "optique")), Refused, OthersWorkAsync));
        }

        // 4. Guessing identities: generated names and birth dates on real membership numbers.
        {
            var dentist = Practice("chirurgien-dentiste", 0);
            var random = new Random(99);
            string[] names = ["Martin", "Bernard", "Petit", "Durand", "Leroy", "Moreau"];
            var guesses = new Queue<Identity>(lab.Leaked.Skip(200).SelectMany(real => Enumerable.Range(0, 3).Select(_ =>
                real with { LastName = names[random.Next(names.Length)], BirthDate = new DateOnly(1950 + random.Next(50), 1 + random.Next(12), 1 + random.Next(28)) })));
            results.Add(await HarvestAsync(lab, "Guessing identities, REST", "api", guesses, null, dentist.ClientId,
                person => lab.WithTokenAsync(dentist, token => lab.CheckAsync(token, person, "dentaire")), Refused, OthersWorkAsync));
        }

        // 5. Low and slow: a human pace in office hours, under any fixed hourly cap (the pharmacy's is 150).
        {
            var pharmacy = Practice("pharmacien", 1);
            lab.Time.SetUtcNow(LabWorld.Utc(day, 14, 30));
            var random = new Random(5);
            results.Add(await HarvestAsync(lab, "Low and slow, REST (1 a minute)", "api", victims, null, pharmacy.ClientId,
                async person =>
                {
                    lab.Time.Advance(TimeSpan.FromSeconds(50 + random.Next(30)));
                    return await lab.WithTokenAsync(pharmacy, token => lab.CheckAsync(token, person, "pharmacie"));
                }, Refused, OthersWorkAsync));
        }

        // 6. A stolen session cookie replayed from a new network.
        {
            var audio = Practice("audioprothesiste", 0);
            using var holder = new PortalBrowser(lab.Factory, lab.Time, address: "192.0.2.10");
            await holder.LogInAsync(audio.Account!);
            using var thief = new PortalBrowser(lab.Factory, lab.Time, address: "203.0.113.99");
            holder.CopySessionTo(thief);
            var accountId = await AccountIdAsync(lab, audio.Account!.Login);
            results.Add(await HarvestAsync(lab, "Stolen session cookie, new network", "portal", victims, accountId, null,
                person => DetectionKit.CheckAsync(thief, person, "audioprothese"), response => response.StatusCode != HttpStatusCode.OK, OthersWorkAsync));
        }

        // 7. Credential stuffing from ten addresses: the right passwords stop at the second factor (last: it makes the accounts wait).
        results.Add(await StuffAsync(lab, OthersWorkAsync));


        return results;
    }

    private static bool Refused(HttpResponseMessage response) => response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests;

    // Sends one victim after another until the platform stops answering with data (at most 200
    // requests), then keeps going a little as an attacker would, and measures from the log.
    private static async Task<AttackOutcome> HarvestAsync(
        LabWorld lab, string name, string channel, Queue<Identity> victims, Guid? accountId, string? clientId,
        Func<Identity, Task<HttpResponseMessage>> send, Func<HttpResponseMessage, bool> refused, Func<Task<bool>> othersWork)
    {
        var started = lab.Time.GetUtcNow();
        var (requests, nirs, firstRefusal, others) = (0, 0, (int?)null, true);
        var tried = new List<Identity>();
        while (requests < 200 && victims.TryDequeue(out var person))
        {
            tried.Add(person);
            var response = await send(person);
            requests++;
            nirs += await LabWorld.NirsInAsync(response, tried);
            if (refused(response))
            {
                firstRefusal ??= requests;
                if (requests - firstRefusal >= 5)
                {
                    break; // the attacker gives up after five more refusals
                }
            }

            if (requests % 10 == 0)
            {
                others &= await othersWork();
            }
        }

        others &= await othersWork();
        var containment = await lab.ContainmentAsync(accountId, clientId, started);
        var disclosed = await lab.DisclosedAsync(accountId, clientId, started);
        var stoppedBy = containment is not null ? "contained: " + containment.Reason : firstRefusal is not null ? "refused (step-up or session ended)" : "never";
        return new AttackOutcome(name, channel, firstRefusal ?? requests, disclosed, stoppedBy,
            containment is null ? null : containment.ContainedAt - started.UtcDateTime, nirs, others);
    }

    private static async Task<AttackOutcome> StuffAsync(LabWorld lab, Func<Task<bool>> othersWork)
    {
        var accounts = await DemoAccount.ReadAsync(lab.Database);
        var random = new Random(11);
        var started = lab.Time.GetUtcNow();
        var attempts = new List<(string Login, string Password)>();
        foreach (var account in accounts)
        {
            attempts.AddRange(Enumerable.Range(0, 12).Select(i => (account.Login, $"Motdepasse{i}!{random.Next(1000)}")));
        }

        attempts.AddRange(accounts.Take(3).Select(a => (a.Login, a.Password))); // reused passwords that are right
        var (secondFactor, opened) = (0, 0);
        var i = 0;
        foreach (var (login, password) in attempts.OrderBy(_ => random.Next()))
        {
            using var browser = new PortalBrowser(lab.Factory, lab.Time, address: $"203.0.113.{10 + (i++ % 10)}");
            var response = await browser.PasswordAsync(login, password);
            if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.StartsWith("/connexion/second-facteur", StringComparison.Ordinal) == true)
            {
                secondFactor++;
                var code = await browser.CodeAsync("123456"); // the attacker has no authenticator
                opened += code.Headers.Location?.OriginalString == "/compte" ? 1 : 0;
            }
        }

        var others = await othersWork();
        await using var db = lab.Database.OpenContext();
        var from = started.UtcDateTime;
        var disclosed = await db.Disclosures.CountAsync(d => d.OccurredAt >= from && d.SourceAddress.StartsWith("203.0.113.1"), TestContext.Current.CancellationToken);
        var alerts = await db.GuardEvents.Where(e => e.Decision == "alert" && e.OccurredAt >= from).Select(e => e.Reason).Distinct().ToListAsync(TestContext.Current.CancellationToken);
        Assert.Contains("many-logins-one-network", alerts);
        return new AttackOutcome($"Credential stuffing ({attempts.Count} tries, 10 addresses; {secondFactor} right passwords reached the second factor, {opened} sessions; alerts: {string.Join(", ", alerts.Order(StringComparer.Ordinal))})",
            "portal", attempts.Count, disclosed, opened == 0 ? "stopped at the second factor" : "never", null, 0, others);
    }

    private static async Task<Guid> AccountIdAsync(LabWorld lab, string login)
    {
        await using var db = lab.Database.OpenContext();
        return await db.Users.Where(u => u.UserName == login).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
    }

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
