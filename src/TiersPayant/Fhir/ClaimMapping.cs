using System.Globalization;
using Hl7.Fhir.Model;
using TiersPayant.Agreements;

namespace TiersPayant.Fhir;

/// <summary>
/// A Claim to the REST API's agreement or invoice body. Items carry our code in
/// <c>productOrService</c>, <c>quantity</c>, <c>unitPrice</c> in EUR, and class and side as
/// <c>modifier</c> codings; the domain is <c>subType</c>, the care date <c>billablePeriod.start</c>;
/// the prescription is the contained resource <c>prescription</c> points to; documents and the
/// renewal flags are <c>supportingInfo</c>; the agreement invoiced is <c>insurance.preAuthRef</c>.
/// </summary>
internal static class ClaimMapping
{
    /// <summary>What the Claim says, in the shapes the REST API validates.</summary>
    public sealed record Read(
        string? CareDate, string? Domain, List<AgreementLineBody> Lines, PrescriptionBody? Prescription, List<string> Documents,
        string? AgreementNumber, Eligibility.EligibilityCard? Card, Eligibility.EligibilityPerson? Person);

    public static (Read? Claim, Dictionary<string, string[]> Errors) From(Claim claim, IReadOnlyList<Resource> siblings)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Error(string field, string message) => errors[field] = [message];
        var lines = new List<AgreementLineBody>();
        for (var i = 0; i < claim.Item.Count; i++)
        {
            lines.Add(Line(claim.Item[i], i, Error));
        }

        var documents = new List<string>();
        bool correctionChanged = false, faceChanged = false;
        foreach (var info in claim.SupportingInfo)
        {
            switch (Code(info.Category, FhirCodes.SupportingInfo))
            {
                case "document":
                    documents.Add(Code(info.Code, FhirCodes.Document) ?? "");
                    break;
                case "correction-changed":
                    correctionChanged = info.Value is FhirBoolean { Value: true };
                    break;
                case "face-changed":
                    faceChanged = info.Value is FhirBoolean { Value: true };
                    break;
            }
        }

        var (card, person) = FhirPresentation.Read(claim, siblings);
        var read = new Read(
            DateOf(claim.BillablePeriod?.Start), Code(claim.SubType, FhirCodes.CareDomain), lines,
            ClaimPrescription.From(claim, correctionChanged, faceChanged), documents,
            claim.Insurance.SelectMany(i => i.PreAuthRef).FirstOrDefault(r => !string.IsNullOrWhiteSpace(r)), card, person);
        return (errors.Count > 0 ? null : read, errors);
    }

    public static AgreementBody Agreement(Read read) =>
        new(read.Card, read.Person, read.CareDate, read.Domain, read.Lines, read.Prescription, read.Documents);

    public static Claims.ClaimBody Invoice(Read read) =>
        new(read.AgreementNumber, read.Card, read.Person, read.Domain, read.CareDate, read.Lines, read.Prescription);

    /// <summary>The FHIR path of a REST field name, so errors point into the Claim the caller sent.</summary>
    public static string Path(string field)
    {
        if (FhirPresentation.Path(field) is { } presented)
        {
            return presented;
        }

        if (field.StartsWith("lines[", StringComparison.Ordinal))
        {
            var close = field.IndexOf(']', StringComparison.Ordinal);
            var item = "Claim.item" + field[5..(close + 1)];
            return field[(close + 1)..] switch
            {
                ".code" => item + ".productOrService",
                ".quantity" => item + ".quantity",
                ".unitPriceCents" => item + ".unitPrice",
                ".class" or ".side" => item + ".modifier",
                _ => item,
            };
        }

        return field switch
        {
            "lines" => "Claim.item",
            "careDate" => "Claim.billablePeriod.start",
            "domain" => "Claim.subType",
            "agreementNumber" => "Claim.insurance.preAuthRef",
            "Idempotency-Key" => "Claim.identifier",
            _ when field.StartsWith("prescription", StringComparison.Ordinal) => "Claim.prescription",
            _ when field.StartsWith("documents", StringComparison.Ordinal) => "Claim.supportingInfo",
            _ => "Claim",
        };
    }

    private static AgreementLineBody Line(Claim.ItemComponent item, int i, Action<string, string> error)
    {
        int? quantity = null;
        if (item.Quantity?.Value is { } q)
        {
            if (q == decimal.Truncate(q) && q is >= int.MinValue and <= int.MaxValue)
            {
                quantity = (int)q;
            }
            else
            {
                error(Invariant($"lines[{i}].quantity"), "must be a whole number");
            }
        }

        long? cents = null;
        if (item.UnitPrice is { } price)
        {
            if (price.Currency is not (null or Money.Currencies.EUR))
            {
                error(Invariant($"lines[{i}].unitPriceCents"), "must be in EUR");
            }
            // The range first: value * 100 overflows a decimal past 7.9e26 euros.
            else if (price.Value is { } value && Math.Abs(value) < 1_000_000m && value * 100 == decimal.Truncate(value * 100))
            {
                cents = (long)(value * 100);
            }
            else
            {
                error(Invariant($"lines[{i}].unitPriceCents"), "required: an amount in euros with at most two decimals");
            }
        }

        return new AgreementLineBody(Code(item.ProductOrService, FhirCodes.Product), quantity, cents,
            item.Modifier.Select(m => Code(m, FhirCodes.EquipmentClass)).FirstOrDefault(c => c is not null),
            item.Modifier.Select(m => Code(m, FhirCodes.Side)).FirstOrDefault(c => c is not null));
    }

    internal static string? Code(CodeableConcept? concept, string system) =>
        concept?.Coding.FirstOrDefault(c => c.System == system)?.Code;

    // A FHIR date or dateTime; only the day matters here.
    internal static string? DateOf(string? value) => value is { Length: >= 10 } ? value[..10] : value;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
