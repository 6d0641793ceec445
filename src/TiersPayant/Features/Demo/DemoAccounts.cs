using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Records.Accounts;
using TiersPayant.Domain;
using TiersPayant.Domain.Practices;
using TiersPayant.Security.Accounts;

namespace TiersPayant.Features.Demo;

/// <summary>
/// Demo portal accounts: one professional per practice, with a random password that passes the
/// policy and an authenticator already enrolled, so a new user logs in at once with any TOTP app.
/// Passwords and secrets are random (not derived from the seed): they are credentials.
/// </summary>
internal sealed class DemoAccounts(TiersPayantDbContext db, UserManager<AccountRecord> users, TotpAuthenticator totp, TimeProvider time)
{
    private static readonly string[] Words =
    [
        "lilas", "tonnerre", "caravelle", "brioche", "mistral", "falaise", "girafe", "horloge", "lanterne", "marmotte",
        "nuage", "orange", "papillon", "quartz", "renard", "sapin", "tambour", "violon", "whisky", "xylophone",
        "yaourt", "zeste", "abricot", "boussole", "citronnelle", "dauphin", "escargot", "fougere", "grenouille", "hibou",
    ];

    public sealed record Created(string Login, string Password, string TotpSecret, string PracticeId, string Profession);

    public async Task<List<Created>> CreateAsync(IReadOnlyList<Practice> practices, CancellationToken cancellation)
    {
        var created = new List<Created>();
        var perProfession = new Dictionary<Profession, int>();
        foreach (var practice in practices)
        {
            var n = perProfession[practice.Profession] = perProfession.GetValueOrDefault(practice.Profession) + 1;
            var login = string.Create(CultureInfo.InvariantCulture, $"{practice.Profession.Code()}.{n}");
            var account = new AccountRecord
            {
                Id = Guid.CreateVersion7(),
                UserName = login,
                Email = $"{login}@demo.tierspayant.invalid",
                EmailConfirmed = true,
                Kind = AccountKinds.Professional,
                DisplayName = $"{DemoNames.FemaleFirstNames[(created.Count * 7) % DemoNames.FemaleFirstNames.Length]} {DemoNames.LastNames[(created.Count * 11) % DemoNames.LastNames.Length]}",
                PracticeId = practice.Id.Value,
                Rpps = Rpps(created.Count),
                CreatedAt = time.GetUtcNow(),
            };
            var secret = TotpAuthenticator.NewSecret();
            totp.Enrol(account, secret);
            var password = Password(account);
            var result = await users.CreateAsync(account, password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("Demo account refused: " + string.Join("; ", result.Errors.Select(e => e.Code)));
            }

            created.Add(new Created(login, password, secret, practice.Id.ToString(), practice.Profession.Code()));
        }

        return created;
    }

    /// <summary>Removes every account (a demo database holds only demo accounts).</summary>
    public Task ClearAsync(CancellationToken cancellation) => db.Users.ExecuteDeleteAsync(cancellation);

    private static string Password(AccountRecord account)
    {
        while (true)
        {
            var words = Enumerable.Range(0, 3).Select(_ => Words[RandomNumberGenerator.GetInt32(Words.Length)]);
            var candidate = string.Create(CultureInfo.InvariantCulture, $"{string.Join('-', words)}-{RandomNumberGenerator.GetInt32(10, 100)}");
            if (PasswordPolicy.Check(candidate, [account.UserName, account.DisplayName]).Succeeded)
            {
                return candidate;
            }
        }
    }

    // RPPS numbers start with 10 and end with a Luhn check digit.
    private static string Rpps(int index)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"10{900_000_00 + index:D8}");
        return body + Luhn.CheckDigit(body).ToString(CultureInfo.InvariantCulture);
    }
}
