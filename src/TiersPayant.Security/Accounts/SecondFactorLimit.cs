using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Accounts;

namespace TiersPayant.Security.Accounts;

/// <summary>
/// Limits guessing of an account's second factor by someone who has its password, across every
/// address, session, pending login and node (NIST SP 800-63B §5.2.2: at most 100 consecutive
/// failures):
/// <list type="bullet">
/// <item>the first <see cref="FreeFailures"/> consecutive wrong codes cost nothing (a person mistyping);</item>
/// <item>from then on, after the n-th the account waits 2^(n−5) seconds, at most 15 minutes, before
/// any authenticator or recovery code is evaluated again;</item>
/// <item>at <see cref="MaxFailures"/> the authenticator is suspended: its codes are no longer
/// evaluated until the holder recovers (a recovery code or a passkey) or the security team resets it.</item>
/// </list>
/// Every evaluation is claimed in the database before the code is looked at (a conditional update
/// on the count), so racing requests cannot evaluate more codes than the count allows, and only a
/// right second factor resets it: entering the password again changes nothing. Passkeys cannot be
/// guessed and are never held back.
/// </summary>
public sealed class SecondFactorLimit(TiersPayantDbContext db, TimeProvider time)
{
    /// <summary>Consecutive wrong codes before the account waits.</summary>
    public const int FreeFailures = 5;

    /// <summary>Consecutive wrong codes that suspend the authenticator.</summary>
    public const int MaxFailures = 100;

    /// <summary>The longest wait between two evaluated codes.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    /// <summary>How long the account waits after its <paramref name="failures"/>-th consecutive failure.</summary>
    public static TimeSpan DelayAfter(int failures) => failures <= FreeFailures
        ? TimeSpan.Zero
        : TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, Math.Min(failures - FreeFailures, 20))));

    /// <summary>Whether the account's authenticator is suspended (its consecutive failures reached the limit).</summary>
    public static bool IsSuspended(AccountRecord account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return account.SecondFactorFailures >= MaxFailures;
    }

    /// <summary>
    /// Reserves the evaluation of one guessable code, counted as a failure until
    /// <see cref="SucceededAsync"/> says otherwise. Authenticator codes are refused once the
    /// authenticator is suspended; recovery codes (<paramref name="recovery"/>) still wait their turn.
    /// </summary>
    public async Task<SecondFactorClaim> ClaimAsync(AccountRecord account, bool recovery, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(account);
        // The account as this request loaded it: if another request has counted since, the
        // conditional update below finds another count and claims nothing.
        var failures = account.SecondFactorFailures;
        if (IsSuspended(account) && !recovery)
        {
            return new SecondFactorClaim(SecondFactorClaimOutcome.Suspended, failures, null);
        }

        var now = time.GetUtcNow();
        if (account.SecondFactorWaitUntil - now is { Ticks: > 0 } wait)
        {
            return new SecondFactorClaim(SecondFactorClaimOutcome.Waiting, failures, wait);
        }

        var count = failures + 1;
        DateTimeOffset? waitUntil = DelayAfter(count) is { Ticks: > 0 } delay ? now + delay : null;
        DateTimeOffset? suspendedAt = count >= MaxFailures ? account.SecondFactorSuspendedAt ?? now : null;
        var claimed = await db.Users.Where(u => u.Id == account.Id && u.SecondFactorFailures == failures)
            .ExecuteUpdateAsync(s => s
                .SetProperty(u => u.SecondFactorFailures, count)
                .SetProperty(u => u.SecondFactorWaitUntil, waitUntil)
                .SetProperty(u => u.SecondFactorSuspendedAt, suspendedAt), cancellation);
        if (claimed == 0)
        {
            // Another request of the account was evaluated meanwhile: its outcome decides.
            return new SecondFactorClaim(SecondFactorClaimOutcome.Waiting, failures, TimeSpan.FromSeconds(1));
        }

        Mirror(account, count, waitUntil, suspendedAt);
        return new SecondFactorClaim(SecondFactorClaimOutcome.Claimed, count, null);
    }

    /// <summary>A right second factor: the count starts again and a suspension ends.</summary>
    public async Task SucceededAsync(AccountRecord account, CancellationToken cancellation)
    {
        await ClearAsync(account.Id, cancellation);
        Mirror(account, 0, null, null);
    }

    /// <summary>Ends a suspension and the wait (the security team, after checking the holder's identity).</summary>
    public Task<int> ResetAsync(Guid accountId, CancellationToken cancellation) => ClearAsync(accountId, cancellation);

    private Task<int> ClearAsync(Guid accountId, CancellationToken cancellation) =>
        db.Users.Where(u => u.Id == accountId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.SecondFactorFailures, 0)
            .SetProperty(u => u.SecondFactorWaitUntil, (DateTimeOffset?)null)
            .SetProperty(u => u.SecondFactorSuspendedAt, (DateTimeOffset?)null), cancellation);

    // Identity's store writes every property of a tracked account it updates: keep them current.
    private static void Mirror(AccountRecord account, int failures, DateTimeOffset? waitUntil, DateTimeOffset? suspendedAt)
    {
        account.SecondFactorFailures = failures;
        account.SecondFactorWaitUntil = waitUntil;
        account.SecondFactorSuspendedAt = suspendedAt;
    }
}

/// <summary>What <see cref="SecondFactorLimit.ClaimAsync"/> decided.</summary>
/// <param name="Outcome">Whether the code may be evaluated.</param>
/// <param name="Failures">The count after the claim (the claimed evaluation included).</param>
/// <param name="RetryAfter">For <see cref="SecondFactorClaimOutcome.Waiting"/>: how long.</param>
public sealed record SecondFactorClaim(SecondFactorClaimOutcome Outcome, int Failures, TimeSpan? RetryAfter)
{
    /// <summary>This evaluation brought the account to the limit: if the code is wrong, the authenticator is now suspended.</summary>
    public bool ReachesLimit => Outcome == SecondFactorClaimOutcome.Claimed && Failures == SecondFactorLimit.MaxFailures;
}

/// <summary>Outcomes of a claim.</summary>
public enum SecondFactorClaimOutcome
{
    /// <summary>Evaluate the code.</summary>
    Claimed,
    /// <summary>Not now: the account waits after its last failures.</summary>
    Waiting,
    /// <summary>The authenticator is suspended; only a recovery code or a passkey can open the account.</summary>
    Suspended,
}
