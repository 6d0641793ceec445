using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Accounts;

namespace TiersPayant.Security.Accounts;

/// <summary>
/// Server-side portal sessions. The browser holds a random 256-bit token; the database holds its
/// SHA-256 and the session's state, read at every request, so that ending a session (by its owner,
/// an administrator or a containment) takes effect on every node at once. A session is bound to the
/// browser family and network it was opened from (<see cref="SessionPlace"/>): used from another,
/// it must step up (the second factor again) before it reaches anything.
/// </summary>
public sealed class PortalSessions(TiersPayantDbContext db, TimeProvider time)
{
    /// <summary>Idle timeout of a professional's session.</summary>
    public static readonly TimeSpan ProfessionalIdle = TimeSpan.FromMinutes(30);

    /// <summary>Idle timeout of a staff session.</summary>
    public static readonly TimeSpan StaffIdle = TimeSpan.FromMinutes(15);

    /// <summary>Absolute lifetime of any session.</summary>
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);

    // Writing the last-seen time at every request would make every page a write.
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    /// <summary>Opens a session and returns the token for the cookie (a new identifier at every login).</summary>
    public async Task<string> OpenAsync(AccountRecord account, string method, SessionPlace place, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(place);
        var token = RandomNumberGenerator.GetBytes(32);
        var now = time.GetUtcNow();
        db.Sessions.Add(new SessionRecord
        {
            Id = Guid.CreateVersion7(),
            TokenHash = SHA256.HashData(token),
            AccountId = account.Id,
            Method = method,
            CreatedAt = now,
            LastSeenAt = now,
            IdleSeconds = (int)(account.Kind == AccountKinds.Staff ? StaffIdle : ProfessionalIdle).TotalSeconds,
            ExpiresAt = now + Absolute,
            Device = Truncate(place.Device, 100),
            SourceAddress = Truncate(place.Address, 45),
            Network = Truncate(place.Network, 50),
        });
        await db.SaveChangesAsync(cancellation);
        return Base64Url.EncodeToString(token);
    }

    /// <summary>
    /// The live session of a token, ending it on the way if it has gone idle or expired. Reading it
    /// does not keep it alive (<see cref="TouchAsync"/> does, for a request the session serves): a
    /// copied cookie replayed from elsewhere must not.
    /// </summary>
    public async Task<SessionRecord?> ResumeAsync(string? token, CancellationToken cancellation)
    {
        if (Hash(token) is not { } hash)
        {
            return null;
        }

        var session = await db.Sessions.SingleOrDefaultAsync(s => s.TokenHash == hash, cancellation);
        if (session is null || session.EndedAt is not null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var reason = now >= session.ExpiresAt ? "expired" : now - session.LastSeenAt >= TimeSpan.FromSeconds(session.IdleSeconds) ? "idle" : null;
        if (reason is not null)
        {
            session.EndedAt = now;
            session.EndedReason = reason;
            await db.SaveChangesAsync(cancellation);
            return null;
        }

        return session;
    }

    /// <summary>Keeps a session alive (its last-seen time moves at most once a minute, to spare writes).</summary>
    public async Task TouchAsync(SessionRecord session, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        var now = time.GetUtcNow();
        if (now - session.LastSeenAt >= TouchEvery)
        {
            session.LastSeenAt = now;
            await db.SaveChangesAsync(cancellation);
        }
    }

    /// <summary>
    /// Whether <paramref name="place"/> is not where the session belongs (another browser family or
    /// network), or the access guard asked the session to confirm its holder: either way it steps up first.
    /// </summary>
    public static bool IsOutOfPlace(SessionRecord session, SessionPlace place)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(place);
        return session.GuardStepUpAt is not null || session.Device != Truncate(place.Device, 100) || session.Network != Truncate(place.Network, 50);
    }

    /// <summary>
    /// Marks the first request of a session from elsewhere; false when it was already marked
    /// (so it is recorded once per move, not once per request).
    /// </summary>
    public async Task<bool> MarkStepUpAskedAsync(SessionRecord session, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        var now = time.GetUtcNow();
        var marked = await db.Sessions.Where(s => s.Id == session.Id && s.StepUpAskedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.StepUpAskedAt, now), cancellation) == 1;
        session.StepUpAskedAt ??= now;
        return marked;
    }

    /// <summary>After a step-up: the session now belongs to <paramref name="place"/>.</summary>
    public Task MoveAsync(SessionRecord session, SessionPlace place, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(place);
        return db.Sessions.Where(s => s.Id == session.Id && s.EndedAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Device, Truncate(place.Device, 100))
            .SetProperty(x => x.Network, Truncate(place.Network, 50))
            .SetProperty(x => x.SourceAddress, Truncate(place.Address, 45))
            .SetProperty(x => x.StepUpAskedAt, (DateTimeOffset?)null)
            .SetProperty(x => x.GuardStepUpAt, (DateTimeOffset?)null)
            .SetProperty(x => x.VerifiedAt, time.GetUtcNow()), cancellation);
    }

    /// <summary>The account's sessions still open, newest first.</summary>
    public async Task<List<SessionRecord>> ListOpenAsync(Guid accountId, CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        var open = await db.Sessions.AsNoTracking().Where(s => s.AccountId == accountId && s.EndedAt == null).ToListAsync(cancellation);
        return [.. open.Where(s => s.ExpiresAt > now && now - s.LastSeenAt < TimeSpan.FromSeconds(s.IdleSeconds)).OrderByDescending(s => s.CreatedAt)];
    }

    /// <summary>Ends one of the account's sessions; false when there is no such open session.</summary>
    public async Task<bool> EndAsync(Guid accountId, Guid sessionId, string reason, CancellationToken cancellation) =>
        await db.Sessions.Where(s => s.Id == sessionId && s.AccountId == accountId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, time.GetUtcNow()).SetProperty(x => x.EndedReason, reason), cancellation) == 1;

    /// <summary>Ends every open session of an account (administrator, containment); returns how many.</summary>
    public Task<int> EndAllAsync(Guid accountId, string reason, CancellationToken cancellation) =>
        db.Sessions.Where(s => s.AccountId == accountId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, time.GetUtcNow()).SetProperty(x => x.EndedReason, reason), cancellation);

    private static string Truncate(string value, int length) => value.Length > length ? value[..length] : value;

    private static byte[]? Hash(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return null;
        }

        // TryDecodeFromChars throws on characters outside the alphabet instead of returning false:
        // a cookie anyone can forge must be checked first, or it is a 500 on every path.
        if (!Base64Url.IsValid(token, out var length) || length != 32)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[48];
        return Base64Url.TryDecodeFromChars(token, bytes, out var written) && written == 32 ? SHA256.HashData(bytes[..written]) : null;
    }
}
