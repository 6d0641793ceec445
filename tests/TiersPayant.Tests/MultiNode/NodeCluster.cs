using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using StackExchange.Redis;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.ApiClients.ApiClientKit;

namespace TiersPayant.Tests.MultiNode;

/// <summary>
/// Several <c>tiers serve</c> processes over one fresh PostgreSQL database and one Redis (under a
/// key prefix of this cluster's own): migrated and seeded once by the verbs, then each node
/// started with its own data folder, sharing only what a deployment shares (database, Redis,
/// configured keys, the checkpoint signing key file).
/// </summary>
internal sealed class NodeCluster : IAsyncDisposable
{
    /// <summary>The test collection of every several-node test, run one after the other.</summary>
    public const string Collection = "several nodes";

    private readonly List<TiersNode> _nodes = [];
    private readonly string _redis;

    private NodeCluster(TestDatabase database, string redis, JsonDocument credentials)
    {
        Database = database;
        _redis = redis;
        Credentials = credentials;
    }

    public TestDatabase Database { get; }

    public JsonDocument Credentials { get; }

    public IReadOnlyList<TiersNode> Nodes => _nodes;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static async Task<NodeCluster> StartAsync(int nodes, params (string Key, string Value)[] settings)
    {
        var redis = TestEnvironment.RequireRedis();
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var migrated = await database.RunAsync("migrate");
        Assert.True(migrated.ExitCode == 0, migrated.Error);
        var seeded = await database.RunAsync("seed", "--beneficiaries", "300", "--practices", "8");
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        // The checkpoint signing key every node signs with, as a deployment mounts it.
        var verified = await database.RunAsync("audit", "verify");
        Assert.True(verified.ExitCode == 0, verified.Output + verified.Error);
        database.Settings["Audit:SigningKeyFile"] = Path.Combine(database.DataDirectory, Security.Audit.AuditOptions.DefaultKeyFile);
        database.Settings["Database:MigrateOnStart"] = "false";
        database.Settings["Accounts:ApiClients:AllowDemoSecrets"] = "true";
        database.Settings["Redis:Configuration"] = redis;
        database.Settings["Redis:Prefix"] = $"tp-test-{Guid.NewGuid():N}";
        database.Settings["Network:TrustedProxies"] = "127.0.0.1";
        // One issuer for every node, so a token one node issued is good on the others.
        database.Settings["Accounts:ApiClients:Issuer"] = "https://tiers.test/";
        foreach (var (key, value) in settings)
        {
            database.Settings[key] = value;
        }

        var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(database.DataDirectory, "demo-credentials.json"), Cancellation));
        var cluster = new NodeCluster(database, redis, credentials);
        try
        {
            var started = await Task.WhenAll(Enumerable.Range(0, nodes).Select(i => TiersNode.StartAsync($"node{(char)('A' + i)}", database.Settings, Cancellation)));
            cluster._nodes.AddRange(started);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>The demo API client of the first practice of <paramref name="profession"/>.</summary>
    public (string Id, string Secret) Client(string profession = "pharmacien")
    {
        var demo = Credentials.RootElement.GetProperty("apiClients").EnumerateArray().First(c => c.GetProperty("profession").GetString() == profession);
        return (demo.GetProperty("clientId").GetString()!, demo.GetProperty("clientSecret").GetString()!);
    }

    /// <summary>An access token from <paramref name="node"/>'s token endpoint.</summary>
    public async Task<string> TokenAsync(TiersNode node, string profession = "pharmacien")
    {
        var (id, secret) = Client(profession);
        using var http = node.Client();
        return await AccessTokenAsync(await RequestTokenAsync(http, ("grant_type", "client_credentials"), ("client_id", id), ("client_secret", secret)));
    }

    /// <summary>Sample cards of people whose rights are open today in <paramref name="domain"/>.</summary>
    public List<JsonElement> Cards(string domain) =>
        [.. Credentials.RootElement.GetProperty("sampleCards").EnumerateArray()
            .Where(c => !c.TryGetProperty("note", out _) && c.GetProperty("domains").EnumerateArray().Any(d => d.GetString() == domain))];

    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, string token, string path, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await http.SendAsync(request, Cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        Credentials.Dispose();
        // This cluster's keys only: other tests share the server.
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(_redis))
        {
            var prefix = Database.Settings["Redis:Prefix"];
            foreach (var server in redis.GetServers())
            {
                await foreach (var key in server.KeysAsync(pattern: prefix + ":*"))
                {
                    await redis.GetDatabase().KeyDeleteAsync(key);
                }
            }
        }

        await Database.DisposeAsync();
    }
}
