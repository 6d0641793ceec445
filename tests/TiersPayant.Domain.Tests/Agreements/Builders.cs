using System.Globalization;
using TiersPayant.Domain.Agreements;
using TiersPayant.Domain.Members;
using static TiersPayant.Domain.Tests.Agreements.Amounts;

namespace TiersPayant.Domain.Tests.Agreements;

/// <summary>Amounts written the way people read them.</summary>
public static class Amounts
{
    /// <summary>Euros with cents, e.g. <c>Euros(419.91m)</c>; a fraction of a cent is a mistake in the test.</summary>
    public static Money Euros(decimal euros)
    {
        var cents = euros * 100m;
        return cents == decimal.Truncate(cents) ? new Money((long)cents) : throw new ArgumentException("Whole cents only.", nameof(euros));
    }
}

/// <summary>A guarantee, plain by default (100 % of the base, open since 2015), changed step by step.</summary>
public sealed class GuaranteeBuilder(CareDomain domain)
{
    private DomainGuarantee _guarantee = new(domain, new DateRange(new DateOnly(2015, 1, 1), null));

    public GuaranteeBuilder PercentOfBase(int percent) => Set(_guarantee with { PercentOfBase = percent });

    public GuaranteeBuilder Fixed(decimal euros) => Set(_guarantee with { FixedAmount = Euros(euros) });

    public GuaranteeBuilder ActualCosts() => Set(_guarantee with { ActualCosts = true });

    public GuaranteeBuilder EquipmentCeiling(decimal euros) => Set(_guarantee with { EquipmentCeiling = Euros(euros) });

    public GuaranteeBuilder PeriodCeiling(decimal euros, int calendarYears = 1) =>
        Set(_guarantee with { PeriodCeiling = new PeriodCeiling(Euros(euros), calendarYears) });

    public GuaranteeBuilder ReferencePrice(ProductKind kind, decimal euros) =>
        Set(_guarantee with { ReferencePrices = new Dictionary<ProductKind, Money>(_guarantee.ReferencePrices) { [kind] = Euros(euros) } });

    public GuaranteeBuilder Requires(SupportingDocument document) =>
        Set(_guarantee with { AdditionalDocuments = [.. _guarantee.AdditionalDocuments, document] });

    public GuaranteeBuilder From(DateOnly start)
    {
        var old = _guarantee;
        _guarantee = new DomainGuarantee(old.Domain, new DateRange(start, null))
        {
            PercentOfBase = old.PercentOfBase, FixedAmount = old.FixedAmount, ActualCosts = old.ActualCosts,
            EquipmentCeiling = old.EquipmentCeiling, PeriodCeiling = old.PeriodCeiling,
            ReferencePrices = old.ReferencePrices, AdditionalDocuments = old.AdditionalDocuments,
        };
        return this;
    }

    public DomainGuarantee Build() => _guarantee;

    private GuaranteeBuilder Set(DomainGuarantee guarantee)
    {
        _guarantee = guarantee;
        return this;
    }
}

/// <summary>
/// A context: a 40-year-old on a responsible contract, care today (16 June 2025), a month-old
/// prescription with a correction for both eyes, every document attached, nothing in the history.
/// </summary>
public sealed class ContextBuilder
{
    public static readonly DateOnly Today = new(2025, 6, 16);

    /// <summary>An RPPS number with a valid Luhn check digit.</summary>
    public static readonly string Rpps = "1000000000" + Luhn.CheckDigit("1000000000").ToString(CultureInfo.InvariantCulture);

    private static readonly EyeCorrection Myopia = new(-1.25m, -0.50m, 90, 0m);

    private AgreementContext _context;

    public ContextBuilder(DomainGuarantee guarantee)
    {
        _context = new AgreementContext
        {
            Today = Today,
            CareDate = Today,
            BirthDate = Today.AddYears(-40).AddMonths(-3),
            Guarantee = guarantee,
            Responsible = true,
            Prescription = new Prescription(Today.AddMonths(-1), Rpps) { Right = Myopia, Left = Myopia },
            Documents = new HashSet<SupportingDocument>(SupportingDocuments.All),
            Codes = Fixtures.Table,
        };
    }

    /// <summary>Moves today and the care date together, and the prescription a month before.</summary>
    public ContextBuilder CareOn(DateOnly day) => Set(_context with
    {
        Today = day,
        CareDate = day,
        BirthDate = day.AddYears(-40).AddMonths(-3),
        Prescription = _context.Prescription! with { Date = day.AddMonths(-1) },
    });

    public ContextBuilder Aged(int years, int extraMonths = 3) =>
        Set(_context with { BirthDate = _context.CareDate.AddYears(-years).AddMonths(-extraMonths) });

    public ContextBuilder BornOn(DateOnly birthDate) => Set(_context with { BirthDate = birthDate });

    public ContextBuilder NotResponsible() => Set(_context with { Responsible = false });

    public ContextBuilder Had(DateOnly date, ProductKind kind, Side? side = null, bool withNewPrescription = false, decimal insurerPaid = 0m) =>
        Set(_context with { History = [.. _context.History, new PastEquipment(date, kind, side, withNewPrescription, Euros(insurerPaid))] });

    /// <summary>A frame and two lenses delivered on <paramref name="date"/>.</summary>
    public ContextBuilder HadGlasses(DateOnly date, bool withNewPrescription = false) =>
        Had(date, ProductKind.Frame, null, withNewPrescription)
            .Had(date, ProductKind.LensSimple, Side.Right, withNewPrescription)
            .Had(date, ProductKind.LensSimple, Side.Left, withNewPrescription);

    public ContextBuilder PrescribedOn(DateOnly date) => Set(_context with { Prescription = _context.Prescription! with { Date = date } });

    public ContextBuilder CorrectionChanged() => Set(_context with { Prescription = _context.Prescription! with { CorrectionChanged = true } });

    public ContextBuilder FaceChanged() => Set(_context with { Prescription = _context.Prescription! with { FaceChanged = true } });

    public ContextBuilder Prescription(Prescription? prescription) => Set(_context with { Prescription = prescription });

    public ContextBuilder Without(SupportingDocument document) =>
        Set(_context with { Documents = new HashSet<SupportingDocument>(_context.Documents.Where(d => d != document)) });

    public ContextBuilder Guarantee(DomainGuarantee? guarantee) => Set(_context with { Guarantee = guarantee });

    public AgreementContext Build() => _context;

    private ContextBuilder Set(AgreementContext context)
    {
        _context = context;
        return this;
    }
}

/// <summary>A request built line by line.</summary>
public sealed class RequestBuilder(CareDomain domain)
{
    private readonly List<AgreementLine> _lines = [];

    public static RequestBuilder Optics() => new(CareDomain.Optique);

    public static RequestBuilder Audiology() => new(CareDomain.Audioprothese);

    public static RequestBuilder Dental() => new(CareDomain.Dentaire);

    public RequestBuilder Line(string code, decimal unitEuros, string? cls = null, string? side = null, int quantity = 1)
    {
        _lines.Add(new AgreementLine(code, quantity, Euros(unitEuros), cls, side));
        return this;
    }

    public RequestBuilder Frame(string cls, decimal euros) => Line(cls == "A" ? Codes.FrameA : Codes.FrameB, euros, cls);

    public RequestBuilder SimpleLenses(string cls, decimal eurosEach) =>
        Line(cls == "A" ? Codes.SimpleA : Codes.SimpleB, eurosEach, cls, "right")
            .Line(cls == "A" ? Codes.SimpleA : Codes.SimpleB, eurosEach, cls, "left");

    public AgreementRequest Build() => new(domain, [.. _lines]);
}
