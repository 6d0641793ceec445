using Microsoft.EntityFrameworkCore;
using TiersPayant.Data;
using TiersPayant.Data.Accounts;

namespace TiersPayant.Security.Accounts;

/// <summary>
/// What the security console shows about accounts: a second factor suspended after repeated
/// failures or reset by staff, a session asked to step up from another device or network, and
/// how that ended. Kept in the database, so every node writes to and the console reads one list.
/// </summary>
public sealed class SecurityEvents(TiersPayantDbContext db, TimeProvider time)
{
    /// <summary>The authenticator reached the failure limit and is suspended.</summary>
    public const string SecondFactorSuspended = "second-factor-suspended";

    /// <summary>A staff member ended a suspension after checking the holder's identity.</summary>
    public const string SecondFactorReset = "second-factor-reset";

    /// <summary>The holder recovered a suspended authenticator (recovery code or passkey).</summary>
    public const string SecondFactorRecovered = "second-factor-recovered";

    /// <summary>A session was used from another browser family or network and asked for the second factor.</summary>
    public const string StepUpAsked = "step-up-asked";

    /// <summary>The second factor was given again: the session now belongs to the new device or network.</summary>
    public const string StepUpPassed = "step-up-passed";

    /// <summary>A wrong second factor on a step-up: the session was ended.</summary>
    public const string StepUpRefused = "step-up-refused";

    /// <summary>Records an event; the caller saves.</summary>
    public void Add(string kind, Guid accountId, string detail, Guid? sessionId = null, Guid? actorId = null) =>
        db.SecurityEvents.Add(new SecurityEventRecord
        {
            Id = Guid.CreateVersion7(),
            Kind = kind,
            AccountId = accountId,
            SessionId = sessionId,
            ActorId = actorId,
            CreatedAt = time.GetUtcNow(),
            Detail = detail.Length > 300 ? detail[..300] : detail,
        });

    /// <summary>The latest events, newest first (version 7 identifiers sort by time on both databases).</summary>
    public Task<List<SecurityEventRecord>> LatestAsync(int count, Guid? accountId, CancellationToken cancellation) =>
        db.SecurityEvents.AsNoTracking()
            .Where(e => accountId == null || e.AccountId == accountId)
            .OrderByDescending(e => e.Id).Take(count).ToListAsync(cancellation);
}
