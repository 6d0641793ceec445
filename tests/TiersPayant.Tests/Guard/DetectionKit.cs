using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Accounts;
using TiersPayant.Tests.Infrastructure;
using TiersPayant.Tests.Members;
using static TiersPayant.Tests.ApiClients.ApiClientKit;

namespace TiersPayant.Tests.Guard;

/// <summary>
/// A seeded platform with a list of "leaked" identities imported as members of one insurer (what
/// the attacker of February 2024 held), the demo's API clients and portal accounts, and the ways an
/// attacker would use them: a practice software's token on the REST API or FHIR, a portal session.
/// </summary>
internal sealed class DetectionKit : IAsyncDisposable
{
    public const string Insurer = "775000012";

    private DetectionKit(TestDatabase database, PlatformFactory factory, JsonDocument credentials, List<Identity> leaked) =>
        (Database, Factory, Client, Credentials, Leaked) = (database, factory, factory.CreateClient(), credentials, leaked);

    public TestDatabase Database { get; }

    public PlatformFactory Factory { get; }

    public HttpClient Client { get; }

    public JsonDocument Credentials { get; }

    /// <summary>People whose identity the attacker holds: all of them members (random membership numbers).</summary>
    public List<Identity> Leaked { get; }

    public static async Task<DetectionKit> StartAsync(
        DatabaseProvider provider, int leaked = 40, TimeProvider? time = null, params (string Key, string Value)[] settings)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var seeded = await database.RunAsync("seed", "--beneficiaries", "200", "--practices", "8");
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        var identities = Identities(leaked, seed: 2024);
        var file = MemberFiles.Write(database.DataDirectory, [MemberFiles.Header, .. identities.Select(i => i.Row)], name: "leaked.csv");
        var imported = await database.RunAsync("import", "members", file, "--insurer", Insurer);
        Assert.True(imported.ExitCode == 0, imported.Error);
        database.Settings["Accounts:ApiClients:AllowDemoSecrets"] = "true";
        foreach (var (key, value) in settings)
        {
            database.Settings[key] = value;
        }

        return new DetectionKit(database, new PlatformFactory(database, time: time), await CredentialsAsync(database), identities);
    }

    /// <summary><paramref name="count"/> people with random membership numbers, names and birth dates, each a member row.</summary>
    public static List<Identity> Identities(int count, int seed, string prefix = "L")
    {
        string[] last = ["Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent", "Simon", "Michel", "Lefebvre", "Leroy", "Roux", "David"];
        string[] first = ["Camille", "Louis", "Emma", "Hugo", "Léa", "Jules", "Chloé", "Lucas", "Manon", "Nathan", "Inès", "Paul", "Zoé", "Adam", "Sarah", "Arthur"];
        var random = new Random(seed);
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        var people = new List<Identity>();
        while (people.Count < count)
        {
            var number = prefix + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
            if (!numbers.Add(number[..^1]))
            {
                continue; // one person per block of ten numbers: leaked lists are not sequences
            }

            var birth = new DateOnly(1940, 1, 1).AddDays(random.Next(0, 365 * 68));
            var sex = random.Next(1, 3);
            people.Add(new Identity(number, last[random.Next(last.Length)], first[random.Next(first.Length)], birth,
                MemberFiles.Nir(sex, birth.Year, birth.Month, "75", 1 + (people.Count % 998))));
        }

        return people;
    }

    /// <summary>A token of the demo client of the first practice of <paramref name="profession"/>.</summary>
    public async Task<string> TokenAsync(string profession)
    {
        var demo = Credentials.RootElement.GetProperty("apiClients").EnumerateArray().First(c => c.GetProperty("profession").GetString() == profession);
        return await AccessTokenAsync(await RequestTokenAsync(Client,
            ("grant_type", "client_credentials"), ("client_id", demo.GetProperty("clientId").GetString()!), ("client_secret", demo.GetProperty("clientSecret").GetString()!)));
    }

    /// <summary>A rights check of <paramref name="person"/> on the REST API with <paramref name="token"/>.</summary>
    public async Task<HttpResponseMessage> CheckAsync(string token, Identity person, string domain = "optique")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/eligibility") { Content = JsonContent.Create(person.Body(domain)) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>A rights check of <paramref name="person"/> through the portal's <c>/droits</c> page.</summary>
    public static Task<HttpResponseMessage> CheckAsync(PortalBrowser browser, Identity person, string domain = "optique") =>
        browser.SubmitAsync("/droits", "/droits",
            ("Input.Insurer", Insurer), ("Input.MemberNumber", person.MemberNumber), ("Input.LastName", person.LastName),
            ("Input.FirstName", person.FirstName), ("Input.BirthDate", person.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("Input.Domains", domain));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Credentials.Dispose();
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>One person's identity as it would sit in a leaked file: card, names, birth date, NIR.</summary>
internal sealed record Identity(string MemberNumber, string LastName, string FirstName, DateOnly BirthDate, string Nir)
{
    public string Row => MemberFiles.Row(MemberNumber, 1, LastName, "", FirstName, BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Nir);

    public Dictionary<string, object?> Body(string domain) => new()
    {
        ["card"] = new { insurer = DetectionKit.Insurer, memberNumber = MemberNumber },
        ["beneficiary"] = new { lastName = LastName, firstName = FirstName, birthDate = BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
        ["domains"] = new[] { domain },
    };
}
