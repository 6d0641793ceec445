using CsCheck;
using TiersPayant.Domain.Agreements;
using TiersPayant.Domain.Members;

namespace TiersPayant.Domain.Tests.Agreements;

/// <summary>
/// Generators of prior-agreement requests and their contexts, across optics, audiology, dental
/// and pharmacy: prices below, at and above the regulated limits, every guarantee shape,
/// histories that do and do not block renewal, prescriptions fresh and expired, documents missing.
/// </summary>
public static class AgreementGenerators
{
    private static readonly ReferenceCodeTable Table = Fixtures.Table;

    private static readonly DateOnly FirstCare = new(2017, 1, 1);

    private static Gen<ReferenceCode> CodeWhere(Func<ReferenceCode, bool> wanted) => Gen.OneOf([.. Table.All.Where(wanted)]);

    /// <summary>
    /// A price for the code: for a regulated code mostly within its 2020 limit, sometimes above;
    /// for a free price anything up to <paramref name="maxCents"/>, now and then an absurd one.
    /// </summary>
    private static Gen<(ReferenceCode Code, Money Price)> Priced(Gen<ReferenceCode> codes, long maxCents) =>
        codes.SelectMany(code =>
        {
            var gen = code.PriceLimits.Entries.Count > 0 && code.PriceLimits.Entries[^1].Value is var limit
                ? Gen.Frequency((4, Gen.Long[1, limit.Cents]), (1, Gen.Long[limit.Cents + 1, limit.Cents * 3]))
                : Gen.Frequency((8, Gen.Long[1, maxCents]), (1, Gen.Long[1, 1_000_000]));
            return gen.Select(cents => (code, new Money(cents)));
        });

    private static AgreementLine Line(ReferenceCode code, Money price, Side? side = null, int quantity = 1) =>
        new(code.Code, quantity, price, code.Class?.Code(), side?.Code());

    /// <summary>Up to one frame and one lens per eye, at least one line, any class mix.</summary>
    public static readonly Gen<AgreementRequest> Optics =
        Gen.Select(
            Gen.Bool, Priced(CodeWhere(c => c.Kind == ProductKind.Frame), 40_000),
            Gen.Int[0, 2].Array[2], Priced(CodeWhere(c => c.Kind.IsLens()), 60_000).Array[2],
            (hasFrame, frame, presence, lenses) =>
            {
                List<AgreementLine> lines = hasFrame ? [Line(frame.Code, frame.Price)] : [];
                for (var eye = 0; eye < 2; eye++)
                {
                    if (presence[eye] > 0)
                    {
                        lines.Add(Line(lenses[eye].Code, lenses[eye].Price, Sides.All[eye]));
                    }
                }

                return lines.Count == 0 ? [Line(frame.Code, frame.Price)] : lines;
            })
        .Select(lines => new AgreementRequest(CareDomain.Optique, lines));

    /// <summary>One or two ears, class I or II, either age band.</summary>
    public static readonly Gen<AgreementRequest> Audiology =
        Gen.Select(Gen.Int[1, 3], Priced(CodeWhere(c => c.Kind == ProductKind.HearingAid), 250_000).Array[2], (ears, aids) =>
            new AgreementRequest(CareDomain.Audioprothese,
            [
                .. Sides.All.Where((_, i) => (ears & (1 << i)) != 0).Select(side => Line(aids[(int)side].Code, aids[(int)side].Price, side)),
            ]));

    /// <summary>One to four crown lines of any regime.</summary>
    public static readonly Gen<AgreementRequest> Dental =
        Gen.Select(Priced(CodeWhere(c => c.Kind == ProductKind.Crown), 150_000), Gen.Int[1, 3], (crown, quantity) => Line(crown.Code, crown.Price, null, quantity))
            .Array[1, 4].Select(lines => new AgreementRequest(CareDomain.Dentaire, lines));

    /// <summary>One to five drug lines, at their listed price or another.</summary>
    public static readonly Gen<AgreementRequest> Pharmacy =
        Gen.Select(CodeWhere(c => c.Kind == ProductKind.Drug), Gen.Frequency((1, Gen.Const(0L)), (1, Gen.Long[1, 5_000])), Gen.Int[1, 4],
                (code, cents, quantity) => Line(code, cents == 0 ? code.Bases.Entries[^1].Value : new Money(cents), null, quantity))
            .Array[1, 5].Select(lines => new AgreementRequest(CareDomain.Pharmacie, lines));

    /// <summary>A request of any of the four domains.</summary>
    public static readonly Gen<AgreementRequest> Request = Gen.OneOf(Optics, Audiology, Dental, Pharmacy);

    private static Gen<DomainGuarantee?> Guarantee(CareDomain domain, DateOnly careDate) =>
        Gen.Select(
            Gen.Int[0, 500], Gen.Long[0, 100_000], Gen.Frequency((3, Gen.Const(false)), (1, Gen.Const(true))),
            Gen.Long[0, 200_000].Nullable(), Gen.Select(Gen.Long[0, 300_000], Gen.Int[1, 3]).Nullable(),
            Gen.Long[1, 150_000].Nullable(), Gen.Frequency((9, Gen.Const(0)), (1, Gen.Int[1, 400])),
            (percent, fixedCents, actualCosts, ceiling, period, reference, startsLater) =>
                new DomainGuarantee(domain, new DateRange(careDate.AddDays(startsLater), null))
                {
                    PercentOfBase = percent,
                    FixedAmount = new Money(fixedCents),
                    ActualCosts = actualCosts,
                    EquipmentCeiling = ceiling is { } c ? new Money(c) : null,
                    PeriodCeiling = period is { } p ? new PeriodCeiling(new Money(p.Item1), p.Item2) : null,
                    ReferencePrices = reference is { } r
                        ? ProductKinds.All.ToDictionary(k => k, _ => new Money(r))
                        : new Dictionary<ProductKind, Money>(),
                })
        .Null(0.05).Select(g => (DomainGuarantee?)g);

    private static Gen<PastEquipment> Past(CareDomain domain, DateOnly careDate) =>
        Gen.Select(
            Gen.Int[0, 3_000], Gen.OneOf([.. Table.ForDomain(domain).Select(c => c.Kind).Distinct()]),
            Gen.OneOf<Side?>(Side.Right, Side.Left, null), Gen.Bool, Gen.Long[0, 100_000],
            (daysBefore, kind, side, newPrescription, paid) =>
                new PastEquipment(careDate.AddDays(-daysBefore), kind, kind.HasSide() || kind == ProductKind.Frame ? side : null, newPrescription, new Money(paid)));

    private static readonly Gen<EyeCorrection> Correction =
        Gen.Select(Gen.Int[-120, 120], Gen.Int[-40, 40], Gen.Int[0, 180], Gen.Int[0, 16], (sphere, cylinder, axis, addition) =>
            new EyeCorrection(sphere * 0.25m, cylinder * 0.25m, axis, addition * 0.25m));

    /// <summary>A context for a request in <paramref name="domain"/>, valid for the validator.</summary>
    public static Gen<AgreementContext> Context(CareDomain domain) =>
        Gen.Select(
                Gen.Frequency((1, Gen.Int[0, 1_460]), (3, Gen.Int[1_461, 3_450])), Gen.Int[0, 30], Gen.Int[0, 36_500],
                Gen.Frequency((4, Gen.Int[0, 80]), (1, Gen.Int[0, 2_200])), Gen.Bool, Gen.Bool, Gen.Bool)
            .SelectMany(t =>
            {
                var (careOffset, lateBy, ageDays, prescribedBefore, responsible, correctionChanged, faceChanged) = t;
                var care = FirstCare.AddDays(careOffset);
                return Gen.Select(
                    Guarantee(domain, care), Past(domain, care).Array[0, 3], Correction, Correction,
                    Gen.Frequency((9, Gen.Const(true)), (1, Gen.Const(false))).Array[SupportingDocuments.All.Count],
                    (guarantee, history, right, left, attached) => new AgreementContext
                    {
                        Today = care.AddDays(lateBy),
                        CareDate = care,
                        BirthDate = care.AddDays(-ageDays),
                        Guarantee = guarantee,
                        Responsible = responsible,
                        History = history,
                        Prescription = new Prescription(care.AddDays(-prescribedBefore), ContextBuilder.Rpps)
                        {
                            Right = right,
                            Left = left,
                            CorrectionChanged = correctionChanged,
                            FaceChanged = faceChanged,
                        },
                        Documents = new HashSet<SupportingDocument>(SupportingDocuments.All.Where((_, i) => attached[i])),
                        Codes = Table,
                    });
            });

    /// <summary>A request and a context that fits its domain.</summary>
    public static readonly Gen<(AgreementRequest Request, AgreementContext Context)> Case =
        Request.SelectMany(request => Context(request.Domain).Select(context => (request, context)));
}
