namespace TiersPayant.Domain.Agreements;

/// <summary>What a product or act is, as far as the rules care: the wire <c>kind</c> of a reference code.</summary>
public enum ProductKind
{
    /// <summary><c>frame</c>: a spectacle frame.</summary>
    Frame,
    /// <summary><c>lens-simple</c>: a single-vision lens of low correction ("verre simple").</summary>
    LensSimple,
    /// <summary><c>lens-complex</c>: a strong single-vision or a multifocal lens ("verre complexe").</summary>
    LensComplex,
    /// <summary><c>lens-very-complex</c>: a multifocal lens of strong correction ("verre très complexe").</summary>
    LensVeryComplex,
    /// <summary><c>hearing-aid</c>: one hearing aid, for one ear.</summary>
    HearingAid,
    /// <summary><c>crown</c>: a dental crown.</summary>
    Crown,
    /// <summary><c>drug</c>: a box of a reimbursable drug.</summary>
    Drug,
}

/// <summary>Wire codes and rule-relevant traits of <see cref="ProductKind"/>.</summary>
public static class ProductKinds
{
    /// <summary>Every kind.</summary>
    public static IReadOnlyList<ProductKind> All { get; } = Enum.GetValues<ProductKind>();

    /// <summary>The wire code, e.g. <c>lens-very-complex</c>.</summary>
    public static string Code(this ProductKind kind) => kind switch
    {
        ProductKind.Frame => "frame",
        ProductKind.LensSimple => "lens-simple",
        ProductKind.LensComplex => "lens-complex",
        ProductKind.LensVeryComplex => "lens-very-complex",
        ProductKind.HearingAid => "hearing-aid",
        ProductKind.Crown => "crown",
        ProductKind.Drug => "drug",
    };

    /// <summary>Reads a kind code; case-insensitive.</summary>
    public static bool TryParse(string? code, out ProductKind kind) => WireCodes.TryParse(code, All, Code, out kind);

    /// <summary>True for the three lens kinds.</summary>
    public static bool IsLens(this ProductKind kind) =>
        kind is ProductKind.LensSimple or ProductKind.LensComplex or ProductKind.LensVeryComplex;

    /// <summary>True when a line of this kind is for one side (an eye or an ear) and must say which.</summary>
    public static bool HasSide(this ProductKind kind) => kind.IsLens() || kind == ProductKind.HearingAid;

    /// <summary>
    /// The largest sensible quantity on one line. Sided products are one per line (the side is
    /// the line's identity); a frame is one per equipment; a quote may repeat one crown act on a
    /// few teeth, and a pharmacy line a few boxes. Anything above is a typing error.
    /// </summary>
    public static int MaxQuantity(this ProductKind kind) => kind switch
    {
        ProductKind.Frame or ProductKind.LensSimple or ProductKind.LensComplex or ProductKind.LensVeryComplex
            or ProductKind.HearingAid => 1,
        ProductKind.Crown => 8,
        ProductKind.Drug => 10,
    };
}
