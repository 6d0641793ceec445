namespace TiersPayant.Guard;

/// <summary>
/// Declares that an endpoint or page returns a beneficiary's data: it goes through the guarded
/// path and writes a disclosure record for <see cref="Purpose"/>. Every endpoint carries either
/// this or <see cref="NoPersonalDataAttribute"/>; a test fails for any that carries neither.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class DisclosesPersonalDataAttribute(string purpose) : Attribute
{
    /// <summary><c>eligibility</c>, <c>agreement</c>, <c>claim</c>, <c>list</c>.</summary>
    public string Purpose { get; } = purpose;
}

/// <summary>Declares that an endpoint or page returns no beneficiary's data.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class NoPersonalDataAttribute : Attribute;

internal static class PersonalDataEndpoints
{
    public static TBuilder DisclosesPersonalData<TBuilder>(this TBuilder builder, string purpose)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new DisclosesPersonalDataAttribute(purpose));

    public static TBuilder NoPersonalData<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new NoPersonalDataAttribute());
}
