using TiersPayant.Agreements;
using TiersPayant.Eligibility;

namespace TiersPayant.Claims;

/// <summary>The body of <c>POST /api/v1/claims</c> (CONTRACT.md).</summary>
/// <param name="AgreementNumber">The prior agreement invoiced, where the domain needs one (optics, audiology, dental).</param>
/// <param name="Card">For a direct claim: the card as presented.</param>
/// <param name="Beneficiary">For a direct claim: the person as presented.</param>
/// <param name="Domain">For a direct claim: the care domain (e.g. <c>pharmacie</c>).</param>
/// <param name="CareDate">The date of care (YYYY-MM-DD), not in the future.</param>
/// <param name="Lines">What is invoiced.</param>
/// <param name="Prescription">For a direct claim that needs one (pharmacy): the prescription.</param>
public sealed record ClaimBody(
    string? AgreementNumber, EligibilityCard? Card, EligibilityPerson? Beneficiary, string? Domain, string? CareDate,
    IReadOnlyList<AgreementLineBody>? Lines, PrescriptionBody? Prescription);

/// <summary>The adjudicated invoice (also <c>GET /api/v1/claims/{claimId}</c>).</summary>
public sealed record ClaimAnswer(
    string ClaimId, string Status, string Domain, DateOnly CareDate, string? AgreementNumber, AmountsView Amounts,
    IReadOnlyList<AgreementLineView> Lines, IReadOnlyList<string> Reasons);
