using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Accounts;
using TiersPayant.Data.Protection;

namespace TiersPayant.Security.Accounts;

/// <summary>
/// The browsers an account has logged in from, kept as keyed hashes of their device identifiers
/// (the identifier itself lives only in the browser's cookie).
/// </summary>
public sealed class KnownDevices
{
    private readonly TiersPayantDbContext _db;
    private readonly BlindIndex _index;
    private readonly TimeProvider _time;

    // Internal: its dependencies (the keyed hash, the cipher) are sealed inside the guarded path's assemblies.
    internal KnownDevices(TiersPayantDbContext db, BlindIndex index, TimeProvider time) =>
        (_db, _index, _time) = (db, index, time);

    /// <summary>The account's record of this device, or null when the account has never logged in from it.</summary>
    public Task<KnownDeviceRecord?> FindAsync(Guid accountId, string deviceId, CancellationToken cancellation) =>
        FindAsync(accountId, Hash(accountId, deviceId), cancellation);

    /// <summary>Records a successful login from the device; true when the account did not know it. The caller saves.</summary>
    public async Task<bool> RememberAsync(Guid accountId, string deviceId, CancellationToken cancellation)
    {
        var now = _time.GetUtcNow();
        var hash = Hash(accountId, deviceId);
        if (await FindAsync(accountId, hash, cancellation) is { } known)
        {
            known.LastSeenAt = now;
            return false;
        }

        _db.KnownDevices.Add(new KnownDeviceRecord
        {
            Id = Guid.CreateVersion7(),
            AccountId = accountId,
            DeviceHash = hash,
            FirstSeenAt = now,
            LastSeenAt = now,
        });
        return true;
    }

    private byte[] Hash(Guid accountId, string deviceId) => _index.Compute("device", accountId.ToString("N"), deviceId);

    private Task<KnownDeviceRecord?> FindAsync(Guid accountId, byte[] hash, CancellationToken cancellation) =>
        _db.KnownDevices.SingleOrDefaultAsync(d => d.AccountId == accountId && d.DeviceHash == hash, cancellation);
}
