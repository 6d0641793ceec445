using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Data;
using TiersPayant.Data.Guard;

namespace TiersPayant.Security.Guard;

/// <summary>
/// The switches that close a surface (the portal, the REST API, FHIR) for everyone, one
/// profession, one practice, one account or API client, or that close one insurer's data there. Kept in the database, so a switch thrown on one node or from the command line
/// holds on every node within <see cref="Freshness"/>; every change is written to the guard's
/// event log with who and why, in the same transaction.
/// </summary>
public sealed class SwitchBoard(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>How old the switches a node acts on may be.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    private readonly SharedSnapshot<SwitchState> _state = new(scopes, time, SwitchState.None,
        async (db, cancellation) => new SwitchState(await db.Switches.AsNoTracking().ToListAsync(cancellation)));

    /// <summary>Raised once this node (or this operator's verb) changed a switch, for other nodes to hear of it.</summary>
    public event EventHandler? Changed;

    /// <summary>Another node changed a switch: the next caller here reads them again.</summary>
    public void Reread() => _state.Invalidate();

    /// <summary>The switches as thrown at most <see cref="Freshness"/> ago.</summary>
    public ValueTask<SwitchState> CurrentAsync(CancellationToken cancellation) => _state.CurrentAsync(cancellation);

    /// <summary>The thrown switches, oldest first.</summary>
    public async Task<IReadOnlyList<SwitchRecord>> ListAsync(CancellationToken cancellation)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        return await db.Switches.AsNoTracking().OrderBy(s => s.ClosedAt).ToListAsync(cancellation);
    }

    /// <summary>Throws a switch; false when it was already thrown (nothing changes then).</summary>
    public Task<bool> CloseAsync(SwitchTarget target, SwitchChanger by, string reason, CancellationToken cancellation) =>
        ChangeAsync(target, by, reason, close: true, cancellation);

    /// <summary>Opens a switch; false when it was not thrown.</summary>
    public Task<bool> OpenAsync(SwitchTarget target, SwitchChanger by, string reason, CancellationToken cancellation) =>
        ChangeAsync(target, by, reason, close: false, cancellation);

    private async Task<bool> ChangeAsync(SwitchTarget target, SwitchChanger by, string reason, bool close, CancellationToken cancellation)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var existing = await db.Switches.SingleOrDefaultAsync(
            s => s.Surface == target.Surface && s.Level == target.Level && s.Target == target.Target, cancellation);
        if ((existing is not null) == close)
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var why = reason.Trim() is { Length: > 0 } given ? (given.Length > 300 ? given[..300] : given) : "(no reason given)";
        if (close)
        {
            db.Switches.Add(new SwitchRecord
            {
                Id = Guid.CreateVersion7(), Surface = target.Surface, Level = target.Level, Target = target.Target,
                ClosedAt = now, ClosedBy = by.Name, Reason = why,
            });
        }
        else
        {
            db.Switches.Remove(existing!);
        }

        var detail = $"{target}: {why}";
        db.GuardEvents.Add(new GuardEventRecord
        {
            Id = Guid.CreateVersion7(),
            OccurredAt = now,
            Decision = close ? "switch-closed" : "switch-opened",
            Reason = target.Surface + "/" + target.Level,
            ActorKind = by.Kind,
            AccountId = by.AccountId,
            Role = by.Name.Length > 40 ? by.Name[..40] : by.Name,
            Channel = by.Channel,
            SourceAddress = by.SourceAddress,
            Detail = detail.Length > 400 ? detail[..400] : detail,
        });
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        _state.Invalidate(); // this node acts on it at once
        Changed?.Invoke(this, EventArgs.Empty);
        return true;
    }
}

/// <summary>What a switch closes.</summary>
/// <param name="Surface"><see cref="SwitchSurfaces"/>.</param>
/// <param name="Level"><see cref="SwitchLevels"/>.</param>
/// <param name="Target">The profession code, practice or account identifier (<c>N</c> format), client identifier or insurer's AMC number; empty for everyone.</param>
public sealed record SwitchTarget(string Surface, string Level, string Target)
{
    /// <summary>The whole web portal.</summary>
    public static SwitchTarget Portal { get; } = new(SwitchSurfaces.Portal, SwitchLevels.Everyone, string.Empty);

    /// <inheritdoc/>
    public override string ToString() => Target.Length == 0 ? $"{Surface} ({Level})" : $"{Surface} ({Level} {Target})";
}

/// <summary>Who changes a switch: a staff member in the console or the operator on the command line.</summary>
/// <param name="Kind"><c>staff</c> or <c>operator</c>.</param>
/// <param name="AccountId">The staff account, if any.</param>
/// <param name="Name">The staff login, or <c>operator</c>.</param>
/// <param name="Channel"><c>portal</c> or <c>cli</c>.</param>
/// <param name="SourceAddress">Where from.</param>
public sealed record SwitchChanger(string Kind, Guid? AccountId, string Name, string Channel, string SourceAddress)
{
    /// <summary>The operator at the command line of a node.</summary>
    public static SwitchChanger Operator { get; } = new("operator", null, "operator", Channels.Cli, "local");
}

/// <summary>Values of <see cref="SwitchTarget.Surface"/>.</summary>
public static class SwitchSurfaces
{
    /// <summary>The web portal's pages.</summary>
    public const string Portal = "portal";

    /// <summary>The REST API.</summary>
    public const string Api = "api";

    /// <summary>The FHIR R4 API.</summary>
    public const string Fhir = "fhir";

    /// <summary>Every surface a switch may close.</summary>
    public static IReadOnlyList<string> All { get; } = [Portal, Api, Fhir];
}

/// <summary>Values of <see cref="SwitchTarget.Level"/>.</summary>
public static class SwitchLevels
{
#pragma warning disable CS1591 // the names say it
    public const string Everyone = "everyone";
    public const string Profession = "profession";
    public const string Practice = "practice";
    public const string Account = "account";
    public const string Client = "client";

    /// <summary>One insurer's data (target: its AMC number): no one's, through the surface, whoever asks.</summary>
    public const string Insurer = "insurer";
#pragma warning restore CS1591
}

/// <summary>The switches thrown at one instant.</summary>
public sealed class SwitchState
{
    private readonly HashSet<(string Surface, string Level, string Target)> _closed;

    internal SwitchState(IEnumerable<SwitchRecord> rows) => _closed = [.. rows.Select(r => (r.Surface, r.Level, r.Target))];

    /// <summary>Nothing thrown.</summary>
    public static SwitchState None { get; } = new([]);

    /// <summary>True when some switch on <paramref name="surface"/> targets a profession (the caller's must then be known).</summary>
    public bool HasProfessionSwitch(string surface) => _closed.Any(c => c.Surface == surface && c.Level == SwitchLevels.Profession);

    /// <summary>True when some switch on <paramref name="surface"/> targets one caller or practice.</summary>
    public bool HasTargetedSwitch(string surface) => _closed.Any(c => c.Surface == surface && c.Level is not (SwitchLevels.Everyone or SwitchLevels.Insurer));

    /// <summary>Whether the data of the insurer <paramref name="amc"/> is closed on <paramref name="surface"/>.</summary>
    public bool ClosesInsurer(string surface, string amc) => _closed.Contains((surface, SwitchLevels.Insurer, amc));

    /// <summary>Whether <paramref name="surface"/> is closed for this caller (any argument may be unknown).</summary>
    public bool Closes(string surface, string? profession, Guid? practice, Guid? account, string? client) =>
        _closed.Contains((surface, SwitchLevels.Everyone, string.Empty))
        || (profession is not null && _closed.Contains((surface, SwitchLevels.Profession, profession)))
        || (practice is { } p && _closed.Contains((surface, SwitchLevels.Practice, p.ToString("N"))))
        || (account is { } a && _closed.Contains((surface, SwitchLevels.Account, a.ToString("N"))))
        || (client is not null && _closed.Contains((surface, SwitchLevels.Client, client)));
}
