using Microsoft.AspNetCore.DataProtection;

namespace TiersPayant.Features.Accounts;

/// <summary>
/// The server's half of a passkey registration between the page that asks the authenticator and
/// the post that returns its answer: encrypted, for five minutes, bound to the account.
/// </summary>
public sealed class PasskeyState(IDataProtectionProvider protection, TimeProvider time)
{
    private const string CookieName = "tp_passkey";

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("TiersPayant.Accounts.PasskeyState").ToTimeLimitedDataProtector();

    public void Write(HttpResponse response, Guid accountId, string state) =>
        response.Cookies.Append(CookieName, _protector.Protect($"{accountId:N}|{state}", time.GetUtcNow() + PendingLogin.Lifetime),
            Cookies.Options(response.HttpContext.Request, PendingLogin.Lifetime));

    public string? Take(HttpRequest request, HttpResponse response, Guid accountId)
    {
        response.Cookies.Delete(CookieName);
        if (!request.Cookies.TryGetValue(CookieName, out var value))
        {
            return null;
        }

        try
        {
            var text = _protector.Unprotect(value, out var expiration);
            var separator = text.IndexOf('|', StringComparison.Ordinal);
            return expiration > time.GetUtcNow() && separator == 32 && text[..32] == accountId.ToString("N") ? text[33..] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
