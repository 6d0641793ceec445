using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Configuration;
using TiersPayant.Data.Guard;

namespace TiersPayant.Security.Guard;

/// <summary>
/// The lock rows of the guard's counting scopes, created once (never deleted), so that the
/// decision's transaction only ever updates an existing row.
/// </summary>
internal sealed class GuardScopes(DbContextOptions<TiersPayantDbContext> options, GuardScopes.Known known)
{
    private readonly ConcurrentDictionary<string, bool> _known = known.Scopes;

    /// <summary>The scopes whose rows this host has seen (one per host, so per database).</summary>
    internal sealed class Known
    {
        public ConcurrentDictionary<string, bool> Scopes { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>Makes sure the lock row of <paramref name="scope"/> exists.</summary>
    public async Task EnsureAsync(string scope, CancellationToken cancellation)
    {
        if (_known.ContainsKey(scope))
        {
            return;
        }

        // Two requests may create the same scope's row at once: the loser's failed insert is expected.
        await using var db = new TiersPayantDbContext(options.ExpectingConflicts());
        if (!await db.GuardScopes.AnyAsync(s => s.Scope == scope, cancellation))
        {
            db.GuardScopes.Add(new GuardScopeRecord { Scope = scope });
            try
            {
                await db.SaveChangesAsync(cancellation);
            }
            catch (DbUpdateException)
            {
                // Another node or request may have created it first; anything else is a real failure.
                if (!await ExistsAsync(scope, cancellation))
                {
                    throw;
                }
            }
        }

        _known.TryAdd(scope, true);
    }

    private async Task<bool> ExistsAsync(string scope, CancellationToken cancellation)
    {
        await using var db = new TiersPayantDbContext(options);
        return await db.GuardScopes.AnyAsync(s => s.Scope == scope, cancellation);
    }
}
