using System.Globalization;

namespace TiersPayant.Domain.Agreements;

/// <summary>A line that passed validation, with its code resolved and its side read.</summary>
internal sealed record ParsedLine(int Index, ReferenceCode Code, int Quantity, Money UnitPrice, Side? Side);

/// <summary>
/// Checks a request before any rule runs, and names each wrong field rather than throwing: the
/// API answers 400 with these, and only a request without errors reaches the engine.
/// </summary>
public static class AgreementValidator
{
    /// <summary>Most lines in one request: an equipment, both ears, a dental plan.</summary>
    public const int MaxLines = 20;

    /// <summary>The highest unit price taken seriously; above is a typing error (cents for euros).</summary>
    public static Money MaxUnitPrice { get; } = Money.FromEuros(10_000);

    /// <summary>The field errors of <paramref name="request"/> in <paramref name="context"/>; empty when it can be evaluated.</summary>
    public static IReadOnlyList<FieldError> Validate(AgreementRequest request, AgreementContext context) =>
        Validate(request, context, out _, out _);

    internal static List<FieldError> Validate(AgreementRequest request, AgreementContext context, out List<ParsedLine> parsed, out RegulatedRules? rules)
    {
        var errors = new List<FieldError>();
        parsed = [];
        if (context.CareDate > context.Today)
        {
            errors.Add(new("careDate", FieldErrorCodes.CareDateInFuture, "must not be after today"));
        }

        if (context.BirthDate > context.CareDate)
        {
            errors.Add(new("beneficiary.birthDate", FieldErrorCodes.BirthDateAfterCare, "must not be after the care date"));
        }

        rules = context.RulesInForce;
        if (rules is null)
        {
            errors.Add(new("careDate", FieldErrorCodes.NoRulesForDate, "no regulated rules apply on this date"));
        }

        if (request.Lines.Count is 0 or > MaxLines)
        {
            errors.Add(new("lines", FieldErrorCodes.LineCount, Invariant($"must hold between 1 and {MaxLines} lines")));
        }

        var taken = new Dictionary<(bool Lens, Side? Side), int>();
        for (var i = 0; i < request.Lines.Count && i < MaxLines; i++)
        {
            if (ValidateLine(request.Domain, request.Lines[i], i, context.Codes, errors) is not { } line)
            {
                continue;
            }

            // One equipment per request: lenses of any kind share an eye, an aid has its ear, a
            // frame comes once. Crowns and drugs may repeat.
            var kind = line.Code.Kind;
            if (kind == ProductKind.Frame || kind.HasSide())
            {
                var slot = (kind.IsLens(), line.Side);
                if (taken.TryGetValue(slot, out var first))
                {
                    errors.Add(new(Field(i, kind.HasSide() ? "side" : "code"), FieldErrorCodes.Duplicate,
                        Invariant($"line {first} already holds a {kind.Code()}") + (kind.HasSide() ? " for this side" : "")));
                    continue;
                }

                taken[slot] = i;
            }

            parsed.Add(line);
        }

        if (rules is not null)
        {
            PrescriptionValidator.Validate(request.Domain, context, rules, parsed, errors);
        }

        return errors;
    }

    private static ParsedLine? ValidateLine(CareDomain domain, AgreementLine line, int i, ReferenceCodeTable codes, List<FieldError> errors)
    {
        var before = errors.Count;
        var code = codes.Find(line.Code);
        if (code is null)
        {
            errors.Add(new(Field(i, "code"), FieldErrorCodes.UnknownCode, "unknown code"));
        }
        else if (code.Domain != domain)
        {
            errors.Add(new(Field(i, "code"), FieldErrorCodes.CodeNotInDomain,
                "belongs to " + code.Domain.Code() + ", not " + domain.Code()));
        }

        var maxQuantity = code?.Kind.MaxQuantity() ?? ProductKind.Drug.MaxQuantity();
        if (line.Quantity < 1 || line.Quantity > maxQuantity)
        {
            errors.Add(new(Field(i, "quantity"), FieldErrorCodes.QuantityOutOfRange, Invariant($"must be between 1 and {maxQuantity}")));
        }

        if (line.UnitPrice.Cents < 1 || line.UnitPrice > MaxUnitPrice)
        {
            errors.Add(new(Field(i, "unitPriceCents"), FieldErrorCodes.PriceOutOfRange,
                Invariant($"must be between 1 and {MaxUnitPrice.Cents}")));
        }

        if (code is null || code.Domain != domain)
        {
            return null;
        }

        ValidateClass(code, line.Class, i, errors);
        var side = ValidateSide(code, line.Side, i, errors);
        return errors.Count == before ? new ParsedLine(i, code, line.Quantity, line.UnitPrice, side) : null;
    }

    private static void ValidateClass(ReferenceCode code, string? sent, int i, List<FieldError> errors)
    {
        if (code.Class is not { } expected)
        {
            if (!string.IsNullOrWhiteSpace(sent))
            {
                errors.Add(new(Field(i, "class"), FieldErrorCodes.ClassNotApplicable, "must be empty for this code"));
            }
        }
        else if (string.IsNullOrWhiteSpace(sent))
        {
            errors.Add(new(Field(i, "class"), FieldErrorCodes.ClassMissing, "required for this code"));
        }
        else if (!EquipmentClasses.TryParse(sent, out var read) || read != expected)
        {
            errors.Add(new(Field(i, "class"), FieldErrorCodes.ClassMismatch, "must be " + expected.Code() + " for this code"));
        }
    }

    private static Side? ValidateSide(ReferenceCode code, string? sent, int i, List<FieldError> errors)
    {
        if (!code.Kind.HasSide())
        {
            if (!string.IsNullOrWhiteSpace(sent))
            {
                errors.Add(new(Field(i, "side"), FieldErrorCodes.SideNotApplicable, "must be empty for a " + code.Kind.Code()));
            }

            return null;
        }

        if (string.IsNullOrWhiteSpace(sent))
        {
            errors.Add(new(Field(i, "side"), FieldErrorCodes.SideMissing, "required for a " + code.Kind.Code()));
            return null;
        }

        if (!Sides.TryParse(sent, out var side))
        {
            errors.Add(new(Field(i, "side"), FieldErrorCodes.SideInvalid, "must be right or left"));
            return null;
        }

        return side;
    }

    private static string Field(int i, string name) => Invariant($"lines[{i}].{name}");

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
