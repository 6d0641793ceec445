using TiersPayant.Domain.Practices;
using TiersPayant.Security.Accounts.ApiClients;

namespace TiersPayant.Accounts.ApiClients;

/// <summary>
/// The demo's API clients: one per profession that works from practice software every day, with a
/// secret so a new user can try the API with curl at once. Seeding replaces them all, as it
/// replaces the practices they belong to.
/// </summary>
internal static class DemoApiClients
{
    private static readonly Profession[] Professions =
        [Profession.Pharmacien, Profession.Opticien, Profession.Audioprothesiste, Profession.ChirurgienDentiste];

    /// <summary>Removes every API client; in a demo database each belongs to a practice about to be replaced.</summary>
    public static Task RemoveAllAsync(ApiClientRegistry registry, CancellationToken cancellation) => registry.RemoveAllAsync(cancellation);

    /// <summary>Registers a client for the first practice of each of the four professions (those present).</summary>
    public static async Task<IReadOnlyList<DemoApiClient>> AddAsync(ApiClientRegistry registry, IReadOnlyList<Practice> practices, CancellationToken cancellation)
    {
        var clients = new List<DemoApiClient>();
        foreach (var profession in Professions)
        {
            if (practices.FirstOrDefault(p => p.Profession == profession) is { } practice)
            {
                var (clientId, secret) = await registry.AddDemoAsync(practice.Id, cancellation);
                clients.Add(new DemoApiClient(clientId, secret, practice.Id.ToString(), profession.Code()));
            }
        }

        return clients;
    }
}

/// <summary>An entry of <c>apiClients</c> in the demo credentials file (CONTRACT.md).</summary>
internal sealed record DemoApiClient(string ClientId, string ClientSecret, string PracticeId, string Profession);
