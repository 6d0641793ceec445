using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Accounts;
using TiersPayant.Security.Accounts;
using TiersPayant.Security.Guard;

namespace TiersPayant.Guard;

/// <summary>
/// The security team's decision on a containment. Restoring a portal account gives it a temporary
/// password (shown once to the reviewer, who passes it to the holder by telephone after checking who
/// they are), removes its authenticator, passkeys and recovery codes, and ends its sessions: whoever
/// held them holds nothing now; the holder logs in with the temporary password, enrols a new
/// authenticator and must choose a new password before anything else opens. Restoring an API client
/// revokes every token it holds (the practice rotates its secret or key). Kept closed, the account or
/// client reaches no one's data again; the login itself stays open (the holder reads the notice).
/// </summary>
public sealed class ContainmentReview(
    TiersPayantDbContext db, UserManager<AccountRecord> users, PortalSessions sessions, SecondFactorLimit secondFactor, Containments containments)
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    /// <summary>Restores; returns the temporary password of a portal account (null for a client), or null and false if not open.</summary>
    public async Task<(bool Done, string? TemporaryPassword)> RestoreAsync(Guid containmentId, Guid reviewerId, string reviewer, string note, CancellationToken cancellation)
    {
        var containment = await db.Containments.AsNoTracking().SingleOrDefaultAsync(c => c.Id == containmentId && c.Status == Containments.Open, cancellation);
        if (containment is null)
        {
            return (false, null);
        }

        string? temporary = null;
        if (containment.ClientId is null && containment.AccountId is { } accountId && await users.FindByIdAsync(accountId.ToString()) is { } account)
        {
            temporary = string.Join('-', Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString(Alphabet, 5)));
            Require(await users.RemovePasswordAsync(account));
            Require(await users.AddPasswordAsync(account, temporary));
            foreach (var passkey in await users.GetPasskeysAsync(account))
            {
                Require(await users.RemovePasskeyAsync(account, passkey.CredentialId));
            }

            account.TotpSecretCipher = null;
            account.TotpLastStep = null;
            account.MustChangePassword = true;
            Require(await users.UpdateSecurityStampAsync(account));
            await db.RecoveryCodes.Where(r => r.AccountId == accountId).ExecuteDeleteAsync(cancellation);
            await secondFactor.ResetAsync(accountId, cancellation);
            await sessions.EndAllAsync(accountId, "restored", cancellation);
        }

        // Reviewed last: if anything above failed, the containment is still open and holds.
        return (await containments.ReviewAsync(containmentId, restore: true, reviewerId, reviewer, note, cancellation), temporary);
    }

    /// <summary>Keeps it closed (no one's data, on every node, for good); a portal account's sessions end again.</summary>
    public async Task<bool> KeepClosedAsync(Guid containmentId, Guid reviewerId, string reviewer, string note, CancellationToken cancellation)
    {
        var containment = await db.Containments.AsNoTracking().SingleOrDefaultAsync(c => c.Id == containmentId && c.Status == Containments.Open, cancellation);
        if (containment is null)
        {
            return false;
        }

        if (containment.ClientId is null && containment.AccountId is { } accountId)
        {
            await sessions.EndAllAsync(accountId, "kept-closed", cancellation);
        }

        return await containments.ReviewAsync(containmentId, restore: false, reviewerId, reviewer, note, cancellation);
    }

    private static void Require(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The account could not be reset: " + string.Join(", ", result.Errors.Select(e => e.Code)));
        }
    }
}
