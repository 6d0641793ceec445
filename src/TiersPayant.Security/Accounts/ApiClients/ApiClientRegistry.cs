using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using TiersPayant.Data;
using TiersPayant.Domain;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TiersPayant.Security.Accounts.ApiClients;

/// <summary>
/// Registers the software of a practice as an OAuth 2.0 client (an OpenIddict application) that
/// may use the client-credentials grant for the three API scopes. Every client belongs to exactly
/// one practice, kept in the application's properties and copied into each of its tokens.
/// </summary>
public sealed class ApiClientRegistry(IOpenIddictApplicationManager applications, TiersPayantDbContext db, TimeProvider time)
{
    /// <summary>Application property holding the practice identifier.</summary>
    public const string PracticeProperty = "practice_id";

    /// <summary>Application property holding an auditor client's name (an auditor has no practice).</summary>
    public const string AuditorProperty = "auditor";

    /// <summary>Application property set on clients that the demo seeding created (the only ones that may hold a secret).</summary>
    public const string DemoProperty = "demo";

    /// <summary>Registers a client that authenticates with the given public keys (signed assertions, or a certificate for mutual TLS).</summary>
    /// <exception cref="UnknownPracticeException">No practice has this identifier.</exception>
    public async Task<string> AddAsync(PracticeId practice, string? name, JsonWebKeySet keys, CancellationToken cancellation)
    {
        var practiceName = await PracticeNameAsync(practice, cancellation);
        var descriptor = Describe(practice, string.IsNullOrWhiteSpace(name) ? $"Logiciel de {practiceName}" : name.Trim(), demo: false);
        descriptor.JsonWebKeySet = keys;
        await applications.CreateAsync(descriptor, cancellation);
        return descriptor.ClientId!;
    }

    /// <summary>
    /// Registers a demo client with a random secret, which is returned once and stored only as a
    /// hash. Secrets are accepted only for such clients, and only while the configuration allows them.
    /// </summary>
    /// <exception cref="UnknownPracticeException">No practice has this identifier.</exception>
    public async Task<(string ClientId, string Secret)> AddDemoAsync(PracticeId practice, CancellationToken cancellation)
    {
        var practiceName = await PracticeNameAsync(practice, cancellation);
        var descriptor = Describe(practice, $"Démo — logiciel de {practiceName}", demo: true);
        var secret = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        descriptor.ClientSecret = secret;
        await applications.CreateAsync(descriptor, cancellation);
        return (descriptor.ClientId!, secret);
    }

    /// <summary>
    /// Registers an auditor's client (an insurer's, a supervisory authority's, a witness's): it may
    /// ask only for the <c>audit</c> scope, which reads the disclosure log's checkpoints, tiles and
    /// proofs and nobody's data. It authenticates like a practice's software.
    /// </summary>
    public async Task<string> AddAuditorAsync(string name, JsonWebKeySet keys, CancellationToken cancellation)
    {
        var descriptor = DescribeAuditor(name, demo: false);
        descriptor.JsonWebKeySet = keys;
        await applications.CreateAsync(descriptor, cancellation);
        return descriptor.ClientId!;
    }

    /// <summary>Registers the demo's auditor client with a random secret (returned once).</summary>
    public async Task<(string ClientId, string Secret)> AddDemoAuditorAsync(string name, CancellationToken cancellation)
    {
        var descriptor = DescribeAuditor(name, demo: true);
        var secret = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        descriptor.ClientSecret = secret;
        await applications.CreateAsync(descriptor, cancellation);
        return (descriptor.ClientId!, secret);
    }

    /// <summary>The name of an auditor client, from its application properties; null for any other application.</summary>
    public static string? AuditorOf(ImmutableDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(AuditorProperty, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Removes every API client (with its tokens), and the demo's auditors; the demo seeding calls it before replacing the practices.</summary>
    public async Task<int> RemoveAllAsync(CancellationToken cancellation)
    {
        var clients = new List<object>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellation))
        {
            var properties = await applications.GetPropertiesAsync(application, cancellation);
            if (PracticeOf(properties) is not null || (AuditorOf(properties) is not null && IsDemo(properties)))
            {
                clients.Add(application);
            }
        }

        foreach (var client in clients)
        {
            await applications.DeleteAsync(client, cancellation);
        }

        return clients.Count;
    }

    /// <summary>The practice of a client, from its application properties; null for an application that is not an API client.</summary>
    public static PracticeId? PracticeOf(ImmutableDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(PracticeProperty, out var value) && value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id)
            ? new PracticeId(id)
            : null;

    /// <summary>Whether a client was created by the demo seeding.</summary>
    public static bool IsDemo(ImmutableDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(DemoProperty, out var value) && value.ValueKind == JsonValueKind.True;

    private async Task<string> PracticeNameAsync(PracticeId practice, CancellationToken cancellation) =>
        await db.Practices.AsNoTracking().Where(p => p.Id == practice.Value).Select(p => p.Name).FirstOrDefaultAsync(cancellation)
            ?? throw new UnknownPracticeException();

    private OpenIddictApplicationDescriptor Describe(PracticeId practice, string displayName, bool demo)
    {
        var descriptor = Client(displayName, demo, ApiClientScopes.All);
        descriptor.Properties[PracticeProperty] = JsonSerializer.SerializeToElement(practice.ToString());
        return descriptor;
    }

    private OpenIddictApplicationDescriptor DescribeAuditor(string name, bool demo)
    {
        var trimmed = name.Trim();
        var descriptor = Client(trimmed, demo, [ApiClientScopes.Audit]);
        descriptor.Properties[AuditorProperty] = JsonSerializer.SerializeToElement(trimmed);
        return descriptor;
    }

    private OpenIddictApplicationDescriptor Client(string displayName, bool demo, IEnumerable<string> scopes)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            // Random and meaningless: a client id names no practice and cannot be guessed from one.
            ClientId = "tp-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            ClientType = ClientTypes.Confidential,
            DisplayName = displayName,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var scope in scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        descriptor.Properties["created_at"] = JsonSerializer.SerializeToElement(time.GetUtcNow());
        if (demo)
        {
            descriptor.Properties[DemoProperty] = JsonSerializer.SerializeToElement(true);
        }

        return descriptor;
    }
}

/// <summary>The practice given for a client does not exist.</summary>
public sealed class UnknownPracticeException() : Exception("No practice has this identifier.");
