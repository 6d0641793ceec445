using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TiersPayant.Data;
using TiersPayant.Data.Configuration;
using TiersPayant.Data.Accounts;
using TiersPayant.Data.Protection;

namespace TiersPayant.Security.Accounts;

/// <summary>
/// Slows password guessing without handing attackers a way to lock real users out:
/// <list type="bullet">
/// <item>per account: the first 10 consecutive failures cost nothing; from the 11th, the account
/// waits 2^(n−10) seconds after each failure, capped at 15 minutes, then may try again; a success
/// resets the count. The wait is never a lock: after it, the right password works.</item>
/// <item>per source address (kept as a keyed hash): at most 30 failures in a 15-minute window,
/// then that address waits for the window to end, whatever account it tries.</item>
/// <item>per known device (a browser that has logged in to the account before, OWASP's "device
/// cookies"): the same schedule as an account, on the device's own count. A known device is not
/// held back by its address's failures nor by the account's failures from other browsers, so an
/// attack from a shared pharmacy or hospital address, or on the account itself, does not lock out
/// the people who work there.</item>
/// </list>
/// Counters live in the database, so every node sees the same ones.
/// </summary>
public sealed class LoginThrottle
{
    private readonly TiersPayantDbContext _db;
    private readonly BlindIndex _index;
    private readonly TimeProvider _time;
    private readonly IOptions<LoginThrottleOptions> _options;

    // Internal: its dependencies (the keyed hash, the cipher) are sealed inside the guarded path's assemblies.
    private readonly DbContextOptions<TiersPayantDbContext> _own;

    internal LoginThrottle(TiersPayantDbContext db, DbContextOptions<TiersPayantDbContext> own, BlindIndex index, TimeProvider time, IOptions<LoginThrottleOptions> options) =>
        (_db, _own, _index, _time, _options) = (db, own, index, time, options);

    /// <summary>Consecutive failures an account may make before waiting.</summary>
    public const int FreeFailures = 10;

    /// <summary>The longest an account waits.</summary>
    public static readonly TimeSpan MaxAccountDelay = TimeSpan.FromMinutes(15);

    /// <summary>The address window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>How long this account must still wait before a password is checked, if at all.</summary>
    public TimeSpan? AccountWait(AccountRecord account)
    {
        if (account.AccessFailedCount <= FreeFailures || account.LockoutEnd is not { } last)
        {
            return null;
        }

        var wait = last - _time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>Records a failure of the account; the caller saves it.</summary>
    public void AccountFailed(AccountRecord account)
    {
        account.AccessFailedCount++;
        // Identity's LockoutEnd holds the end of the wait; Identity's own lockout is off.
        account.LockoutEnd = Delay(account.AccessFailedCount) is { } delay ? _time.GetUtcNow() + delay : null;
    }

    private static TimeSpan? Delay(int failures) => failures > FreeFailures
        ? TimeSpan.FromSeconds(Math.Min(MaxAccountDelay.TotalSeconds, Math.Pow(2, Math.Min(failures - FreeFailures, 20))))
        : null;

    /// <summary>Resets the account's count after a success; the caller saves it.</summary>
    public static void AccountSucceeded(AccountRecord account)
    {
        account.AccessFailedCount = 0;
        account.LockoutEnd = null;
    }

    /// <summary>How long this known device must still wait before a password is checked, if at all.</summary>
    public TimeSpan? DeviceWait(KnownDeviceRecord device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.FailedLogins <= FreeFailures || device.WaitUntil is not { } last)
        {
            return null;
        }

        var wait = last - _time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>Records a wrong password from a known device; the caller saves it.</summary>
    public void DeviceFailed(KnownDeviceRecord device)
    {
        ArgumentNullException.ThrowIfNull(device);
        device.FailedLogins++;
        device.WaitUntil = Delay(device.FailedLogins) is { } delay ? _time.GetUtcNow() + delay : null;
    }

    /// <summary>Resets a known device's count after a right password; the caller saves it.</summary>
    public static void DeviceSucceeded(KnownDeviceRecord device)
    {
        ArgumentNullException.ThrowIfNull(device);
        device.FailedLogins = 0;
        device.WaitUntil = null;
    }

    /// <summary>How long this address must still wait, if at all.</summary>
    public async Task<TimeSpan?> AddressWaitAsync(string address, CancellationToken cancellation)
    {
        var (hash, window) = Key(address);
        var failures = await _db.AddressFailures.AsNoTracking()
            .Where(a => a.AddressHash == hash && a.WindowStart == window).Select(a => a.Failures).FirstOrDefaultAsync(cancellation);
        return failures >= _options.Value.AddressFailuresPerWindow ? window + Window - _time.GetUtcNow() : null;
    }

    /// <summary>Counts a failure from this address.</summary>
    public async Task AddressFailedAsync(string address, CancellationToken cancellation)
    {
        var (hash, window) = Key(address);
        var updated = await _db.AddressFailures.Where(a => a.AddressHash == hash && a.WindowStart == window)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Failures, a => a.Failures + 1), cancellation);
        if (updated == 0)
        {
            // A unit of work of its own, where losing the race to open the window is expected.
            await using var db = new TiersPayantDbContext(_own.ExpectingConflicts());
            db.AddressFailures.Add(new AddressFailureRecord { AddressHash = hash, WindowStart = window, Failures = 1 });
            try
            {
                await db.SaveChangesAsync(cancellation);
            }
            catch (DbUpdateException)
            {
                // Another node or request opened the window first: count on its row.
                await _db.AddressFailures.Where(a => a.AddressHash == hash && a.WindowStart == window)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.Failures, a => a.Failures + 1), cancellation);
            }
        }
    }

    private (byte[] Hash, DateTimeOffset Window) Key(string address)
    {
        var now = _time.GetUtcNow();
        var window = new DateTimeOffset(now.Ticks - (now.Ticks % Window.Ticks), TimeSpan.Zero);
        return (_index.Compute("login-address", address), window);
    }
}

/// <summary><c>Accounts:Login</c> settings of <see cref="LoginThrottle"/>.</summary>
public sealed class LoginThrottleOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Accounts:Login";

    /// <summary>Failures an address may make per 15-minute window (default 30).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int AddressFailuresPerWindow { get; set; } = 30;
}
