namespace TiersPayant.Domain.Agreements;

/// <summary>Checks the prescription part of a request: presence, dates, prescriber, optical values.</summary>
internal static class PrescriptionValidator
{
    private static readonly (string Name, decimal Min, decimal Max)[] Powers =
    [
        ("sphere", -30m, 30m),
        ("cylinder", -10m, 10m),
        ("addition", 0m, 4m),
    ];

    public static void Validate(CareDomain domain, AgreementContext context, RegulatedRules rules, List<ParsedLine> lines, List<FieldError> errors)
    {
        var prescription = context.Prescription;
        if (prescription is null)
        {
            if (rules.Prescriptions.Requires(domain))
            {
                errors.Add(new("prescription", FieldErrorCodes.PrescriptionMissing, "required in " + domain.Code()));
            }

            return;
        }

        if (prescription.Date > context.CareDate)
        {
            errors.Add(new("prescription.date", FieldErrorCodes.PrescriptionAfterCare, "must not be after the care date"));
        }

        // RPPS: 11 digits whose last is a Luhn check digit (DOMAIN.md).
        if (prescription.Prescriber is not { Length: 11 } rpps || !rpps.All(char.IsAsciiDigit))
        {
            errors.Add(new("prescription.prescriber", FieldErrorCodes.PrescriberInvalid, "must be an RPPS number (11 digits)"));
        }
        else if (!Luhn.IsValid(rpps))
        {
            // Eleven digits were typed: saying "11 digits" would send the professional counting them.
            errors.Add(new("prescription.prescriber", FieldErrorCodes.PrescriberCheckDigit, "the check digit (the last digit) of this RPPS number is wrong"));
        }

        if (domain != CareDomain.Optique)
        {
            return;
        }

        foreach (var side in Sides.All)
        {
            var field = "prescription.correction." + side.Code();
            if (prescription.For(side) is { } correction)
            {
                ValidateCorrection(correction, field, errors);
            }
            else if (lines.Any(l => l.Side == side && l.Code.Kind.IsLens()))
            {
                errors.Add(new(field, FieldErrorCodes.CorrectionMissing, "required for a " + side.Code() + " lens"));
            }
        }
    }

    private static void ValidateCorrection(EyeCorrection correction, string field, List<FieldError> errors)
    {
        decimal[] values = [correction.Sphere, correction.Cylinder, correction.Addition];
        for (var i = 0; i < Powers.Length; i++)
        {
            var (name, min, max) = Powers[i];
            // Lens powers come in quarter dioptres: 1.30 is a typing error, not a prescription.
            if (values[i] < min || values[i] > max || values[i] % 0.25m != 0)
            {
                errors.Add(new(field + "." + name, FieldErrorCodes.CorrectionOutOfRange,
                    AgreementValidator.Invariant($"must be between {min:+0.##;-0.##;0} and {max:+0.##;-0.##;0} in steps of 0.25")));
            }
        }

        if (correction.Axis is < 0 or > 180)
        {
            errors.Add(new(field + ".axis", FieldErrorCodes.CorrectionOutOfRange, "must be between 0 and 180 degrees"));
        }
    }
}
