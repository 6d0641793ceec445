namespace TiersPayant.Domain.Members;

/// <summary>Wire codes of <see cref="Relationship"/> used in member files.</summary>
public static class RelationshipCodes
{
    /// <summary>The lower-case code, e.g. <c>spouse</c>.</summary>
    public static string Code(this Relationship relationship) => relationship.ToString().ToLowerInvariant();

    /// <summary>Reads a code; case-insensitive.</summary>
    public static bool TryParse(string? code, out Relationship relationship) => WireCodes.TryParse(code, Enum.GetValues<Relationship>(), Code, out relationship);
}
