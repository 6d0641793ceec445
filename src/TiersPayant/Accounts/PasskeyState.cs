using Microsoft.AspNetCore.DataProtection;

namespace TiersPayant.Accounts;

/// <summary>
/// The server's half of a passkey ceremony between the page that asks the authenticator and the
/// post that returns its answer: encrypted, for five minutes, bound to its owner (the account
/// registering a passkey, or the session stepping up), one cookie per kind of ceremony.
/// </summary>
public sealed class PasskeyState(IDataProtectionProvider protection, TimeProvider time)
{
    public enum Ceremony
    {
        /// <summary>Registering a passkey (owner: the account).</summary>
        Registration,

        /// <summary>A session's step-up (owner: the session).</summary>
        StepUp,
    }

    private readonly ITimeLimitedDataProtector _registration =
        protection.CreateProtector("TiersPayant.Accounts.PasskeyState").ToTimeLimitedDataProtector();

    private readonly ITimeLimitedDataProtector _stepUp =
        protection.CreateProtector("TiersPayant.Accounts.PasskeyState.StepUp").ToTimeLimitedDataProtector();

    public void Write(HttpResponse response, Guid ownerId, string state, Ceremony ceremony = Ceremony.Registration) =>
        response.Cookies.Append(CookieName(ceremony), Protector(ceremony).Protect($"{ownerId:N}|{state}", time.GetUtcNow() + PendingLogin.Lifetime),
            Cookies.Options(response.HttpContext.Request, PendingLogin.Lifetime));

    public string? Take(HttpRequest request, HttpResponse response, Guid ownerId, Ceremony ceremony = Ceremony.Registration)
    {
        response.Cookies.Delete(CookieName(ceremony));
        if (!request.Cookies.TryGetValue(CookieName(ceremony), out var value))
        {
            return null;
        }

        try
        {
            var text = Protector(ceremony).Unprotect(value, out var expiration);
            var separator = text.IndexOf('|', StringComparison.Ordinal);
            return expiration > time.GetUtcNow() && separator == 32 && text[..32] == ownerId.ToString("N") ? text[33..] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private static string CookieName(Ceremony ceremony) => ceremony == Ceremony.StepUp ? "tp_stepup" : "tp_passkey";

    private ITimeLimitedDataProtector Protector(Ceremony ceremony) => ceremony == Ceremony.StepUp ? _stepUp : _registration;
}
