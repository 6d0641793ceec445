using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace TiersPayant.Accounts;

/// <summary>
/// The server's half of a passkey ceremony between the page that asks the authenticator and the
/// post that returns its answer: encrypted, for five minutes, bound to its owner (the account
/// registering a passkey, or the session stepping up), one cookie per kind of ceremony. The
/// expiry is part of the protected text and read on the platform's clock (the data protector's own
/// time limit would read the machine's, another clock than the one everything else runs on).
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

    private readonly IDataProtector _registration = protection.CreateProtector("TiersPayant.Accounts.PasskeyState.v2");

    private readonly IDataProtector _stepUp = protection.CreateProtector("TiersPayant.Accounts.PasskeyState.StepUp.v2");

    public void Write(HttpResponse response, Guid ownerId, string state, Ceremony ceremony = Ceremony.Registration) =>
        response.Cookies.Append(CookieName(ceremony),
            Protector(ceremony).Protect(string.Create(CultureInfo.InvariantCulture, $"{(time.GetUtcNow() + PendingLogin.Lifetime).UtcTicks:D19}|{ownerId:N}|{state}")),
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
            var text = Protector(ceremony).Unprotect(value);
            // 19 digits of expiry ticks, '|', 32 of owner, '|', the state.
            return text.Length > 53 && text[19] == '|' && text[52] == '|'
                && long.TryParse(text.AsSpan(0, 19), NumberStyles.None, CultureInfo.InvariantCulture, out var expires) && expires > time.GetUtcNow().UtcTicks
                && text[20..52] == ownerId.ToString("N") ? text[53..] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private static string CookieName(Ceremony ceremony) => ceremony == Ceremony.StepUp ? "tp_stepup" : "tp_passkey";

    private IDataProtector Protector(Ceremony ceremony) => ceremony == Ceremony.StepUp ? _stepUp : _registration;
}
