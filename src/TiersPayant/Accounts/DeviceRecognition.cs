using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using TiersPayant.Security.Accounts;

namespace TiersPayant.Accounts;

/// <summary>
/// Recognises the browsers an account has logged in from: OWASP's "device cookies". After a
/// successful login the browser holds a random identifier, authenticated by the platform's data
/// protection keys (so it cannot be forged or made up to dodge a limit), and the account keeps a
/// keyed hash of it. A login from any other browser is reported to the holder; a login from a known
/// one is not held back by the failures of its address or of other browsers (see
/// <see cref="PasswordLogin"/>).
/// </summary>
public sealed class DeviceRecognition(KnownDevices known, IDataProtectionProvider protection)
{
    public const string CookieName = "tp_device";
    private const string Purpose = "TiersPayant.Accounts.DeviceCookie";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(400);

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    /// <summary>The identifier of this browser's device cookie when the platform issued it, else null.</summary>
    public string? DeviceId(HttpRequest request) => Read(_protector, request);

    /// <summary>Records the browser for the account; true when it was not known before.</summary>
    public async Task<bool> RememberAsync(HttpContext context, Guid accountId, CancellationToken cancellation)
    {
        var device = DeviceId(context.Request) ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Response.Cookies.Append(CookieName, _protector.Protect(device), Cookies.Options(context.Request, Lifetime));
        return await known.RememberAsync(accountId, device, cancellation);
    }

    /// <summary>The same check as <see cref="DeviceId"/>, for the login rate limiter's partition callback.</summary>
    internal static string? DeviceIdOf(HttpContext context) =>
        Read(context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose), context.Request);

    private static string? Read(IDataProtector protector, HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(CookieName, out var value) || value.Length is < 16 or > 512)
        {
            return null;
        }

        try
        {
            var device = protector.Unprotect(value);
            return device.Length == 32 && device.All(char.IsAsciiHexDigit) ? device : null;
        }
        catch (CryptographicException)
        {
            return null; // an old unsigned cookie, another deployment's, or a made-up one
        }
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
