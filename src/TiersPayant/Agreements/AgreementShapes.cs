using TiersPayant.Eligibility;

namespace TiersPayant.Agreements;

/// <summary>The body of <c>POST /api/v1/agreements</c> (CONTRACT.md), with <c>documents</c> added.</summary>
/// <param name="Card">The card as presented.</param>
/// <param name="Beneficiary">The person as presented.</param>
/// <param name="CareDate">The date of the quote (YYYY-MM-DD).</param>
/// <param name="Domain"><c>optique</c>, <c>audioprothese</c> or <c>dentaire</c>.</param>
/// <param name="Lines">The quote's lines.</param>
/// <param name="Prescription">The prescription, where the domain needs one.</param>
/// <param name="Documents">Documents attached to the quote: <c>prescription</c>, <c>quote</c>, <c>audiogram</c>, <c>radiograph</c>.</param>
public sealed record AgreementBody(
    EligibilityCard? Card, EligibilityPerson? Beneficiary, string? CareDate, string? Domain,
    IReadOnlyList<AgreementLineBody>? Lines, PrescriptionBody? Prescription, IReadOnlyList<string>? Documents);

/// <summary>A quote line.</summary>
public sealed record AgreementLineBody(string? Code, int? Quantity, long? UnitPriceCents, string? Class, string? Side);

/// <summary>The prescription: date, prescriber (RPPS), and in optics the correction per eye.</summary>
/// <param name="Date">When it was written (YYYY-MM-DD).</param>
/// <param name="Prescriber">The prescriber's RPPS number.</param>
/// <param name="Correction">Optics: the correction per eye.</param>
/// <param name="CorrectionChanged">The correction changed since the last equipment (renewal allowed early).</param>
/// <param name="FaceChanged">Under 6: the face changed (renewal allowed after 6 months).</param>
public sealed record PrescriptionBody(string? Date, string? Prescriber, CorrectionBody? Correction, bool CorrectionChanged = false, bool FaceChanged = false);

/// <summary>Optics correction, per eye.</summary>
public sealed record CorrectionBody(EyeBody? Right, EyeBody? Left);

/// <summary>One eye's correction.</summary>
public sealed record EyeBody(decimal Sphere, decimal Cylinder, int Axis, decimal Addition);

/// <summary>The answer: the agreement as decided (also <c>GET /api/v1/agreements/{number}</c>).</summary>
public sealed record AgreementAnswer(
    string AgreementNumber, string Status, string Domain, DateOnly CareDate, DateOnly? ValidUntil, AmountsView Amounts,
    IReadOnlyList<AgreementLineView> Lines, IReadOnlyList<string> Reasons, IReadOnlyList<string> MissingDocuments);

/// <summary>Amounts in euro cents: total, statutory (AMO), insurer (AMC), patient.</summary>
public sealed record AmountsView(long TotalCents, long AmoCents, long AmcCents, long PatientCents);

/// <summary>One line as decided.</summary>
/// <param name="Index">The line's position in the request, from 0.</param>
/// <param name="Code">The product or act code.</param>
/// <param name="Quantity">Units.</param>
/// <param name="UnitPriceCents">Price per unit, in cents.</param>
/// <param name="Class">A/B or I/II, where the domain has classes.</param>
/// <param name="Side"><c>right</c> or <c>left</c> for lenses and hearing aids.</param>
/// <param name="Amounts">Who pays what on the line.</param>
/// <param name="Reasons">Stable reason codes of the line.</param>
/// <param name="RenewableFrom">
/// When the line is refused with <c>renewal-period-not-elapsed</c>: the first day (YYYY-MM-DD) the
/// same component (frame, lens of this eye, aid of this ear) may be renewed; null otherwise.
/// </param>
public sealed record AgreementLineView(
    int Index, string Code, int Quantity, long UnitPriceCents, string? Class, string? Side, AmountsView Amounts, IReadOnlyList<string> Reasons,
    DateOnly? RenewableFrom = null);
