using TiersPayant.Domain.Practices;

namespace TiersPayant.Security.Guard;

/// <summary>
/// Who asks for a beneficiary's data: a professional's portal account or a practice's software
/// (API client), always on behalf of one practice, from one address, through one channel.
/// </summary>
/// <param name="Kind"><see cref="ActorKinds.Account"/> or <see cref="ActorKinds.Client"/>.</param>
/// <param name="AccountId">The portal account, for <see cref="ActorKinds.Account"/>.</param>
/// <param name="ClientId">The API client, for <see cref="ActorKinds.Client"/>.</param>
/// <param name="PracticeId">The practice acted for.</param>
/// <param name="Profession">The practice's profession: it sets the guard's caps.</param>
/// <param name="SessionId">The portal session, if any.</param>
/// <param name="SourceAddress">The network address the request came from.</param>
/// <param name="Channel"><see cref="Channels.Api"/>, <see cref="Channels.Fhir"/>, <see cref="Channels.Portal"/> or <see cref="Channels.Batch"/>.</param>
public sealed record Actor(
    string Kind, Guid? AccountId, string? ClientId, Guid PracticeId, Profession Profession, Guid? SessionId, string SourceAddress, string Channel)
{
    /// <summary>The named door of the operator's batch import of a practice's invoice file (<c>tiers import claims</c>).</summary>
    public const string ClaimsImportDoor = "claims-import";

    /// <summary>
    /// The operator's batch import acting for one practice: a named door (actor kind
    /// <see cref="ActorKinds.System"/>, role <see cref="ClaimsImportDoor"/>) on the
    /// <see cref="Channels.Batch"/> channel, counted by the guard under the batch caps of the practice's profession.
    /// </summary>
    public static Actor ClaimsImport(Guid practiceId, Profession profession) =>
        new(ActorKinds.System, null, null, practiceId, profession, null, "local", Channels.Batch);

    /// <summary>
    /// An invoice file a practice's software sent through the API (<c>POST /api/v1/claim-batches</c>),
    /// run in the background: the same named door and batch channel as <see cref="ClaimsImport(Guid, Profession)"/>
    /// (counted under the door's scope and the practice's batch budget), carrying the API client that
    /// sent the file and the address it came from, so that the disclosure log names the client
    /// (<c>breach scope --client</c> finds what its files read) and a contained client's files read nothing.
    /// </summary>
    public static Actor ClaimsImport(Guid practiceId, Profession profession, string clientId, string sourceAddress) =>
        new(ActorKinds.System, null, clientId, practiceId, profession, null, sourceAddress, Channels.Batch);

    /// <summary>The key the guard counts under: one account or one client.</summary>
    public string Key => Kind == ActorKinds.Account ? $"account:{AccountId}" : $"client:{ClientId}";
}

/// <summary>
/// A member of staff who sees something about a person or their care (an insurer's manager
/// reviewing a request, support, the DPO): an actor of the guard too, with the caps of the role,
/// always through the portal.
/// </summary>
/// <param name="AccountId">The staff account.</param>
/// <param name="Role">One of the staff roles (<c>insurer-manager</c>, <c>support</c>, <c>dpo</c>…).</param>
/// <param name="InsurerAmc">For an insurer's manager, the insurer managed: only its members are reached.</param>
/// <param name="SessionId">The portal session.</param>
/// <param name="SourceAddress">The network address the request came from.</param>
public sealed record StaffActor(Guid AccountId, string Role, string? InsurerAmc, Guid SessionId, string SourceAddress);

/// <summary>Values of the disclosure record's actor kind.</summary>
public static class ActorKinds
{
    /// <summary>A person logged in to the portal.</summary>
    public const string Account = "account";

    /// <summary>A practice's software with an access token.</summary>
    public const string Client = "client";

    /// <summary>A member of the platform's or an insurer's staff.</summary>
    public const string Staff = "staff";

    /// <summary>A named door of the platform itself (the member import).</summary>
    public const string System = "system";
}

/// <summary>Values of <see cref="Actor.Channel"/>.</summary>
public static class Channels
{
    /// <summary>The REST API.</summary>
    public const string Api = "api";

    /// <summary>The FHIR R4 API.</summary>
    public const string Fhir = "fhir";

    /// <summary>The web portal.</summary>
    public const string Portal = "portal";

    /// <summary>The command line (a named door run by an operator).</summary>
    public const string Cli = "cli";

    /// <summary>
    /// A practice's end-of-day invoice file (<c>tiers import claims</c>, or sent through <c>POST /api/v1/claim-batches</c>):
    /// the guard counts it under its own caps and its own practice budget (<see cref="GuardOptions.BatchCaps"/>).
    /// </summary>
    public const string Batch = "batch";
}

/// <summary>
/// Whoever reads through the guarded path, as the disclosure log records them: a professional's
/// actor, a member of staff or a named door.
/// </summary>
internal sealed record Reader(
    string Kind, Guid? AccountId, string? ClientId, Guid? PracticeId, Guid? SessionId, string SourceAddress, string Channel, string? Role, string CapTag)
{
    /// <summary>A door acting for an API client (its invoice files): the client's own key, whose containment stops the door too.</summary>
    public string? ClientKey => Kind == ActorKinds.System && ClientId is not null ? "client:" + ClientId : null;

    /// <summary>The scope the guard counts this reader's own reach under.</summary>
    public string CounterKey => Kind switch
    {
        ActorKinds.Client => "client:" + ClientId,
        ActorKinds.Staff => "staff:" + AccountId?.ToString("N"),
        ActorKinds.System => "door:" + Role + ":" + PracticeId?.ToString("N"),
        _ => "account:" + AccountId?.ToString("N"),
    };

    public static Reader Of(Actor actor) => new(
        actor.Kind, actor.AccountId, actor.ClientId, actor.PracticeId, actor.SessionId, actor.SourceAddress, actor.Channel,
        actor.Kind == ActorKinds.System ? Actor.ClaimsImportDoor : null, Domain.Practices.Professions.Code(actor.Profession));

    public static Reader Of(StaffActor staff) => new(
        ActorKinds.Staff, staff.AccountId, null, null, staff.SessionId, staff.SourceAddress, Channels.Portal, staff.Role, "staff:" + staff.Role);

    public static Reader Door(string door) => new(ActorKinds.System, null, null, null, null, "local", Channels.Cli, door, "door:" + door);
}
