using TiersPayant.Domain.Agreements;
using TiersPayant.Domain.Members;
using TiersPayant.Domain.Regulation;

namespace TiersPayant.Domain.Tests.Agreements;

/// <summary>The reference codes the tests use, by what they are.</summary>
public static class Codes
{
    public const string FrameA = "2999001";
    public const string FrameB = "2999002";
    public const string SimpleB = "2999011";
    public const string ComplexB = "2999012";
    public const string VeryComplexB = "2999013";
    public const string AidClassIAdult = "2999101";
    public const string AidClassIChild = "2999102";
    public const string AidClassIBlind = "2999103";
    public const string AidClassIIAdult = "2999111";
    public const string AidClassIIChild = "2999112";
    public const string Crown100Sante = "HBLD634";
    public const string CrownControlled = "HBLD491";
    public const string CrownFree = "HBLD734";
    public const string Paracetamol = "3400935955838";
    public const string Trimebutine = "3400933904678";

    // Class A lenses are not shipped (their per-band figures could not be read, see the README);
    // the engine's handling of them is tested on fixture codes whose figures are the tests' own.
    public const string SimpleA = "TEST-SIMPLE-A";
    public const string ComplexA = "TEST-COMPLEX-A";
    public const string VeryComplexA = "TEST-VERY-COMPLEX-A";
}

/// <summary>The shipped codes plus fixture class A lenses (base €15, price limit €60 each band), for engine tests only.</summary>
public static class Fixtures
{
    /// <summary>Where the fixtures' figures come from: the tests themselves.</summary>
    public static readonly Source TestSource = new("Figures de test (TiersPayant)", "fixture", new DateOnly(2026, 12, 6), "https://example.invalid/tests", SourceKind.Secondary);

    public static ReferenceCodeTable Table { get; } = new([.. ReferenceCodeTable.Default.All, Lens(Codes.SimpleA, ProductKind.LensSimple),
        Lens(Codes.ComplexA, ProductKind.LensComplex), Lens(Codes.VeryComplexA, ProductKind.LensVeryComplex)]);

    private static ReferenceCode Lens(string code, ProductKind kind)
    {
        var from = new DateRange(new DateOnly(2020, 1, 1), null);
        return new ReferenceCode(code, "Verre classe A (figures de test)", CareDomain.Optique, kind, EquipmentClass.A, PriceRegime.FullCover,
            new Sourced<CodeListing>(new CodeListing(Example: true), from, TestSource),
            new Timeline<Money>(new Sourced<Money>(Money.FromEuros(15), from, TestSource)),
            new Timeline<int>(new Sourced<int>(60, from, TestSource)),
            new Timeline<Money>(new Sourced<Money>(Money.FromEuros(60), from, TestSource)));
    }
}
