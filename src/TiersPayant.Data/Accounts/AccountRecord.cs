using Microsoft.AspNetCore.Identity;

namespace TiersPayant.Data.Accounts;

/// <summary>
/// A person's account (ASP.NET Core Identity user): a health professional of one practice, or a
/// member of the platform's or an insurer's staff. Never shared between people.
/// </summary>
public sealed class AccountRecord : IdentityUser<Guid>
{
    /// <summary><c>professional</c> or <c>staff</c>.</summary>
    public required string Kind { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>The practice a professional works for; null for staff.</summary>
    public Guid? PracticeId { get; set; }

    /// <summary>RPPS number (11 digits) of a professional, used to map Pro Santé Connect identities.</summary>
    public string? Rpps { get; set; }

    /// <summary>For an insurer manager: the insurer (AMC number) whose data they may see.</summary>
    public string? InsurerAmc { get; set; }

    /// <summary>The TOTP secret, encrypted like personal data; null until an authenticator is enrolled.</summary>
    public byte[]? TotpSecretCipher { get; set; }

    /// <summary>
    /// Set when the security team gave the account back after a containment, with a temporary
    /// password: nothing but the password change opens until the holder has chosen a new one.
    /// </summary>
    public bool MustChangePassword { get; set; }

    /// <summary>The last TOTP time step accepted: a code is usable once.</summary>
    public long? TotpLastStep { get; set; }

    /// <summary>
    /// Consecutive wrong guessable second factors (authenticator or recovery codes), whatever the
    /// address, session or pending login they came from; only a right second factor resets it.
    /// </summary>
    public int SecondFactorFailures { get; set; }

    /// <summary>Before this instant no guessable second factor of the account is evaluated.</summary>
    public DateTimeOffset? SecondFactorWaitUntil { get; set; }

    /// <summary>When the consecutive failures reached the limit: the authenticator is suspended until the holder recovers.</summary>
    public DateTimeOffset? SecondFactorSuspendedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
