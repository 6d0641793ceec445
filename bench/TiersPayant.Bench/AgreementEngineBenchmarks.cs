using BenchmarkDotNet.Attributes;
using TiersPayant.Domain;
using TiersPayant.Domain.Agreements;
using TiersPayant.Domain.Members;

namespace TiersPayant.Bench;

/// <summary>
/// Prior agreements decided per second in process: one typical optics quote (a class B frame
/// over its cap and two complex class B lenses, an adult on a responsible contract with a fixed
/// amount, glasses renewed after two years), validation included, against validation alone.
/// <c>dotnet run -c Release --project bench/TiersPayant.Bench -- --filter '*AgreementEngine*' --job short</c>
/// </summary>
[MemoryDiagnoser]
public class AgreementEngineBenchmarks
{
    private static readonly DateOnly Today = new(2025, 6, 16);

    private readonly AgreementRequest _request = new(CareDomain.Optique,
    [
        new AgreementLine("2999002", 1, Money.FromEuros(180), "B"),
        new AgreementLine("2999012", 1, Money.FromEuros(210), "B", "right"),
        new AgreementLine("2999012", 1, Money.FromEuros(210), "B", "left"),
    ]);

    private readonly AgreementContext _context = new()
    {
        Today = Today,
        CareDate = Today,
        BirthDate = new DateOnly(1979, 4, 2),
        Responsible = true,
        Guarantee = new DomainGuarantee(CareDomain.Optique, new DateRange(new DateOnly(2024, 1, 1), null))
        {
            PercentOfBase = 100,
            FixedAmount = Money.FromEuros(350),
            ReferencePrices = new Dictionary<ProductKind, Money> { [ProductKind.Frame] = Money.FromEuros(250) },
        },
        History =
        [
            new PastEquipment(new DateOnly(2023, 5, 2), ProductKind.Frame, null, false, Money.FromEuros(90)),
            new PastEquipment(new DateOnly(2023, 5, 2), ProductKind.LensComplex, Side.Right, false, Money.FromEuros(150)),
            new PastEquipment(new DateOnly(2023, 5, 2), ProductKind.LensComplex, Side.Left, false, Money.FromEuros(150)),
        ],
        Prescription = new Prescription(new DateOnly(2025, 5, 20), "10000000009")
        {
            Right = new EyeCorrection(-4.25m, -1.00m, 170, 2.00m),
            Left = new EyeCorrection(-4.00m, -0.75m, 10, 2.00m),
        },
        Documents = new HashSet<SupportingDocument> { SupportingDocument.Prescription, SupportingDocument.Quote },
    };

    [GlobalSetup]
    public void Check()
    {
        // A benchmark of an invalid request would time the validator's early exit.
        var decision = AgreementEngine.Evaluate(_request, _context).Decision
            ?? throw new InvalidOperationException("The benchmark request must be valid.");
        if (decision.Status != AgreementStatus.Partial)
        {
            throw new InvalidOperationException($"Expected a partial agreement, got {decision.Status}.");
        }
    }

    [Benchmark(Baseline = true)]
    public int ValidateOnly() => AgreementValidator.Validate(_request, _context).Count;

    [Benchmark]
    public AgreementStatus Evaluate() => AgreementEngine.Evaluate(_request, _context).Decision!.Status;
}
