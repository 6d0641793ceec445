using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Accounts;
using TiersPayant.Domain;
using TiersPayant.Domain.Practices;
using TiersPayant.Security.Accounts;

namespace TiersPayant.Demo;

/// <summary>
/// Demo portal accounts: one professional per practice, with a random password that passes the
/// policy and an authenticator already enrolled, so a new user logs in at once with any TOTP app.
/// Passwords and secrets are random (not derived from the seed): they are credentials.
/// </summary>
internal sealed class DemoAccounts(
    TiersPayantDbContext db, UserManager<AccountRecord> users, RoleManager<IdentityRole<Guid>> roles, TotpAuthenticator totp, TimeProvider time)
{
    private static readonly string[] Words =
    [
        "lilas", "tonnerre", "caravelle", "brioche", "mistral", "falaise", "girafe", "horloge", "lanterne", "marmotte",
        "nuage", "orange", "papillon", "quartz", "renard", "sapin", "tambour", "violon", "whisky", "xylophone",
        "yaourt", "zeste", "abricot", "boussole", "citronnelle", "dauphin", "escargot", "fougere", "grenouille", "hibou",
    ];

    public sealed record Created(string Login, string Password, string TotpSecret, string PracticeId, string Profession);

    /// <summary>
    /// A staff account. Its TOTP secret only opens the registration of its first passkey; from
    /// then on, the passkey is its only second factor.
    /// </summary>
    public sealed record StaffCreated(
        string Login, string Password, string TotpSecret, string Role,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Insurer);

    /// <summary>One staff account per role; the insurer manager manages the first insurer.</summary>
    public async Task<List<StaffCreated>> CreateStaffAsync(string managedInsurer, CancellationToken cancellation)
    {
        var created = new List<StaffCreated>();
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() }));
            }

            var insurer = role == StaffRoles.InsurerManager ? managedInsurer : null;
            var login = "personnel." + role;
            var account = new AccountRecord
            {
                Id = Guid.CreateVersion7(),
                UserName = login,
                Email = $"{login}@demo.tierspayant.invalid",
                EmailConfirmed = true,
                Kind = AccountKinds.Staff,
                DisplayName = $"{DemoNames.FemaleFirstNames[(created.Count * 5 + 3) % DemoNames.FemaleFirstNames.Length]} {DemoNames.LastNames[(created.Count * 13 + 7) % DemoNames.LastNames.Length]}",
                InsurerAmc = insurer,
                CreatedAt = time.GetUtcNow(),
            };
            var secret = TotpAuthenticator.NewSecret();
            totp.Enrol(account, secret);
            var password = Password(account);
            Check(await users.CreateAsync(account, password));
            Check(await users.AddToRoleAsync(account, role));
            created.Add(new StaffCreated(login, password, secret, role, insurer));
        }

        return created;
    }

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
            Check(await users.CreateAsync(account, password));
            created.Add(new Created(login, password, secret, practice.Id.ToString(), practice.Profession.Code()));
        }

        return created;
    }

    /// <summary>Removes every account (a demo database holds only demo accounts).</summary>
    public Task ClearAsync(CancellationToken cancellation) => db.Users.ExecuteDeleteAsync(cancellation);

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo account refused: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }

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
