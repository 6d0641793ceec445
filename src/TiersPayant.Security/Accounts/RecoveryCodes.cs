using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Accounts;
using TiersPayant.Data.Protection;

namespace TiersPayant.Security.Accounts;

/// <summary>
/// Ten single-use recovery codes per account, for when the authenticator is lost. Each code has
/// 50 random bits; only a keyed hash is stored, so the table is useless to whoever copies it.
/// </summary>
public sealed class RecoveryCodes
{
    private readonly TiersPayantDbContext _db;
    private readonly BlindIndex _index;
    private readonly TimeProvider _time;

    // Internal: its dependencies (the keyed hash, the cipher) are sealed inside the guarded path's assemblies.
    internal RecoveryCodes(TiersPayantDbContext db, BlindIndex index, TimeProvider time) =>
        (_db, _index, _time) = (db, index, time);

    /// <summary>How many codes an account gets.</summary>
    public const int Count = 10;

    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I

    /// <summary>Replaces the account's codes with new ones and returns them (shown once).</summary>
    public async Task<IReadOnlyList<string>> RegenerateAsync(Guid accountId, CancellationToken cancellation)
    {
        await _db.RecoveryCodes.Where(c => c.AccountId == accountId).ExecuteDeleteAsync(cancellation);
        var codes = Enumerable.Range(0, Count).Select(_ => NewCode()).ToList();
        _db.RecoveryCodes.AddRange(codes.Select(c => new RecoveryCodeRecord { Id = Guid.CreateVersion7(), AccountId = accountId, CodeHash = Hash(accountId, Normalize(c)) }));
        await _db.SaveChangesAsync(cancellation);
        return codes;
    }

    /// <summary>Uses a code once: true when it was valid and unused.</summary>
    public async Task<bool> RedeemAsync(Guid accountId, string? code, CancellationToken cancellation)
    {
        var normalized = Normalize(code);
        if (normalized.Length != 10)
        {
            return false;
        }

        var hash = Hash(accountId, normalized);
        var now = _time.GetUtcNow();
        // One statement: two requests racing with the same code cannot both succeed.
        var used = await _db.RecoveryCodes
            .Where(c => c.AccountId == accountId && c.CodeHash == hash && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), cancellation);
        return used == 1;
    }

    /// <summary>Whether what was typed has the shape of a recovery code (ten letters and digits), not of an authenticator code.</summary>
    public static bool LooksLikeOne(string? code) => Normalize(code).Length == 10;

    /// <summary>How many unused codes remain.</summary>
    public Task<int> RemainingAsync(Guid accountId, CancellationToken cancellation) =>
        _db.RecoveryCodes.CountAsync(c => c.AccountId == accountId && c.UsedAt == null, cancellation);

    private byte[] Hash(Guid accountId, string normalized) => _index.Compute("recovery-code", accountId.ToString("N"), normalized);

    private static string NewCode()
    {
        Span<char> chars = stackalloc char[10];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"{chars[..5]}-{chars[5..]}";
    }

    private static string Normalize(string? code) =>
        new((code ?? string.Empty).ToUpperInvariant().Where(c => Alphabet.Contains(c, StringComparison.Ordinal)).ToArray());
}
