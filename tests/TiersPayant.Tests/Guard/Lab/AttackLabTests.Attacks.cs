using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Tests.Accounts;

namespace TiersPayant.Tests.Guard.Lab;

/// <summary>The attack lab's attacks, on the Tuesday after the legitimate weeks, each measured from the disclosure log.</summary>
public sealed partial class AttackLabTests
{
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
        // The ground truth of the API harvests, seen from the attacker's side: whom an answer matched.
        var exposed = channel == "api" ? new List<Identity>() : null;
        while (requests < 200 && victims.TryDequeue(out var person))
        {
            tried.Add(person);
            var response = await send(person);
            requests++;
            if (exposed is not null && LabWorld.Ok(response)
                && JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("status").GetString() != "no-match")
            {
                exposed.Add(person);
            }

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
            containment is null ? null : containment.ContainedAt - started.UtcDateTime, nirs, others)
        {
            ClientId = clientId, Started = started, Ended = lab.Time.GetUtcNow().AddSeconds(1), Exposed = exposed,
        };
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
                opened += code.Headers.Location?.OriginalString is { } next && !next.StartsWith("/connexion", StringComparison.Ordinal) ? 1 : 0;
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
}
