namespace TiersPayant.Domain.Agreements;

/// <summary>
/// A request field that cannot be evaluated: the wire path (<c>lines[1].quantity</c>), a stable
/// code (<c>quantity-out-of-range</c>) and a message (<c>must be between 1 and 1</c>).
/// </summary>
/// <param name="Field">The field's path in the wire request.</param>
/// <param name="Code">A stable kebab-case code (<see cref="FieldErrorCodes"/>).</param>
/// <param name="Message">What is wrong, in English, without personal data.</param>
public sealed record FieldError(string Field, string Code, string Message)
{
    /// <summary><c>field: message</c>.</summary>
    public override string ToString() => Field + ": " + Message;
}

/// <summary>The codes of <see cref="FieldError"/>.</summary>
public static class FieldErrorCodes
{
    /// <summary>The code is not in the reference table.</summary>
    public const string UnknownCode = "unknown-code";
    /// <summary>The code belongs to another domain than the request's.</summary>
    public const string CodeNotInDomain = "code-not-in-domain";
    /// <summary>The request has no line, or too many.</summary>
    public const string LineCount = "line-count";
    /// <summary>Quantity zero, negative or absurd.</summary>
    public const string QuantityOutOfRange = "quantity-out-of-range";
    /// <summary>Unit price zero, negative or absurd.</summary>
    public const string PriceOutOfRange = "price-out-of-range";
    /// <summary>The code needs a class and none was sent.</summary>
    public const string ClassMissing = "class-missing";
    /// <summary>The class is not a class code, or not the code's class.</summary>
    public const string ClassMismatch = "class-mismatch";
    /// <summary>A class was sent for a code that has none.</summary>
    public const string ClassNotApplicable = "class-not-applicable";
    /// <summary>A lens or hearing aid without a side.</summary>
    public const string SideMissing = "side-missing";
    /// <summary>A side that is neither right nor left.</summary>
    public const string SideInvalid = "side-invalid";
    /// <summary>A side was sent for a product that has none.</summary>
    public const string SideNotApplicable = "side-not-applicable";
    /// <summary>Two lenses, two hearing aids for one side, or two frames.</summary>
    public const string Duplicate = "duplicate";
    /// <summary>A care date after today.</summary>
    public const string CareDateInFuture = "care-date-in-future";
    /// <summary>No edition of the regulated rules covers the care date.</summary>
    public const string NoRulesForDate = "no-rules-for-date";
    /// <summary>A birth date after the care date.</summary>
    public const string BirthDateAfterCare = "birth-date-after-care-date";
    /// <summary>The domain needs a prescription and none was sent.</summary>
    public const string PrescriptionMissing = "prescription-missing";
    /// <summary>A prescription dated after the care date.</summary>
    public const string PrescriptionAfterCare = "prescription-after-care-date";
    /// <summary>A prescriber that is not an RPPS number.</summary>
    public const string PrescriberInvalid = "prescriber-invalid";
    /// <summary>An RPPS number of 11 digits whose last (the Luhn check digit) does not match the first ten.</summary>
    public const string PrescriberCheckDigit = "prescriber-check-digit";
    /// <summary>A lens for an eye the prescription gives no correction for.</summary>
    public const string CorrectionMissing = "correction-missing";
    /// <summary>A correction value out of its range or off its step.</summary>
    public const string CorrectionOutOfRange = "correction-out-of-range";
}
