using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace TiersPayant.Accounts;

/// <summary>
/// Between the password and the second factor: who passed the password step, when, and (during
/// enrolment) the authenticator secret being set up, in a short-lived encrypted cookie. It opens
/// nothing by itself; only the second factor turns it into a session. Its expiry travels inside
/// and is read on the platform's clock.
/// </summary>
public sealed class PendingLogin(IDataProtectionProvider protection, TimeProvider time)
{
    public const string CookieName = "tp_login";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    public const int MaxAttempts = 5;

    private readonly IDataProtector _protector = protection.CreateProtector("TiersPayant.Accounts.PendingLogin.v2");

    /// <param name="AccountId">Who passed the password step.</param>
    /// <param name="EnrolmentSecret">The TOTP secret being enrolled at a first login.</param>
    /// <param name="Attempts">Wrong second factors so far.</param>
    /// <param name="ReturnUrl">Where to go once logged in.</param>
    /// <param name="PasskeyEnrolment">A staff account's first login: it must register a passkey.</param>
    /// <param name="AssertionState">The server's half of a passkey login in progress.</param>
    /// <param name="ExpiresAt">Set when written: the state is worth nothing after it.</param>
    public sealed record State(Guid AccountId, string? EnrolmentSecret, int Attempts, string? ReturnUrl, bool PasskeyEnrolment = false, string? AssertionState = null, DateTimeOffset? ExpiresAt = null);

    public void Write(HttpResponse response, State state) =>
        response.Cookies.Append(CookieName,
            _protector.Protect(JsonSerializer.Serialize(state with { ExpiresAt = time.GetUtcNow() + Lifetime })),
            Cookies.Options(response.HttpContext.Request, Lifetime));

    public State? Read(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(CookieName, out var value))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<State>(_protector.Unprotect(value)) is { ExpiresAt: { } expires } state && expires > time.GetUtcNow()
                ? state
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public static void Clear(HttpResponse response) => response.Cookies.Delete(CookieName);
}

/// <summary>Cookie settings shared by the portal's own cookies.</summary>
public static class Cookies
{
    public static CookieOptions Options(HttpRequest request, TimeSpan? lifetime) => new()
    {
        HttpOnly = true,
        Secure = request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        MaxAge = lifetime,
        IsEssential = true,
    };
}
