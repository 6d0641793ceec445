using System.Globalization;
using Hl7.Fhir.Model;
using TiersPayant.Agreements;
using TiersPayant.Claims;
using TiersPayant.Domain.Agreements;
using TiersPayant.Domain.Claims;

namespace TiersPayant.Fhir;

/// <summary>
/// An agreement or an adjudicated invoice as a ClaimResponse in a collection Bundle. Amounts per
/// item and in total: HL7 <c>submitted</c> (the total), <c>benefit</c> for the statutory (AMO) and
/// complementary (AMC) shares, <c>copay</c> for the patient, each also coded in <see cref="FhirCodes.Share"/>.
/// Reason codes are <c>error</c> entries, on the item they concern where they concern one.
/// </summary>
internal static class ClaimResponseMapping
{
    public static Bundle Agreement(Claim claim, AgreementAnswer answer, DateTimeOffset now)
    {
        var response = Response(claim, answer.AgreementNumber, ClaimUseCode.Preauthorization, Outcome(AgreementStatuses.Parse(answer.Status)), answer.Status, answer.Domain, answer.Amounts, answer.Lines, answer.Reasons, now);
        response.PreAuthRef = answer.AgreementNumber;
        response.PreAuthPeriod = EligibilityMapping.Period(answer.CareDate, answer.ValidUntil);
        if (answer.MissingDocuments.Count > 0)
        {
            response.ProcessNote = [new ClaimResponse.NoteComponent { Text = "Missing documents: " + string.Join(", ", answer.MissingDocuments) }];
        }

        return Collection(response, now);
    }

    public static Bundle Invoice(Claim claim, ClaimAnswer answer, DateTimeOffset now, Payments.ClaimPayment? payment = null) =>
        Collection(InvoiceResponse(claim, answer, now, payment), now);

    /// <summary>
    /// An invoice's ClaimResponse; once paid, <c>payment</c> says how: type complete, the day the
    /// transfer was executed, the amount, and the transfer's reference (the practice's remittance statement).
    /// </summary>
    public static ClaimResponse InvoiceResponse(Claim claim, ClaimAnswer answer, DateTimeOffset now, Payments.ClaimPayment? payment)
    {
        var response = Response(claim, answer.ClaimId, ClaimUseCode.Claim, Outcome(ClaimStatuses.Parse(answer.Status)), answer.Status, answer.Domain, answer.Amounts, answer.Lines, answer.Reasons, now);
        if (payment is not null)
        {
            response.Payment = new ClaimResponse.PaymentComponent
            {
                Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/ex-paymenttype", "complete"),
                Date = payment.ExecutionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Amount = new Money { Value = payment.AmountCents / 100m, Currency = Money.Currencies.EUR },
                Identifier = new Identifier(FhirCodes.Payment, payment.Reference),
            };
        }

        return response;
    }

    private static ClaimResponse Response(
        Claim claim, string number, ClaimUseCode use, ClaimProcessingCodes outcome, string status, string domain, AmountsView amounts,
        IReadOnlyList<AgreementLineView> lines, IReadOnlyList<string> reasons, DateTimeOffset now) => new()
    {
        Identifier = [new Identifier(FhirCodes.Reference, number)],
        Status = FinancialResourceStatusCodes.Active,
        Type = claim.Type ?? new CodeableConcept("http://terminology.hl7.org/CodeSystem/claim-type", "professional"),
        SubType = new CodeableConcept(FhirCodes.CareDomain, domain),
        Use = use,
        Patient = FhirPresentation.Anonymous("The patient presented in the claim"),
        Created = now.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture),
        Insurer = new ResourceReference { Display = "TiersPayant" },
        // A logical reference by the client's identifier of its Claim (optional in R4: absent when it sent none).
        Request = claim.Identifier.FirstOrDefault(i => !string.IsNullOrWhiteSpace(i.Value)) is { } sent
            ? new ResourceReference { Type = "Claim", Identifier = new Identifier(sent.System, sent.Value) }
            : null,
        Outcome = outcome,
        Disposition = status,
        Item = [.. lines.Select(l => new ClaimResponse.ItemComponent { ItemSequence = l.Index + 1, Adjudication = Adjudication(l.Amounts) })],
        Total = [.. Adjudication(amounts).Select(a => new ClaimResponse.TotalComponent { Category = a.Category, Amount = a.Amount! })],
        Error =
        [
            .. reasons.Select(r => new ClaimResponse.ErrorComponent { Code = new CodeableConcept(FhirCodes.Reason, r) }),
            .. lines.SelectMany(l => l.Reasons.Select(r => new ClaimResponse.ErrorComponent { ItemSequence = l.Index + 1, Code = new CodeableConcept(FhirCodes.Reason, r) })),
        ],
    };

    private static List<ClaimResponse.AdjudicationComponent> Adjudication(AmountsView amounts) =>
    [
        Share("submitted", "total", amounts.TotalCents),
        Share("benefit", "amo", amounts.AmoCents),
        Share("benefit", "amc", amounts.AmcCents),
        Share("copay", "patient", amounts.PatientCents),
    ];

    private static ClaimResponse.AdjudicationComponent Share(string category, string share, long cents) => new()
    {
        Category = new CodeableConcept
        {
            Coding = [new Coding(FhirCodes.Adjudication, category), new Coding(FhirCodes.Share, share)],
            Text = share,
        },
        Amount = new Money { Value = cents / 100m, Currency = Money.Currencies.EUR },
    };

    private static Bundle Collection(ClaimResponse response, DateTimeOffset now) => new()
    {
        Type = Bundle.BundleType.Collection,
        Timestamp = now,
        Entry = [new Bundle.EntryComponent { FullUrl = "urn:uuid:" + Guid.NewGuid().ToString("D"), Resource = response }],
    };

    private static ClaimProcessingCodes Outcome(AgreementStatus status) => status switch
    {
        AgreementStatus.Accepted => ClaimProcessingCodes.Complete,
        AgreementStatus.Partial => ClaimProcessingCodes.Partial,
        AgreementStatus.Pending => ClaimProcessingCodes.Queued,
        _ => ClaimProcessingCodes.Error,
    };

    private static ClaimProcessingCodes Outcome(ClaimStatus status) =>
        status == ClaimStatus.Accepted ? ClaimProcessingCodes.Complete : ClaimProcessingCodes.Error;
}
