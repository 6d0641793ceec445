using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Protection;
using TiersPayant.Data.Records.Accounts;

namespace TiersPayant.Features.Accounts;

/// <summary>
/// Recognises the browsers an account has logged in from (a random identifier in a long-lived
/// cookie, stored as a keyed hash per account), so that a login from any other one is reported to
/// the account holder.
/// </summary>
public sealed class DeviceRecognition(TiersPayantDbContext db, BlindIndex index, TimeProvider time)
{
    public const string CookieName = "tp_device";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(400);

    /// <summary>Records the browser for the account; true when it was not known before.</summary>
    public async Task<bool> RememberAsync(HttpContext context, Guid accountId, CancellationToken cancellation)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var device) || device.Length is < 16 or > 64)
        {
            device = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        }

        context.Response.Cookies.Append(CookieName, device, Cookies.Options(context.Request, Lifetime));
        var hash = index.Compute("device", accountId.ToString("N"), device);
        var known = await db.KnownDevices.SingleOrDefaultAsync(d => d.AccountId == accountId && d.DeviceHash == hash, cancellation);
        var now = time.GetUtcNow();
        if (known is not null)
        {
            known.LastSeenAt = now;
            return false;
        }

        db.KnownDevices.Add(new KnownDeviceRecord { Id = Guid.CreateVersion7(), AccountId = accountId, DeviceHash = hash, FirstSeenAt = now, LastSeenAt = now });
        return true;
    }

    /// <summary>A short description of the browser for the account holder: family and platform, no version.</summary>
    public static string Describe(string? userAgent)
    {
        var ua = userAgent ?? string.Empty;
        var browser = ua.Contains("Edg/", StringComparison.Ordinal) ? "Edge"
            : ua.Contains("Firefox/", StringComparison.Ordinal) ? "Firefox"
            : ua.Contains("Chrome/", StringComparison.Ordinal) ? "Chrome"
            : ua.Contains("Safari/", StringComparison.Ordinal) ? "Safari"
            : "Navigateur inconnu";
        var platform = ua.Contains("Windows", StringComparison.Ordinal) ? "Windows"
            : ua.Contains("Android", StringComparison.Ordinal) ? "Android"
            : ua.Contains("iPhone", StringComparison.Ordinal) || ua.Contains("iPad", StringComparison.Ordinal) ? "iOS"
            : ua.Contains("Mac OS", StringComparison.Ordinal) ? "macOS"
            : ua.Contains("Linux", StringComparison.Ordinal) ? "Linux"
            : "système inconnu";
        return $"{browser} sur {platform}";
    }
}
