namespace TiersPayant.Data.Accounts;

/// <summary>
/// What the security team must see about accounts (a suspended second factor, a session stepped up
/// or refused from another device): no beneficiary's data, no password, no code.
/// </summary>
public sealed class SecurityEventRecord
{
    public Guid Id { get; set; }

    /// <summary><c>second-factor-suspended</c>, <c>second-factor-reset</c>, <c>step-up-asked</c>, <c>step-up-passed</c>, <c>step-up-refused</c>.</summary>
    public required string Kind { get; set; }

    public Guid AccountId { get; set; }

    public Guid? SessionId { get; set; }

    /// <summary>The staff account that acted, for events staff cause.</summary>
    public Guid? ActorId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Device family and network, never personal data of anyone else.</summary>
    public required string Detail { get; set; }
}
