using System.Globalization;
using TiersPayant.Data;
using TiersPayant.Data.Accounts;
using TiersPayant.Security.Accounts;
using TiersPayant.Web.Localization;

namespace TiersPayant.Accounts;

/// <summary>
/// Checks a typed second factor (an authenticator code, or a recovery code) under the account's
/// <see cref="SecondFactorLimit"/>, for the login and for a session's step-up alike: one claimed
/// evaluation per code, the holder told of the first failure of a series, of the start of the
/// delays and of a suspension, and the security console told of a suspension.
/// </summary>
public sealed class SecondFactorCheck(
    TiersPayantDbContext db, TotpAuthenticator totp, RecoveryCodes recovery, SecondFactorLimit limit,
    AccountNotifications notifications, SecurityEvents events, AccountsMetrics metrics, TimeProvider time)
{
    /// <summary>
    /// Evaluates one typed code, if the account's count allows it now. <paramref name="allowRecoveryCode"/>
    /// is false where only the authenticator will do (a staff account's first login).
    /// </summary>
    public async Task<CodeCheck> CheckAsync(HttpContext context, AccountRecord account, string? code, bool allowRecoveryCode, CancellationToken cancellation)
    {
        var isRecoveryCode = allowRecoveryCode && RecoveryCodes.LooksLikeOne(code);
        var wasSuspended = SecondFactorLimit.IsSuspended(account);
        var claim = await limit.ClaimAsync(account, recovery: isRecoveryCode, cancellation);
        switch (claim.Outcome)
        {
            case SecondFactorClaimOutcome.Suspended:
                metrics.LoginFailed("second-factor", "suspended");
                return CodeCheck.Suspended;
            case SecondFactorClaimOutcome.Waiting:
                metrics.LoginFailed("second-factor", "waiting");
                return CodeCheck.Wait(claim.RetryAfter!.Value);
        }

        var method = isRecoveryCode
            ? await recovery.RedeemAsync(account.Id, code, cancellation) ? "recovery-code" : null
            : await totp.VerifyAndConsumeAsync(account, code, cancellation) ? "totp" : null;
        if (method is not null)
        {
            await limit.SucceededAsync(account, cancellation);
            if (wasSuspended)
            {
                await RecoveredAsync(context, account, cancellation);
            }

            return CodeCheck.Accepted(method, wasSuspended);
        }

        metrics.LoginFailed("second-factor", "wrong-code");
        var device = DeviceRecognition.Describe(context.Request.Headers.UserAgent);
        if (claim.ReachesLimit)
        {
            notifications.Add(account.Id, AccountNotifications.SecondFactorSuspended, Fr(
                $"Après {SecondFactorLimit.MaxFailures} codes erronés à la suite, votre application d'authentification a été suspendue le {ParisTime.Now(time):dd/MM/yyyy 'à' HH:mm} ({device}). Quelqu'un connaît votre mot de passe : connectez-vous avec un code de secours ou votre clé d'accès puis changez-le, ou appelez le support, qui vérifiera votre identité."));
            events.Add(SecurityEvents.SecondFactorSuspended, account.Id, Fr($"{SecondFactorLimit.MaxFailures} échecs consécutifs ; dernier essai : {device}, réseau {SessionPlaces.Of(context).Network}"));
        }
        else if (claim.Failures == 1 || claim.Failures == SecondFactorLimit.FreeFailures + 1)
        {
            // The first failure of a series, and the first that makes the account wait: not one
            // message per guess.
            notifications.Add(account.Id, AccountNotifications.SecondFactorFailed, Fr(
                $"Votre mot de passe a été saisi correctement le {ParisTime.Now(time):dd/MM/yyyy 'à' HH:mm} ({device}), mais le second facteur a échoué. Si ce n'était pas vous, changez votre mot de passe."));
        }

        await db.SaveChangesAsync(cancellation);
        return CodeCheck.Refused(claim.Failures);
    }

    /// <summary>
    /// A passkey proved the holder: the count starts again, and a suspension ends. True when it
    /// ended one (the holder must then change the password).
    /// </summary>
    public async Task<bool> PasskeySucceededAsync(HttpContext context, AccountRecord account, CancellationToken cancellation)
    {
        var wasSuspended = SecondFactorLimit.IsSuspended(account);
        await limit.SucceededAsync(account, cancellation);
        if (wasSuspended)
        {
            await RecoveredAsync(context, account, cancellation);
        }

        return wasSuspended;
    }

    private async Task RecoveredAsync(HttpContext context, AccountRecord account, CancellationToken cancellation)
    {
        events.Add(SecurityEvents.SecondFactorRecovered, account.Id,
            Fr($"{DeviceRecognition.Describe(context.Request.Headers.UserAgent)}, réseau {SessionPlaces.Of(context).Network}"));
        await db.SaveChangesAsync(cancellation);
    }

    private static string Fr(FormattableString text) => text.ToString(CultureInfo.GetCultureInfo("fr-FR"));
}

/// <summary>
/// What <see cref="SecondFactorCheck"/> decided: for an accepted code its method (<c>totp</c> or
/// <c>recovery-code</c>) and whether it lifted a suspension (the holder must then change the
/// password); how long to wait; the count of consecutive failures.
/// </summary>
public sealed record CodeCheck(CodeCheckOutcome Outcome, string? Method = null, bool Recovered = false, TimeSpan? RetryAfter = null, int Failures = 0)
{
    public static CodeCheck Suspended { get; } = new(CodeCheckOutcome.Suspended);

    public static CodeCheck Accepted(string method, bool recovered) => new(CodeCheckOutcome.Accepted, method, recovered);

    public static CodeCheck Wait(TimeSpan retryAfter) => new(CodeCheckOutcome.Waiting, RetryAfter: retryAfter);

    public static CodeCheck Refused(int failures) => new(CodeCheckOutcome.Refused, Failures: failures);
}

public enum CodeCheckOutcome
{
    Accepted,
    Refused,
    Waiting,
    Suspended,
}
