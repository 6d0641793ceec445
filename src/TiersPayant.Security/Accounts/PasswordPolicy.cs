using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Identity;
using TiersPayant.Data.Accounts;
using TiersPayant.Domain.Identity;

namespace TiersPayant.Security.Accounts;

/// <summary>
/// What makes a password acceptable (NIST SP 800-63B style): at least 12 characters, at most 128,
/// no composition rules; refused when it is one of the 30,000 most common passwords of the
/// <c>zxcvbn-core</c> package's frequency list (passwords.lst, compiled from leaked password
/// corpora by Dropbox's zxcvbn), when zxcvbn rates it weak (score below 3), or when it contains the
/// account's own names, login or the word "tierspayant".
/// </summary>
public sealed class PasswordPolicy : IPasswordValidator<AccountRecord>
{
    /// <summary>Shortest password accepted.</summary>
    public const int MinimumLength = 12;

    /// <summary>Longest password accepted (hashing cost stays bounded).</summary>
    public const int MaximumLength = 128;

    private static readonly Lazy<FrozenSet<string>> Common = new(LoadCommonPasswords);

    /// <summary>Number of entries in the common-password blocklist.</summary>
    public static int BlocklistSize => Common.Value.Count;

    /// <inheritdoc />
    public Task<IdentityResult> ValidateAsync(UserManager<AccountRecord> manager, AccountRecord user, string? password) =>
        Task.FromResult(Check(password, [user.UserName, user.DisplayName, user.Email?.Split('@')[0]]));

    /// <summary>Checks a password against the policy; <paramref name="personal"/> are the account's own words.</summary>
    public static IdentityResult Check(string? password, IEnumerable<string?> personal)
    {
        password ??= string.Empty;
        if (password.Length < MinimumLength)
        {
            return Fail("PasswordTooShort", $"Le mot de passe doit contenir au moins {MinimumLength} caractères.");
        }

        if (password.Length > MaximumLength)
        {
            return Fail("PasswordTooLong", $"Le mot de passe doit contenir au plus {MaximumLength} caractères.");
        }

        var lower = password.ToLowerInvariant();
        if (Common.Value.Contains(lower))
        {
            return Fail("PasswordCommon", "Ce mot de passe figure parmi les mots de passe les plus courants.");
        }

        var flat = NameNormalizer.Normalize(password).Replace(" ", "", StringComparison.Ordinal);
        var words = personal.SelectMany(p => NameNormalizer.Normalize(p).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length >= 3).Append("TIERSPAYANT");
        if (words.Any(w => flat.Contains(w, StringComparison.Ordinal)))
        {
            return Fail("PasswordPersonal", "Le mot de passe ne doit contenir ni votre nom, ni votre identifiant, ni « tierspayant ».");
        }

        var strength = Zxcvbn.Zxcvbn.MatchPassword(password, [.. personal.OfType<string>()]);
        return strength.Score < 3
            ? Fail("PasswordWeak", "Ce mot de passe est trop facile à deviner : choisissez une phrase de plusieurs mots.")
            : IdentityResult.Success;
    }

    private static IdentityResult Fail(string code, string description) =>
        IdentityResult.Failed(new IdentityError { Code = code, Description = description });

    private static FrozenSet<string> LoadCommonPasswords()
    {
        var assembly = typeof(Zxcvbn.Zxcvbn).GetTypeInfo().Assembly;
        using var stream = assembly.GetManifestResourceStream("zxcvbn-core.Dictionaries.passwords.lst")
            ?? throw new InvalidOperationException("The zxcvbn-core package no longer ships passwords.lst.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim() is { Length: > 0 } entry)
            {
                set.Add(entry.ToLowerInvariant());
            }
        }

        return set.ToFrozenSet(StringComparer.Ordinal);
    }
}
