namespace TiersPayant.Data.Accounts;

/// <summary>
/// One failed password step, for the platform-wide view of credential stuffing: which login
/// (a keyed tag, never the login), from which network, when. Kept as long as the guard's counts.
/// </summary>
internal sealed class LoginFailureRecord
{
    public Guid Id { get; set; }

    /// <summary>UTC.</summary>
    public DateTime OccurredAt { get; set; }

    /// <summary>Keyed tag of the login as typed, normalised (16 hexadecimal characters), known account or not.</summary>
    public required string LoginTag { get; set; }

    /// <summary>The address's network (prefix).</summary>
    public required string Network { get; set; }
}
