using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using TiersPayant.Data;
using TiersPayant.Domain.Practices;
using TiersPayant.Accounts;
using TiersPayant.Security.Accounts;
using TiersPayant.Security.Accounts.ApiClients;
using TiersPayant.Security.Guard;

namespace TiersPayant.Guard;

/// <summary>
/// Turns the authenticated principal of a request into the <see cref="Actor"/> the guard and the
/// disclosure log know: a professional's portal session or a practice's API token; and a staff
/// member's portal session into the <see cref="StaffActor"/> of their role. Anyone else is no
/// actor and reaches no beneficiary.
/// </summary>
public sealed class Actors(TiersPayantDbContext db, PracticeProfessions professions)
{
    public async Task<Actor?> OfAsync(HttpContext context, string channel, CancellationToken cancellation)
    {
        var user = context.User;
        var address = PortalLogin.Address(context);
        Actor? actor = null;
        if (user.Identity?.AuthenticationType == PortalSessionAuthentication.SchemeName)
        {
            if (user.FindFirstValue(PortalSessionAuthentication.KindClaim) == AccountKinds.Professional
                && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var account)
                && Guid.TryParse(user.FindFirstValue(PortalSessionAuthentication.PracticeClaim), out var practice)
                && Guid.TryParse(user.FindFirstValue(PortalSessionAuthentication.SessionIdClaim), out var session))
            {
                actor = new Actor(ActorKinds.Account, account, null, practice, default, session, address, channel);
            }
        }
        else if (user.FindFirstValue(OpenIddictConstants.Claims.Subject) is { Length: > 0 } client
                 && Guid.TryParse(user.FindFirstValue(ApiClientClaims.PracticeId), out var practice))
        {
            actor = new Actor(ActorKinds.Client, null, client, practice, default, null, address, channel);
        }

        if (actor is null)
        {
            return null;
        }

        return await professions.OfAsync(db, actor.PracticeId, cancellation) is { } profession ? actor with { Profession = profession } : null;
    }

    /// <summary>The staff actor of <paramref name="role"/>, if the request is a staff session holding it.</summary>
    public async Task<StaffActor?> StaffOfAsync(HttpContext context, string role, CancellationToken cancellation)
    {
        var user = context.User;
        if (user.Identity?.AuthenticationType != PortalSessionAuthentication.SchemeName
            || user.FindFirstValue(PortalSessionAuthentication.KindClaim) != AccountKinds.Staff
            || !user.IsInRole(role)
            || !Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var account)
            || !Guid.TryParse(user.FindFirstValue(PortalSessionAuthentication.SessionIdClaim), out var session))
        {
            return null;
        }

        var insurer = await db.Users.AsNoTracking().Where(u => u.Id == account).Select(u => u.InsurerAmc).SingleOrDefaultAsync(cancellation);
        return new StaffActor(account, role, insurer, session, PortalLogin.Address(context));
    }
}

/// <summary>
/// Each practice's profession, read from the database at most once every few minutes per node: a
/// practice keeps its profession for life (another profession is another practice, with its own
/// billing number), so a rights check need not ask for it on every request.
/// </summary>
public sealed class PracticeProfessions(TimeProvider time)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(5);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, (Profession Profession, DateTimeOffset ReadAt)> _known = new();

    /// <summary>The practice's profession, or null for a practice that does not exist (never remembered).</summary>
    public async Task<Profession?> OfAsync(TiersPayantDbContext db, Guid practice, CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        if (_known.TryGetValue(practice, out var known) && now - known.ReadAt < KeepFor)
        {
            return known.Profession;
        }

        var code = await db.Practices.AsNoTracking().Where(p => p.Id == practice).Select(p => p.Profession).SingleOrDefaultAsync(cancellation);
        if (!Professions.TryParse(code, out var profession))
        {
            return null;
        }

        _known[practice] = (profession, now);
        return profession;
    }
}
