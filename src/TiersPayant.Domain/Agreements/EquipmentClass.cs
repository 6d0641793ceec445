namespace TiersPayant.Domain.Agreements;

/// <summary>
/// The "100% Santé" class of an optical or hearing product: A and I are the regulated baskets
/// (no patient share on a responsible contract within the price limit), B and II are free prices.
/// </summary>
public enum EquipmentClass
{
    /// <summary>Optics, "100% Santé" basket: <c>A</c>.</summary>
    A,
    /// <summary>Optics, free prices: <c>B</c>.</summary>
    B,
    /// <summary>Audiology, "100% Santé" basket: <c>I</c>.</summary>
    I,
    /// <summary>Audiology, free prices: <c>II</c>.</summary>
    II,
}

/// <summary>Wire codes of <see cref="EquipmentClass"/>.</summary>
public static class EquipmentClasses
{
    /// <summary>Every class.</summary>
    public static IReadOnlyList<EquipmentClass> All { get; } = Enum.GetValues<EquipmentClass>();

    /// <summary>The wire code: <c>A</c>, <c>B</c>, <c>I</c> or <c>II</c>.</summary>
    public static string Code(this EquipmentClass value) => value.ToString();

    /// <summary>Reads a class code; case-insensitive.</summary>
    public static bool TryParse(string? code, out EquipmentClass value) => WireCodes.TryParse(code, All, Code, out value);
}

/// <summary>Which eye or ear a sided product is for.</summary>
public enum Side
{
    /// <summary><c>right</c>.</summary>
    Right,
    /// <summary><c>left</c>.</summary>
    Left,
}

/// <summary>Wire codes of <see cref="Side"/>.</summary>
public static class Sides
{
    /// <summary>Both sides.</summary>
    public static IReadOnlyList<Side> All { get; } = Enum.GetValues<Side>();

    /// <summary>The wire code: <c>right</c> or <c>left</c>.</summary>
    public static string Code(this Side side) => side switch
    {
        Side.Right => "right",
        Side.Left => "left",
    };

    /// <summary>Reads a side code; case-insensitive.</summary>
    public static bool TryParse(string? code, out Side side) => WireCodes.TryParse(code, All, Code, out side);
}
