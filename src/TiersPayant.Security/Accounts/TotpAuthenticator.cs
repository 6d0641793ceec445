using System.Text;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using TiersPayant.Data;
using TiersPayant.Data.Accounts;
using TiersPayant.Data.Protection;

namespace TiersPayant.Security.Accounts;

/// <summary>
/// Time-based one-time passwords (RFC 6238 through Otp.NET): 30-second steps, 6 digits, one step
/// of clock drift either way, and each code accepted once on every node (the last accepted step is
/// kept and moved forward by a conditional update). The secret is stored encrypted like personal data.
/// </summary>
public sealed class TotpAuthenticator
{
    private readonly TiersPayantDbContext _db;
    private readonly FieldCipher _cipher;
    private readonly TimeProvider _time;

    // Internal: its dependencies (the keyed hash, the cipher) are sealed inside the guarded path's assemblies.
    internal TotpAuthenticator(TiersPayantDbContext db, FieldCipher cipher, TimeProvider time) =>
        (_db, _cipher, _time) = (db, cipher, time);

    private const int SecretBytes = 20;

    /// <summary>A new random secret, in the Base32 form authenticator apps take.</summary>
    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(SecretBytes));

    /// <summary>The <c>otpauth://</c> URI an authenticator app scans.</summary>
    public static string EnrolmentUri(string secret, string login) =>
        $"otpauth://totp/TiersPayant:{Uri.EscapeDataString(login)}?secret={secret}&issuer=TiersPayant&digits=6&period=30";

    /// <summary>Stores <paramref name="secret"/> on the account (encrypted) and forgets earlier codes.</summary>
    public void Enrol(AccountRecord account, string secret)
    {
        account.TotpSecretCipher = _cipher.Encrypt(Encoding.ASCII.GetBytes(secret), FieldBindings.Totp(account.Id));
        account.TotpLastStep = null;
    }

    /// <summary>
    /// Checks a code against a secret not yet stored (enrolment). Returns the matched step.
    /// </summary>
    public long? Verify(string secret, string? code) => Match(Base32Encoding.ToBytes(secret), code);

    /// <summary>
    /// Checks a code for an enrolled account and, when it is valid and its step is later than any
    /// accepted before, records that step in one conditional statement, so that two requests
    /// racing with the same code on two nodes cannot both succeed.
    /// </summary>
    public async Task<bool> VerifyAndConsumeAsync(AccountRecord account, string? code, CancellationToken cancellation)
    {
        if (account.TotpSecretCipher is null)
        {
            return false;
        }

        var secret = Base32Encoding.ToBytes(Encoding.ASCII.GetString(_cipher.Decrypt(account.TotpSecretCipher, FieldBindings.Totp(account.Id))));
        if (Match(secret, code) is not { } step)
        {
            return false;
        }

        var consumed = await _db.Users.Where(u => u.Id == account.Id && (u.TotpLastStep == null || u.TotpLastStep < step))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TotpLastStep, step), cancellation);
        if (consumed == 0)
        {
            return false;
        }

        account.TotpLastStep = step; // Identity's store writes every property of an account it updates
        return true;
    }

    private long? Match(byte[] secret, string? code)
    {
        var digits = new string((code ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        if (digits.Length != 6)
        {
            return null;
        }

        var totp = new Totp(secret, step: 30, mode: OtpHashMode.Sha1, totpSize: 6);
        return totp.VerifyTotp(_time.GetUtcNow().UtcDateTime, digits, out var step, new VerificationWindow(previous: 1, future: 1)) ? step : null;
    }
}
