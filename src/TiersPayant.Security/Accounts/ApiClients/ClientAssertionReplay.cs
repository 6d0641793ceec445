using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TiersPayant.Security.Accounts.ApiClients;

/// <summary>
/// Remembers each client assertion (<c>iss</c> and <c>jti</c>) until it expires, so that a
/// captured assertion cannot be replayed: OpenIddict checks an assertion's signature, audience and
/// expiry but keeps no memory of the ones it has seen. The memory is a row of OpenIddict's token
/// table keyed by a SHA-256 hash of client id and <c>jti</c>; its unique index makes the check
/// hold across nodes and between two simultaneous requests.
/// </summary>
public sealed class ClientAssertionReplay(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>The token type of these rows; OpenIddict's pruning removes them like any other spent token.</summary>
    public const string TokenType = "urn:tierspayant:client-assertion";

    /// <summary>Records an assertion; false when the same client already used this <c>jti</c>.</summary>
    public async Task<bool> TryRecordAsync(string clientId, string jti, DateTimeOffset expiresAt, CancellationToken cancellation)
    {
        // A scope of its own: a failed insert must not stay tracked in the request's context,
        // where OpenIddict saves the access token a moment later.
        await using var scope = scopes.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var reference = clientId + "\u001e" + jti;
        if (await tokens.FindByReferenceIdAsync(reference, cancellation) is not null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        try
        {
            await tokens.CreateAsync(new OpenIddictTokenDescriptor
            {
                ReferenceId = reference,
                Type = TokenType,
                Status = Statuses.Redeemed,
                CreationDate = now,
                RedemptionDate = now,
                ExpirationDate = expiresAt,
            }, cancellation);
            return true;
        }
        catch (DbUpdateException)
        {
            // The unique index on the reference: another request recorded it first.
            return false;
        }
    }
}
