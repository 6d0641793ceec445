using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Accounts;

namespace TiersPayant.Security.Accounts;

/// <summary>
/// The first step of a portal login. Unknown login, wrong password and an account that must
/// wait all give the same answer after the same work (a password hash is always computed), so
/// the answer says nothing about which accounts exist.
/// </summary>
public sealed class PasswordLogin(
    TiersPayantDbContext db,
    UserManager<AccountRecord> users,
    IPasswordHasher<AccountRecord> hasher,
    LoginThrottle throttle,
    KnownDevices devices,
    PasswordHashingGate gate,
    AccountsMetrics metrics,
    Guard.CredentialStuffingWatch stuffing)
{
    // Verified when the login is unknown, so that it costs what a real check costs.
    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<AccountRecord>().HashPassword(null!, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    /// <summary>
    /// Checks a login and password from <paramref name="address"/>. <paramref name="deviceId"/> is
    /// the browser's authenticated device identifier, if it has one: when it is a known device of
    /// the account, the address's failures do not hold it back and its own failures count on it
    /// alone (neither on the account nor on the address).
    /// </summary>
    public async Task<PasswordLoginResult> CheckAsync(string? login, string? password, string address, string? deviceId, CancellationToken cancellation)
    {
        if (string.IsNullOrWhiteSpace(login) || string.IsNullOrEmpty(password) || login.Length > 256 || password.Length > PasswordPolicy.MaximumLength)
        {
            metrics.LoginFailed("password", "malformed");
            return PasswordLoginResult.Refused;
        }

        var normalized = users.NormalizeName(login.Trim());
        var account = await db.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellation);
        var device = account is null || deviceId is null ? null : await devices.FindAsync(account.Id, deviceId, cancellation);
        if (device is null && await throttle.AddressWaitAsync(address, cancellation) is { } addressWait)
        {
            metrics.LoginFailed("password", "address-throttled");
            return PasswordLoginResult.Wait(addressWait);
        }

        var mustWait = device is not null ? throttle.DeviceWait(device) is not null : account is not null && throttle.AccountWait(account) is not null;

        bool Verify()
        {
            if (account is null || mustWait)
            {
                hasher.VerifyHashedPassword(account!, DecoyHash.Value, password); // same cost, answer ignored
                return false;
            }

            return hasher.VerifyHashedPassword(account, account.PasswordHash ?? DecoyHash.Value, password) != PasswordVerificationResult.Failed;
        }

        var (ran, verified) = await gate.TryRunAsync(() => Task.FromResult(Verify()), cancellation);
        if (!ran)
        {
            metrics.LoginFailed("password", "busy");
            return PasswordLoginResult.Busy;
        }

        if (!verified || account is null)
        {
            if (device is not null)
            {
                if (!mustWait)
                {
                    throttle.DeviceFailed(device);
                    await db.SaveChangesAsync(cancellation);
                }
            }
            else
            {
                if (account is not null && !mustWait)
                {
                    throttle.AccountFailed(account);
                    await db.SaveChangesAsync(cancellation);
                }

                await throttle.AddressFailedAsync(address, cancellation);
            }

            await stuffing.FailedAsync(login, address, cancellation);

            metrics.LoginFailed("password", account is null ? "unknown-login" : mustWait ? "account-waiting" : "wrong-password");
            return PasswordLoginResult.Refused;
        }

        if (device is not null)
        {
            LoginThrottle.DeviceSucceeded(device);
        }
        else
        {
            LoginThrottle.AccountSucceeded(account);
        }

        await db.SaveChangesAsync(cancellation);
        return PasswordLoginResult.Accepted(account);
    }

}

/// <summary>What the password step decided.</summary>
public sealed record PasswordLoginResult(PasswordLoginOutcome Outcome, AccountRecord? Account, TimeSpan? RetryAfter)
{
    /// <summary>Wrong login or password, or an account that must wait: one answer for all.</summary>
    public static PasswordLoginResult Refused { get; } = new(PasswordLoginOutcome.Refused, null, null);

    /// <summary>Too many logins being checked right now.</summary>
    public static PasswordLoginResult Busy { get; } = new(PasswordLoginOutcome.Busy, null, TimeSpan.FromSeconds(5));

    /// <summary>The address made too many failures.</summary>
    public static PasswordLoginResult Wait(TimeSpan wait) => new(PasswordLoginOutcome.Throttled, null, wait);

    /// <summary>The password is right: the second factor comes next.</summary>
    public static PasswordLoginResult Accepted(AccountRecord account) => new(PasswordLoginOutcome.Accepted, account, null);
}

/// <summary>Outcomes of <see cref="PasswordLogin"/>.</summary>
public enum PasswordLoginOutcome
{
    /// <summary>Not accepted.</summary>
    Refused,
    /// <summary>Try later (address throttled).</summary>
    Throttled,
    /// <summary>Try later (server busy hashing).</summary>
    Busy,
    /// <summary>Password right.</summary>
    Accepted,
}
