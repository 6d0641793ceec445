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
/// <param name="Channel"><see cref="Channels.Api"/>, <see cref="Channels.Fhir"/> or <see cref="Channels.Portal"/>.</param>
public sealed record Actor(
    string Kind, Guid? AccountId, string? ClientId, Guid PracticeId, Profession Profession, Guid? SessionId, string SourceAddress, string Channel)
{
    /// <summary>The key the guard counts under: one account or one client.</summary>
    public string Key => Kind == ActorKinds.Account ? $"account:{AccountId}" : $"client:{ClientId}";
}

/// <summary>Values of <see cref="Actor.Kind"/>.</summary>
public static class ActorKinds
{
    /// <summary>A person logged in to the portal.</summary>
    public const string Account = "account";

    /// <summary>A practice's software with an access token.</summary>
    public const string Client = "client";
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
}
