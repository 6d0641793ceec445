namespace TiersPayant.Domain.Tests.Agreements;

/// <summary>The reference codes the tests use, by what they are.</summary>
public static class Codes
{
    public const string FrameA = "2210546";
    public const string FrameB = "2223342";
    public const string SimpleA = "2203240";
    public const string ComplexA = "2259966";
    public const string VeryComplexA = "2227038";
    public const string SimpleB = "2290217";
    public const string ComplexB = "2280660";
    public const string VeryComplexB = "2234239";
    public const string AidClassIAdult = "2355084";
    public const string AidClassIChild = "2335791";
    public const string AidClassIIAdult = "2391330";
    public const string AidClassIIChild = "2359680";
    public const string Crown100Sante = "HBLD634";
    public const string CrownControlled = "HBLD491";
    public const string CrownFree = "HBLD734";
    public const string Paracetamol = "3400935490124";
}
