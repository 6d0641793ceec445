using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TiersPayant.Data;
using TiersPayant.Data.Guard;
using OpenIddict.Abstractions;
using TiersPayant.Security.Accounts;

namespace TiersPayant.Security.Guard;

/// <summary>
/// Containment: the guard suspends a portal account's or API client's access to people's data at
/// once, on every node (each node rereads the contained scopes at most once a
/// <see cref="SwitchBoard.Freshness"/>), ends the account's portal sessions, tells the practice's
/// accounts, and opens an alert for the security team with the evidence.
/// </summary>
public sealed class Containments(IServiceScopeFactory scopes, TimeProvider time, ILogger<Containments> logger)
{
    /// <summary>Awaiting review.</summary>
    public const string Open = "open";

    /// <summary>Reviewed: access given back.</summary>
    public const string Restored = "restored";

    /// <summary>Reviewed: stays closed.</summary>
    public const string KeptClosed = "kept-closed";

    private readonly SharedSnapshot<ContainedState> _contained = new(scopes, time, new ContainedState([], []), async (db, cancellation) =>
    {
        var dayAgo = time.GetUtcNow().UtcDateTime.AddDays(-1);
        var rows = await db.Containments.AsNoTracking()
            .Where(c => c.Status != Restored || c.ReviewedAt > dayAgo).Select(c => new { c.Scope, c.Status, c.ReviewedAt }).ToListAsync(cancellation);
        return new ContainedState(
            [.. rows.Where(r => r.Status != Restored).Select(r => r.Scope)],
            rows.Where(r => r.Status == Restored).GroupBy(r => r.Scope, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(r => r.ReviewedAt!.Value), StringComparer.Ordinal));
    });

    /// <summary>Raised once this node contained a scope or gave one back, for other nodes to hear of it.</summary>
    public event EventHandler? Changed;

    /// <summary>Another node contained a scope or gave one back: the next caller here reads them again.</summary>
    public void Reread() => _contained.Invalidate();

    /// <summary>Whether the scope (<c>account:ID</c>, <c>client:ID</c>) is contained, as of at most a second ago.</summary>
    internal async ValueTask<bool> IsContainedAsync(string scope, CancellationToken cancellation) =>
        (await _contained.CurrentAsync(cancellation)).Contained.Contains(scope);

    /// <summary>When the security team last gave the scope back, within the last day: its own counts start again from there.</summary>
    internal async ValueTask<DateTime?> RestoredAtAsync(string scope, CancellationToken cancellation) =>
        (await _contained.CurrentAsync(cancellation)).RestoredAt.TryGetValue(scope, out var at) ? at : null;

    /// <summary>
    /// The named door of the step-up page: a portal account the guard asked to confirm its holder,
    /// and whose session then failed the second factor, is contained like any other.
    /// </summary>
    public Task ContainRefusedStepUpAsync(Guid accountId, Guid? practiceId, Guid sessionId, string sourceAddress, CancellationToken cancellation) =>
        ContainAsync(
            new Reader(ActorKinds.Account, accountId, null, practiceId, sessionId, sourceAddress, Channels.Portal, null, "portal"),
            "step-up-refused", $"The guard asked this session to confirm its holder and the second factor given was wrong, from {sourceAddress}.", cancellation);

    /// <summary>Contains the reader's scope (once: a scope already contained is left as it is).</summary>
    internal async Task ContainAsync(Reader reader, string reason, string evidence, CancellationToken cancellation)
    {
        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        var scope = reader.CounterKey;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        if (await db.Containments.AnyAsync(c => c.Scope == scope && c.Status != Restored, cancellation))
        {
            return;
        }

        var now = time.GetUtcNow();
        db.Containments.Add(new ContainmentRecord
        {
            Id = Guid.CreateVersion7(), Scope = scope, AccountId = reader.AccountId, ClientId = reader.ClientId, PracticeId = reader.PracticeId,
            ContainedAt = now.UtcDateTime, Reason = reason, Evidence = evidence.Length > 1000 ? evidence[..1000] : evidence, Status = Open,
        });
        db.GuardEvents.Add(new GuardEventRecord
        {
            Id = Guid.CreateVersion7(), OccurredAt = now.UtcDateTime, Decision = "contain", Reason = reason, ActorKind = reader.Kind,
            AccountId = reader.AccountId, ClientId = reader.ClientId, PracticeId = reader.PracticeId, Role = reader.Role ?? reader.CapTag,
            Channel = reader.Channel, SourceAddress = reader.SourceAddress.Length > 45 ? reader.SourceAddress[..45] : reader.SourceAddress,
            Detail = evidence.Length > 400 ? evidence[..400] : evidence,
        });

        // The practice hears of it from every one of its portal accounts' next login.
        var told = await db.Users.AsNoTracking()
            .Where(u => (reader.PracticeId != null && u.PracticeId == reader.PracticeId) || u.Id == reader.AccountId)
            .Select(u => u.Id).ToListAsync(cancellation);
        var notifications = new AccountNotifications(db, time);
        var what = reader.Kind == ActorKinds.Client ? "le logiciel de votre cabinet (client d'API)" : "un compte du portail de votre cabinet";
        foreach (var account in told)
        {
            notifications.Add(account, AccountNotifications.AccessContained, string.Create(CultureInfo.GetCultureInfo("fr-FR"),
                $"Le {Paris(now):dd/MM/yyyy 'à' HH:mm}, l'accès aux données des patients a été suspendu pour {what} : il a consulté bien plus de personnes que d'habitude. L'équipe de sécurité vous contactera ; la facturation déjà envoyée n'est pas perdue."));
        }

        await db.SaveChangesAsync(cancellation);
        if (reader.AccountId is { } accountId && reader.Kind == ActorKinds.Account)
        {
            await new PortalSessions(db, time).EndAllAsync(accountId, "contained", cancellation);
        }

        await transaction.CommitAsync(cancellation);
        _contained.Invalidate(); // this node acts on it at once
        Changed?.Invoke(this, EventArgs.Empty);
        if (reader.Kind == ActorKinds.Client && reader.ClientId is { } clientId)
        {
            await RevokeTokensAsync(services.ServiceProvider, clientId, cancellation);
        }

        logger.LogWarning("Guard contained {Scope} through {Channel}: {Reason}", scope, reader.Channel, reason);
    }

    /// <summary>
    /// The security team's review of an open containment: <paramref name="restore"/> gives the
    /// access back (the caller has reset the account's credentials or the client's tokens first),
    /// otherwise it stays closed. Recorded in the guard's event log with the reviewer and the note;
    /// the practice is told. Returns false when there is no such open containment.
    /// </summary>
    public async Task<bool> ReviewAsync(Guid containmentId, bool restore, Guid reviewerId, string reviewer, string note, CancellationToken cancellation)
    {
        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var containment = await db.Containments.SingleOrDefaultAsync(c => c.Id == containmentId && c.Status == Open, cancellation);
        if (containment is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        note = note.Trim();
        containment.Status = restore ? Restored : KeptClosed;
        (containment.ReviewedAt, containment.ReviewedBy, containment.ReviewNote) = (now.UtcDateTime, reviewerId, note.Length > 500 ? note[..500] : note);
        var detail = $"Reviewed by {reviewer}: {(note.Length == 0 ? "(no note)" : note)}";
        db.GuardEvents.Add(new GuardEventRecord
        {
            Id = Guid.CreateVersion7(), OccurredAt = now.UtcDateTime, Decision = restore ? Restored : KeptClosed, Reason = containment.Reason,
            ActorKind = containment.ClientId is null ? ActorKinds.Account : ActorKinds.Client, AccountId = containment.AccountId, ClientId = containment.ClientId,
            PracticeId = containment.PracticeId, Role = "security", Channel = Channels.Portal, SourceAddress = "console",
            Detail = detail.Length > 400 ? detail[..400] : detail,
        });
        var told = await db.Users.AsNoTracking()
            .Where(u => (containment.PracticeId != null && u.PracticeId == containment.PracticeId) || u.Id == containment.AccountId)
            .Select(u => u.Id).ToListAsync(cancellation);
        var notifications = new AccountNotifications(db, time);
        var what = containment.ClientId is null ? "le compte du portail" : "le logiciel de votre cabinet (client d'API)";
        foreach (var account in told)
        {
            var french = CultureInfo.GetCultureInfo("fr-FR");
            var since = Paris(new DateTimeOffset(containment.ContainedAt, TimeSpan.Zero));
            notifications.Add(account, restore ? AccountNotifications.AccessRestored : AccountNotifications.AccessKeptClosed, restore
                ? string.Create(french, $"Le {Paris(now):dd/MM/yyyy 'à' HH:mm}, l'équipe de sécurité a rétabli l'accès aux données des patients pour {what}, suspendu le {since:dd/MM/yyyy}. Un mot de passe provisoire et une nouvelle inscription du second facteur sont demandés.")
                : string.Create(french, $"Le {Paris(now):dd/MM/yyyy 'à' HH:mm}, l'équipe de sécurité a maintenu la suspension de l'accès aux données des patients pour {what}. Contactez-la pour la suite."));
        }

        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        _contained.Invalidate();
        Changed?.Invoke(this, EventArgs.Empty);
        if (containment.ClientId is { } clientId)
        {
            await RevokeTokensAsync(services.ServiceProvider, clientId, cancellation);
        }

        logger.LogWarning("Containment {ContainmentId} of {Scope} reviewed: {Status}", containment.Id, containment.Scope, containment.Status);
        return true;
    }

    // Every token the client holds stops working at once, on every node (token entries are validated).
    private static async Task RevokeTokensAsync(IServiceProvider services, string clientId, CancellationToken cancellation)
    {
        if (services.GetService<IOpenIddictApplicationManager>() is not { } applications || services.GetService<IOpenIddictTokenManager>() is not { } tokens
            || await applications.FindByClientIdAsync(clientId, cancellation) is not { } application
            || await applications.GetIdAsync(application, cancellation) is not { } id)
        {
            return;
        }

        await tokens.RevokeAsync(subject: null, client: id, status: null, type: null, cancellation);
    }

    private static DateTime Paris(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime;
}

/// <summary>The contained scopes, and the scopes given back within the last day with when.</summary>
internal sealed record ContainedState(HashSet<string> Contained, Dictionary<string, DateTime> RestoredAt);
