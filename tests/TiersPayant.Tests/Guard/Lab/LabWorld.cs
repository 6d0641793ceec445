using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TiersPayant.Data.Configuration;
using TiersPayant.Domain;
using TiersPayant.Security.Accounts.ApiClients;
using TiersPayant.Security.Guard;
using TiersPayant.Tests.Accounts;
using TiersPayant.Tests.Infrastructure;
using TiersPayant.Tests.Members;
using static TiersPayant.Tests.ApiClients.ApiClientKit;

namespace TiersPayant.Tests.Guard.Lab;

/// <summary>How big the lab runs: reduced in CI, full from the documented command (<c>TIERSPAYANT_LAB=full</c>).</summary>
/// <param name="Name"><c>reduced</c> or <c>full</c>.</param>
/// <param name="PracticesPerProfession">Pharmacies, opticians, audioprosthetists and dentists, each.</param>
/// <param name="Days">Days of legitimate traffic before the attacks (weeks, Sundays closed).</param>
/// <param name="Population">Members the practices' patients are drawn from.</param>
internal sealed record LabSize(string Name, int PracticesPerProfession, int Days, int Population)
{
    public static LabSize Reduced { get; } = new("reduced", 2, 14, 1_200); // Days: whole weeks

    public static LabSize Full { get; } = new("full", 6, 28, 6_000);

    public static LabSize FromEnvironment() =>
        string.Equals(Environment.GetEnvironmentVariable("TIERSPAYANT_LAB"), "full", StringComparison.OrdinalIgnoreCase) ? Full : Reduced;
}

/// <summary>One practice of the lab, with its software (an API client) and its portal account.</summary>
internal sealed record LabPractice(string Id, string Name, string Profession, int Index, string ClientId, string ClientSecret, DemoAccount? Account, List<Identity> Patients);

/// <summary>
/// The attack lab's world: the real server in memory on a clock the lab moves (a month goes by in
/// minutes), realistic seeded data, practices of the four professions of tiers payant with their
/// software, a population of members, and the identities an attacker holds.
/// </summary>
internal sealed class LabWorld : IAsyncDisposable
{
    public const string Insurer = DetectionKit.Insurer;

    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private readonly Dictionary<string, (string Token, DateTimeOffset At)> _tokens = [];

    private LabWorld(LabSize size, TestDatabase database, PlatformFactory factory, FakeTimeProvider time, List<LabPractice> practices, List<Identity> leaked, DateOnly start)
    {
        (Size, Database, Factory, Time, Practices, Leaked, Start) = (size, database, factory, time, practices, leaked, start);
        Client = factory.CreateClient();
    }

    public LabSize Size { get; }

    public TestDatabase Database { get; }

    public PlatformFactory Factory { get; }

    public HttpClient Client { get; }

    public FakeTimeProvider Time { get; }

    public List<LabPractice> Practices { get; }

    /// <summary>Members whose identity leaked: what the attackers hold.</summary>
    public List<Identity> Leaked { get; }

    /// <summary>The first day of legitimate traffic (a Monday).</summary>
    public DateOnly Start { get; }

    public static async Task<LabWorld> StartAsync(LabSize size)
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var seeded = await database.RunAsync("seed", "--beneficiaries", "200", "--practices", (8 * size.PracticesPerProfession).ToString(CultureInfo.InvariantCulture));
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        var population = DetectionKit.Identities(size.Population, seed: 7, prefix: "P");
        var leaked = DetectionKit.Identities(300, seed: 2024, prefix: "L");
        var file = MemberFiles.Write(database.DataDirectory, [MemberFiles.Header, .. population.Select(p => p.Row), .. leaked.Select(p => p.Row)], name: "members.csv");
        var imported = await database.RunAsync("import", "members", file, "--insurer", Insurer);
        Assert.True(imported.ExitCode == 0, imported.Error);
        database.Settings["Accounts:ApiClients:AllowDemoSecrets"] = "true";
        database.Settings["Accounts:Login:PerAddressPerMinute"] = "100000"; // the stuffing is measured against the durable counts

        // The attack day is the first Tuesday after today: the portal's short-lived cookies are
        // checked against the real clock too, so the lab's clock never runs behind it there.
        // The month of legitimate traffic ends the Monday before (weeks of Monday to Sunday).
        var attack = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        while (attack.DayOfWeek != DayOfWeek.Tuesday)
        {
            attack = attack.AddDays(1);
        }

        var start = attack.AddDays(-1 - (7 * ((size.Days + 6) / 7)));
        var time = new FakeTimeProvider(Utc(start, 7, 0));
        var factory = new PlatformFactory(database, time: time);
        using var credentials = await CredentialsAsync(database);
        var accounts = await DemoAccount.ReadAsync(database);
        var practices = new List<LabPractice>();
        string[] professions = ["pharmacien", "opticien", "audioprothesiste", "chirurgien-dentiste"];
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var registry = scope.ServiceProvider.GetRequiredService<ApiClientRegistry>();
            var pool = 0;
            foreach (var practice in credentials.RootElement.GetProperty("practices").EnumerateArray())
            {
                var profession = practice.GetProperty("profession").GetString()!;
                if (!professions.Contains(profession))
                {
                    continue;
                }

                var id = practice.GetProperty("id").GetString()!;
                var (clientId, secret) = await registry.AddDemoAsync(new PracticeId(Guid.Parse(id)), TestContext.Current.CancellationToken);
                var size_ = profession == "pharmacien" ? 250 : 90;
                var patients = population.Skip(pool).Take(size_).ToList();
                pool = (pool + size_) % Math.Max(1, population.Count - size_);
                practices.Add(new LabPractice(id, practice.GetProperty("name").GetString()!, profession, practices.Count(p => p.Profession == profession),
                    clientId, secret, accounts.FirstOrDefault(a => a.PracticeId == id), patients));
            }
        }

        return new LabWorld(size, database, factory, time, practices, leaked, start);
    }

    public static DateTimeOffset Utc(DateOnly day, int hour, int minute) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, minute)), Paris), TimeSpan.Zero);

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Time.GetUtcNow(), Paris).DateTime);

    public string TodayText => Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The practice software's token, renewed before it expires, as software does (an attacker holding the secret too).</summary>
    public async Task<string> TokenAsync(LabPractice practice)
    {
        if (_tokens.TryGetValue(practice.ClientId, out var cached) && Time.GetUtcNow() - cached.At < TimeSpan.FromMinutes(4))
        {
            return cached.Token;
        }

        var token = await AccessTokenAsync(await RequestTokenAsync(Client,
            ("grant_type", "client_credentials"), ("client_id", practice.ClientId), ("client_secret", practice.ClientSecret)));
        _tokens[practice.ClientId] = (token, Time.GetUtcNow());
        return token;
    }

    /// <summary>Sends with the software's token; on a 401 (expired or revoked), asks for a new token once and sends again.</summary>
    public async Task<HttpResponseMessage> WithTokenAsync(LabPractice practice, Func<string, Task<HttpResponseMessage>> send)
    {
        var response = await send(await TokenAsync(practice));
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        _tokens.Remove(practice.ClientId);
        return await send(await TokenAsync(practice));
    }

    /// <summary>A rights check on the REST API.</summary>
    public async Task<HttpResponseMessage> CheckAsync(string token, Identity person, string domain)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/eligibility") { Content = JsonContent.Create(person.Body(domain)) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>A rights check through FHIR (a CoverageEligibilityRequest with the patient and coverage contained).</summary>
    public async Task<HttpResponseMessage> CheckFhirAsync(string token, Identity person, string domain)
    {
        var resource = new
        {
            resourceType = "CoverageEligibilityRequest",
            identifier = new[] { new { system = "urn:lab", value = Guid.NewGuid().ToString("N") } },
            status = "active",
            purpose = new[] { "validation", "benefits" },
            patient = new { reference = "#patient" },
            created = TodayText,
            insurer = new { display = "AMC" },
            servicedDate = TodayText,
            contained = new object[]
            {
                new { resourceType = "Patient", id = "patient", name = new[] { new { family = person.LastName, given = new[] { person.FirstName } } }, birthDate = person.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
                new { resourceType = "Coverage", id = "coverage", status = "active", beneficiary = new { reference = "#patient" }, payor = new[] { new { identifier = new { system = "urn:tierspayant:fhir:amc", value = Insurer } } }, subscriberId = person.MemberNumber },
            },
            insurance = new[] { new { coverage = new { reference = "#coverage" } } },
            item = new[] { new { category = new { coding = new[] { new { system = "urn:tierspayant:fhir:care-domain", code = domain } } } } },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/r4/CoverageEligibilityRequest")
        {
            Content = new StringContent(JsonSerializer.Serialize(resource), Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>What the profession does after the rights check: an invoice (pharmacy) or a prior agreement (optics, audiology, a dentist's crown).</summary>
    public async Task<HttpResponseMessage> FollowUpAsync(LabPractice practice, string token, Identity person)
    {
        var card = new { insurer = Insurer, memberNumber = person.MemberNumber };
        var beneficiary = new { lastName = person.LastName, firstName = person.FirstName, birthDate = person.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        var prescribed = Today.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (path, body) = practice.Profession switch
        {
            "pharmacien" => ("/api/v1/claims", (object)new
            {
                card, beneficiary, domain = "pharmacie", careDate = TodayText,
                lines = new[] { new { code = "3400935955838", quantity = 1, unitPriceCents = 218 } },
                prescription = new { date = TodayText, prescriber = "10000123454" },
            }),
            "chirurgien-dentiste" => ("/api/v1/agreements", new
            {
                card, beneficiary, domain = "dentaire", careDate = TodayText,
                lines = new[] { new { code = "HBLD634", quantity = 1, unitPriceCents = 50_000 } },
                documents = new[] { "quote" },
            }),
            "opticien" => ("/api/v1/agreements", new
            {
                card, beneficiary, domain = "optique", careDate = TodayText,
                lines = new object[]
                {
                    new { code = "2999001", quantity = 1, unitPriceCents = 3000, @class = "A" },
                    new { code = "2999011", quantity = 1, unitPriceCents = 6000, @class = "B", side = "right" },
                    new { code = "2999011", quantity = 1, unitPriceCents = 6000, @class = "B", side = "left" },
                },
                prescription = new
                {
                    date = prescribed, prescriber = "10000123454",
                    correction = new { right = new { sphere = -1m, cylinder = 0m, axis = 0, addition = 0m }, left = new { sphere = -1m, cylinder = 0m, axis = 0, addition = 0m } },
                },
                documents = new[] { "prescription", "quote" },
            }),
            _ => ("/api/v1/agreements", new
            {
                card, beneficiary, domain = "audioprothese", careDate = TodayText,
                lines = new[] { new { code = "2999101", quantity = 1, unitPriceCents = 95_000, @class = "I", side = "right" } },
                prescription = new { date = prescribed, prescriber = "10000123454" },
                documents = new[] { "prescription", "quote", "audiogram" },
            }),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Distinct people disclosed to an account or client since <paramref name="since"/>, from the disclosure log.</summary>
    public async Task<int> DisclosedAsync(Guid? accountId, string? clientId, DateTimeOffset since)
    {
        await using var db = Database.OpenContext();
        var from = since.UtcDateTime;
        return await db.Disclosures.Where(d => d.OccurredAt >= from && (accountId != null ? d.AccountId == accountId : d.ClientId == clientId))
            .Select(d => d.BeneficiaryId).Distinct().CountAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The containment of an account or client opened since <paramref name="since"/>, if any.</summary>
    public async Task<Data.Guard.ContainmentRecord?> ContainmentAsync(Guid? accountId, string? clientId, DateTimeOffset since)
    {
        await using var db = Database.OpenContext();
        var from = since.UtcDateTime;
        return await db.Containments.AsNoTracking()
            .Where(c => c.ContainedAt >= from && (accountId != null ? c.AccountId == accountId : c.ClientId == clientId))
            .FirstOrDefaultAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Learns the baselines now, as each server does every hour.</summary>
    public async Task LearnAsync() =>
        await Factory.Services.GetRequiredService<GuardBaselines>().LearnAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Whether an answer carries any NIR of <paramref name="people"/>.</summary>
    public static async Task<int> NirsInAsync(HttpResponseMessage response, IEnumerable<Identity> people)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return people.Count(p => body.Contains(p.Nir, StringComparison.Ordinal) || body.Contains(p.Nir[..13], StringComparison.Ordinal));
    }

    public static bool Ok(HttpResponseMessage response) => response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created;
}
