using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.ApiClients.ApiClientKit;

namespace TiersPayant.Tests.Eligibility;

/// <summary>A seeded platform, a practice's software with a demo token, and the demo's sample cards.</summary>
internal sealed class EligibilityKit : IAsyncDisposable
{
    private EligibilityKit(TestDatabase database, PlatformFactory factory, HttpClient client, JsonDocument credentials)
        => (Database, Factory, Client, Credentials) = (database, factory, client, credentials);

    public TestDatabase Database { get; }

    public PlatformFactory Factory { get; }

    public HttpClient Client { get; }

    public JsonDocument Credentials { get; }

    public static async Task<EligibilityKit> StartAsync(Data.Configuration.DatabaseProvider provider, params (string Key, string Value)[] settings) =>
        await StartAsync(await TestDatabase.CreateAsync(provider), settings);

    /// <summary>As StartAsync, the keys in a keys file that <c>tiers keys rotate</c> adds to.</summary>
    public static async Task<EligibilityKit> StartWithKeysFileAsync(Data.Configuration.DatabaseProvider provider, params (string Key, string Value)[] settings)
    {
        var database = await TestDatabase.CreateAsync(provider);
        database.UseKeysFile();
        return await StartAsync(database, settings);
    }

    private static async Task<EligibilityKit> StartAsync(TestDatabase database, (string Key, string Value)[] settings)
    {
        var seeded = await database.RunAsync("seed", "--beneficiaries", "400", "--practices", "8");
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        database.Settings["Accounts:ApiClients:AllowDemoSecrets"] = "true";
        foreach (var (key, value) in settings)
        {
            database.Settings[key] = value;
        }

        var factory = new PlatformFactory(database);
        return new EligibilityKit(database, factory, factory.CreateClient(), await CredentialsAsync(database));
    }

    /// <summary>A token of the demo client of the first practice of <paramref name="profession"/>.</summary>
    public async Task<string> TokenAsync(string profession = "pharmacien", string? scope = null)
    {
        var demo = Credentials.RootElement.GetProperty("apiClients").EnumerateArray().First(c => c.GetProperty("profession").GetString() == profession);
        var form = new List<(string, string)>
        {
            ("grant_type", "client_credentials"), ("client_id", demo.GetProperty("clientId").GetString()!),
            ("client_secret", demo.GetProperty("clientSecret").GetString()!),
        };
        if (scope is not null)
        {
            form.Add(("scope", scope));
        }

        return await AccessTokenAsync(await RequestTokenAsync(Client, [.. form]));
    }

    /// <summary>The sample cards (people with open rights today), as the credentials file gives them.</summary>
    public List<JsonElement> Cards() => [.. Credentials.RootElement.GetProperty("sampleCards").EnumerateArray()];

    /// <summary>The request body for a card, with any field replaced.</summary>
    public static Dictionary<string, object?> Body(JsonElement card, string? insurer = null, string? memberNumber = null, string? lastName = null,
        string? firstName = null, string? birthDate = null, int? birthRank = null, string[]? domains = null) => new()
    {
        ["card"] = new { insurer = insurer ?? card.GetProperty("insurer").GetString(), memberNumber = memberNumber ?? card.GetProperty("memberNumber").GetString() },
        ["beneficiary"] = new
        {
            lastName = lastName ?? card.GetProperty("lastName").GetString(),
            firstName = firstName ?? card.GetProperty("firstName").GetString(),
            birthDate = birthDate ?? card.GetProperty("birthDate").GetString(),
            birthRank = birthRank ?? card.GetProperty("birthRank").GetInt32(),
        },
        ["domains"] = domains ?? [.. card.GetProperty("domains").EnumerateArray().Select(d => d.GetString()!)],
    };

    public async Task<HttpResponseMessage> CheckAsync(string? token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/eligibility") { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Client.SendAsync(request, Cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Credentials.Dispose();
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}
