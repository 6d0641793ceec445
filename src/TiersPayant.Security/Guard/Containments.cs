using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TiersPayant.Data;
using TiersPayant.Data.Guard;
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

    private readonly SharedSnapshot<HashSet<string>> _contained = new(scopes, time, [],
        async (db, cancellation) => [.. await db.Containments.AsNoTracking().Where(c => c.Status != Restored).Select(c => c.Scope).ToListAsync(cancellation)]);

    /// <summary>Whether the scope (<c>account:ID</c>, <c>client:ID</c>) is contained, as of at most a second ago.</summary>
    internal async ValueTask<bool> IsContainedAsync(string scope, CancellationToken cancellation) =>
        (await _contained.CurrentAsync(cancellation)).Contains(scope);

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
        logger.LogWarning("Guard contained {Scope} through {Channel}: {Reason}", scope, reader.Channel, reason);
    }

    private static DateTime Paris(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime;
}
