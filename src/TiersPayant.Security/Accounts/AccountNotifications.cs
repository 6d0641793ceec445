using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Accounts;

namespace TiersPayant.Security.Accounts;

/// <summary>
/// The account holder's outbox: what they must know about their own account (a login from a new
/// device, a right password followed by a failed second factor). Shown at the next login.
/// </summary>
public sealed class AccountNotifications(TiersPayantDbContext db, TimeProvider time)
{
    /// <summary>A login from a browser never seen for this account.</summary>
    public const string NewDevice = "new-device";

    /// <summary>The right password, then a wrong or missing second factor.</summary>
    public const string SecondFactorFailed = "second-factor-failed";

    /// <summary>The authenticator was suspended after too many wrong codes.</summary>
    public const string SecondFactorSuspended = "second-factor-suspended";

    /// <summary>The security team ended a suspension of the authenticator.</summary>
    public const string SecondFactorReset = "second-factor-reset";

    /// <summary>A session was used from another device or network and its step-up failed: it was ended.</summary>
    public const string StepUpRefused = "step-up-refused";

    /// <summary>An administrator or the security team ended every session of the account.</summary>
    public const string SessionsEnded = "sessions-ended";

    /// <summary>The guard suspended data access for an account or the practice's software.</summary>
    public const string AccessContained = "access-contained";

    /// <summary>The security team gave a contained account's or client's data access back.</summary>
    public const string AccessRestored = "access-restored";

    /// <summary>The security team kept a containment closed.</summary>
    public const string AccessKeptClosed = "access-kept-closed";

    /// <summary>Queues a notification; the caller saves.</summary>
    public void Add(Guid accountId, string kind, string detail) =>
        db.Notifications.Add(new NotificationRecord
        {
            Id = Guid.CreateVersion7(),
            AccountId = accountId,
            Kind = kind,
            CreatedAt = time.GetUtcNow(),
            Detail = detail.Length > 500 ? detail[..500] : detail,
        });

    /// <summary>How many notifications wait to be shown, without marking them (a work page points to the account page).</summary>
    public Task<int> CountUnshownAsync(Guid accountId, CancellationToken cancellation) =>
        db.Notifications.CountAsync(n => n.AccountId == accountId && n.ShownAt == null, cancellation);

    /// <summary>The notifications not shown yet, oldest first, marked shown.</summary>
    public async Task<List<NotificationRecord>> TakeUnshownAsync(Guid accountId, CancellationToken cancellation)
    {
        // Ordered here: SQLite cannot order by a DateTimeOffset column.
        var unshown = (await db.Notifications.Where(n => n.AccountId == accountId && n.ShownAt == null).ToListAsync(cancellation))
            .OrderBy(n => n.CreatedAt).ToList();
        var now = time.GetUtcNow();
        unshown.ForEach(n => n.ShownAt = now);
        await db.SaveChangesAsync(cancellation);
        return unshown;
    }
}
