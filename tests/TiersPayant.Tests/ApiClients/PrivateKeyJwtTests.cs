using System.Net;
using System.Text.Json;
using TiersPayant.Data.Configuration;
using TiersPayant.Tests.Infrastructure;
using static TiersPayant.Tests.ApiClients.ApiClientKit;

namespace TiersPayant.Tests.ApiClients;

/// <summary>A practice's software registered with <c>tiers clients add</c> authenticates with a signed assertion, on both databases.</summary>
public sealed class PrivateKeyJwtTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Clients_add_key_gets_a_token_that_reads_its_own_practice_and_no_other(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var practices = Practices(await SeedAsync(database));
        var (own, other) = (practices[0], practices[1]);
        var (clientId, keyId, keyPath) = await AddClientAsync(database, "--practice", own.Id, "--name", "Logiciel officine");
        await using var factory = new PlatformFactory(database);
        var client = factory.CreateClient();

        Assert.NotNull(keyPath);
        Assert.Equal(Path.Combine(database.DataDirectory, "clients", clientId + ".pem"), keyPath);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
        }

        var key = ReadPem(keyPath, keyId!);

        var response = await RequestTokenWithAssertionAsync(client, clientId, Assertion(clientId, key));
        var token = await AccessTokenAsync(response);
        using (var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation)))
        {
            Assert.Equal("Bearer", body.RootElement.GetProperty("token_type").GetString());
            Assert.InRange(body.RootElement.GetProperty("expires_in").GetInt32(), 290, 300);
            Assert.Equal("eligibility agreements claims", body.RootElement.GetProperty("scope").GetString());
        }

        var mine = await GetPracticeAsync(client, own.Id, token);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        using (var profile = JsonDocument.Parse(await mine.Content.ReadAsStringAsync(Cancellation)))
        {
            Assert.Equal(own.Id, profile.RootElement.GetProperty("id").GetString());
            Assert.Equal(own.Profession, profile.RootElement.GetProperty("profession").GetString());
            Assert.Matches("^[0-9]{9}$", profile.RootElement.GetProperty("billingNumber").GetString());
            Assert.False(string.IsNullOrEmpty(profile.RootElement.GetProperty("name").GetString()));
            Assert.False(string.IsNullOrEmpty(profile.RootElement.GetProperty("city").GetString()));
        }

        var theirs = await GetPracticeAsync(client, other.Id, token);
        Assert.Equal(HttpStatusCode.Forbidden, theirs.StatusCode);
        Assert.Equal("application/problem+json", theirs.Content.Headers.ContentType?.MediaType);
        Assert.Contains("urn:tierspayant:problem:forbidden", await theirs.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        // A practice that does not exist answers like one that does: the token learns nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await GetPracticeAsync(client, Guid.NewGuid().ToString("N"), token)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task No_token_or_a_forged_one_is_401_problem_details(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var practice = Practices(await SeedAsync(database))[0];
        await using var factory = new PlatformFactory(database);
        var client = factory.CreateClient();

        foreach (var token in new string?[] { null, "not-a-token", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0." })
        {
            var response = await GetPracticeAsync(client, practice.Id, token);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("urn:tierspayant:problem:unauthorized", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
            Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_client_registered_with_its_own_key_set_gets_only_the_scopes_it_asks_for(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var practice = Practices(await SeedAsync(database))[2];
        var key = NewKey();
        var jwks = Path.Combine(database.DataDirectory, "software.jwks.json");
        await File.WriteAllTextAsync(jwks, PublicKeySet(key), Cancellation);
        var (clientId, keyId, keyPath) = await AddClientAsync(database, "--practice", practice.Id, "--jwks", jwks);
        await using var factory = new PlatformFactory(database);

        Assert.Null(keyId);
        Assert.Null(keyPath);
        var response = await RequestTokenWithAssertionAsync(factory.CreateClient(), clientId, Assertion(clientId, key), scope: "eligibility");
        await AccessTokenAsync(response);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        // RFC 6749 section 5.1: the scope is omitted when it is exactly the one asked for.
        Assert.Equal("eligibility", body.RootElement.TryGetProperty("scope", out var scope) ? scope.GetString() : "eligibility");
    }

    [Fact]
    public async Task The_OpenAPI_document_declares_the_client_credentials_scheme_on_the_practice_profile()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        database.Settings["Demo:SeedOnFirstStart"] = "false";
        await using var factory = new PlatformFactory(database);

        using var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Cancellation));

        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("practiceSoftware");
        Assert.Equal("oauth2", scheme.GetProperty("type").GetString());
        Assert.Equal("/connect/token", scheme.GetProperty("flows").GetProperty("clientCredentials").GetProperty("tokenUrl").GetString());
        var operation = document.RootElement.GetProperty("paths").GetProperty("/api/v1/practices/{id}").GetProperty("get");
        Assert.True(operation.GetProperty("security")[0].TryGetProperty("practiceSoftware", out _));
        Assert.True(operation.GetProperty("responses").TryGetProperty("403", out _));
        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/connect/token", out _));
    }
}
