using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.ApiClients;

/// <summary>What practice software does: sign a client assertion, ask for a token, call the API.</summary>
internal static class ApiClientKit
{
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>The issuer of the in-memory server: the audience a client assertion must name.</summary>
    public const string TestServerIssuer = "http://localhost/";

    public static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>
    /// A client assertion as RFC 7523 and OpenIddict want it: typ client-authentication+jwt, iss and
    /// sub the client id, aud the issuer, a short exp, a unique jti.
    /// </summary>
    public static string Assertion(
        string clientId, SecurityKey key, string audience = TestServerIssuer, DateTime? expires = null,
        string? jti = null, bool withJti = true, DateTime? issuedAt = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["sub"] = clientId };
        if (withJti)
        {
            claims["jti"] = jti ?? Guid.NewGuid().ToString("N");
        }

        var expiry = expires ?? now.AddMinutes(2);
        var issued = issuedAt ?? (expiry < now ? expiry.AddMinutes(-2) : now);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = audience,
            Claims = claims,
            IssuedAt = issued,
            NotBefore = issued,
            Expires = expiry,
            TokenType = "client-authentication+jwt",
            SigningCredentials = new SigningCredentials(key, key is RsaSecurityKey ? SecurityAlgorithms.RsaSha256 : SecurityAlgorithms.EcdsaSha256),
        });
    }

    public static ECDsaSecurityKey NewKey(string? kid = null)
    {
        var key = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        key.KeyId = kid ?? Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key;
    }

    /// <summary>The private key <c>tiers clients add</c> wrote, as a signing key with its kid.</summary>
    public static ECDsaSecurityKey ReadPem(string path, string kid)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(File.ReadAllText(path));
        return new ECDsaSecurityKey(ecdsa) { KeyId = kid };
    }

    /// <summary>The public JSON Web Key Set of a key, as an operator would give it to <c>clients add --jwks</c>.</summary>
    public static string PublicKeySet(ECDsaSecurityKey key)
    {
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(key.ECDsa.ExportParameters(false))) { KeyId = key.KeyId });
        return JsonSerializer.Serialize(new { keys = new[] { new { kty = jwk.Kty, crv = jwk.Crv, x = jwk.X, y = jwk.Y, kid = jwk.Kid, use = "sig" } } });
    }

    public static Task<HttpResponseMessage> RequestTokenAsync(HttpClient client, params (string Name, string Value)[] form) =>
        client.PostAsync(new Uri("/connect/token", UriKind.Relative), new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Name, f.Value))), Cancellation);

    public static Task<HttpResponseMessage> RequestTokenWithAssertionAsync(HttpClient client, string clientId, string assertion, string? scope = null)
    {
        var form = new List<(string, string)>
        {
            ("grant_type", "client_credentials"), ("client_id", clientId),
            ("client_assertion_type", AssertionType), ("client_assertion", assertion),
        };
        if (scope is not null)
        {
            form.Add(("scope", scope));
        }

        return RequestTokenAsync(client, [.. form]);
    }

    public static async Task<string> AccessTokenAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.IsSuccessStatusCode, $"token request failed: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    public static Task<HttpResponseMessage> GetPracticeAsync(HttpClient client, string practiceId, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/practices/{practiceId}");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client.SendAsync(request, Cancellation);
    }

    /// <summary>Seeds a small demo through the <c>seed</c> verb and returns the credentials file.</summary>
    public static async Task<JsonDocument> SeedAsync(TestDatabase database)
    {
        var seeded = await database.RunAsync("seed", "--beneficiaries", "20", "--practices", "8");
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        return await CredentialsAsync(database);
    }

    public static async Task<JsonDocument> CredentialsAsync(TestDatabase database) =>
        JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(database.DataDirectory, "demo-credentials.json"), Cancellation));

    /// <summary>The practices of the credentials file: (id, profession).</summary>
    public static List<(string Id, string Profession)> Practices(JsonDocument credentials) =>
        [.. credentials.RootElement.GetProperty("practices").EnumerateArray()
            .Select(p => (p.GetProperty("id").GetString()!, p.GetProperty("profession").GetString()!))];

    /// <summary>Runs <c>clients add</c> and returns what it printed: client id, key id and private key path when generated.</summary>
    public static async Task<(string ClientId, string? KeyId, string? KeyPath)> AddClientAsync(TestDatabase database, params string[] options)
    {
        var result = await database.RunAsync(["clients", "add", .. options]);
        Assert.True(result.ExitCode == 0, result.Error);
        string? Line(string prefix) => result.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
        return (Line("client id: ")!, Line("key id: "), Line("private key: "));
    }
}
