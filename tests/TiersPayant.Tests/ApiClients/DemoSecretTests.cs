using System.Net;
using System.Text.Json;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.ApiClients.ApiClientKit;

namespace TiersPayant.Tests.ApiClients;

/// <summary>Client secrets exist for the demo only: seeded clients, while the configuration allows them.</summary>
public sealed class DemoSecretTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_demo_secret_works_when_allowed_and_is_refused_when_not(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var credentials = await SeedAsync(database);
        var demo = credentials.RootElement.GetProperty("apiClients")[0];
        var (clientId, secret) = (demo.GetProperty("clientId").GetString()!, demo.GetProperty("clientSecret").GetString()!);
        var secretForm = new[] { ("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret) };

        database.Settings["Accounts:ApiClients:AllowDemoSecrets"] = "true";
        await using (var allowed = new PlatformFactory(database))
        {
            var client = allowed.CreateClient();
            var token = await AccessTokenAsync(await RequestTokenAsync(client, secretForm));
            Assert.Equal(HttpStatusCode.OK, (await GetPracticeAsync(client, demo.GetProperty("practiceId").GetString()!, token)).StatusCode);

            // A wrong secret, and a secret offered by a client that is not a demo client.
            var wrong = await RequestTokenAsync(client, ("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret + "x"));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            var (registered, _, _) = await AddClientAsync(database, "--practice", demo.GetProperty("practiceId").GetString()!);
            var notDemo = await RequestTokenAsync(client, ("grant_type", "client_credentials"), ("client_id", registered), ("client_secret", secret));
            Assert.Equal(HttpStatusCode.Unauthorized, notDemo.StatusCode);
        }

        database.Settings["Accounts:ApiClients:AllowDemoSecrets"] = "false";
        await using (var refused = new PlatformFactory(database))
        {
            var response = await RequestTokenAsync(refused.CreateClient(), secretForm);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
            Assert.Equal("invalid_client", body.RootElement.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task First_start_writes_one_working_api_client_per_profession_and_reseeding_replaces_them()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        database.Settings.Remove("Database:MigrateOnStart"); // the embedded default, with its defaults
        await using var factory = new PlatformFactory(database, demoBeneficiaries: 50);
        var client = factory.CreateClient();

        using var first = await CredentialsAsync(database);
        var clients = first.RootElement.GetProperty("apiClients").EnumerateArray().ToList();
        Assert.Equal(["audioprothesiste", "chirurgien-dentiste", "opticien", "pharmacien"], clients.Select(c => c.GetProperty("profession").GetString()).Order());
        Assert.All(clients, c => Assert.Equal(["clientId", "clientSecret", "practiceId", "profession"], c.EnumerateObject().Select(p => p.Name)));
        var practices = Practices(first);
        var issued = new List<(string PracticeId, string Token)>();
        foreach (var demo in clients)
        {
            var practiceId = demo.GetProperty("practiceId").GetString()!;
            Assert.Contains(practices, p => p.Id == practiceId && p.Profession == demo.GetProperty("profession").GetString());
            var token = await AccessTokenAsync(await RequestTokenAsync(client,
                ("grant_type", "client_credentials"), ("client_id", demo.GetProperty("clientId").GetString()!), ("client_secret", demo.GetProperty("clientSecret").GetString()!)));
            Assert.Equal(HttpStatusCode.OK, (await GetPracticeAsync(client, practiceId, token)).StatusCode);
            issued.Add((practiceId, token));
        }

        Assert.Equal(0, (await database.RunAsync("seed", "--beneficiaries", "20", "--practices", "8")).ExitCode);
        using var second = await CredentialsAsync(database);
        var replaced = second.RootElement.GetProperty("apiClients").EnumerateArray().Select(c => c.GetProperty("clientId").GetString()).ToList();
        Assert.Equal(4, replaced.Count);
        Assert.Empty(replaced.Intersect(clients.Select(c => c.GetProperty("clientId").GetString())));
        var old = clients[0];
        var stale = await RequestTokenAsync(client,
            ("grant_type", "client_credentials"), ("client_id", old.GetProperty("clientId").GetString()!), ("client_secret", old.GetProperty("clientSecret").GetString()!));
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        // A token issued to a removed client dies with it, before its five minutes are up.
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetPracticeAsync(client, issued[0].PracticeId, issued[0].Token)).StatusCode);
    }
}
