using System.Globalization;
using System.Text.Json;
using TiersPayant.Agreements;
using TiersPayant.Eligibility;
using TiersPayant.Members.Import;
using static TiersPayant.Claims.Batches.ClaimBatchReader;

namespace TiersPayant.Claims.Batches;

/// <summary>
/// Turns an invoice of the file into the body <c>POST /api/v1/claims</c> takes, so that it is
/// adjudicated exactly as the API's, and the API's field names back into the file's lines and columns.
/// </summary>
internal static class BatchInvoiceBodies
{
    private static readonly Dictionary<string, string> ColumnOf = new(StringComparer.Ordinal)
    {
        ["agreementNumber"] = "agreement_number", ["card.insurer"] = "insurer", ["card.memberNumber"] = "membership_number",
        ["beneficiary.lastName"] = "last_name", ["beneficiary.firstName"] = "first_name", ["beneficiary.birthDate"] = "birth_date",
        ["beneficiary.birthRank"] = "birth_rank", ["domain"] = "domain", ["careDate"] = "care_date",
        ["prescription"] = "prescription_date", ["prescription.date"] = "prescription_date", ["prescription.prescriber"] = "prescriber",
        ["lines"] = "code", ["code"] = "code", ["quantity"] = "quantity", ["unitPriceCents"] = "unit_price_cents", ["class"] = "class", ["side"] = "side",
    };

    /// <summary>The body, or null when a field is not even of the right shape (errors added to the invoice's).</summary>
    public static ClaimBody? Body(BatchInvoice invoice)
    {
        var first = invoice.Rows[0].Fields;
        int? rank = null;
        if (Field(first, "birth_rank") is { } rankText)
        {
            rank = Whole(rankText, invoice.Line, "birth_rank", invoice.Errors);
        }

        var lines = new List<AgreementLineBody>(invoice.Rows.Count);
        foreach (var (line, fields) in invoice.Rows)
        {
            lines.Add(new AgreementLineBody(
                Field(fields, "code"), Whole(Field(fields, "quantity"), line, "quantity", invoice.Errors),
                Whole(Field(fields, "unit_price_cents"), line, "unit_price_cents", invoice.Errors), Field(fields, "class"), Field(fields, "side")));
        }

        if (invoice.Errors.Count > 0)
        {
            return null;
        }

        var agreement = Field(first, "agreement_number");
        var prescription = Field(first, "prescription_date") is null && Field(first, "prescriber") is null ? null
            : new PrescriptionBody(Field(first, "prescription_date"), Field(first, "prescriber"), null);
        return agreement is not null
            ? new ClaimBody(agreement, null, null, Field(first, "domain"), Field(first, "care_date"), lines, prescription)
            : new ClaimBody(null, new EligibilityCard(Field(first, "insurer"), Field(first, "membership_number")),
                new EligibilityPerson(Field(first, "last_name"), Field(first, "first_name"), Field(first, "birth_date"), rank),
                Field(first, "domain"), Field(first, "care_date"), lines, prescription);
    }

    /// <summary>The bytes the idempotency key is tied to: the same rows give the same bytes.</summary>
    public static byte[] Canonical(ClaimBody body) => JsonSerializer.SerializeToUtf8Bytes(body, ClaimAdjudicator.Json);

    /// <summary>The adjudicator's errors (API field names) as the file's: line and column.</summary>
    public static IEnumerable<ImportError> Errors(BatchInvoice invoice, IReadOnlyDictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in errors)
        {
            var (line, column) = Locate(invoice, field);
            foreach (var message in messages)
            {
                yield return new ImportError(line, column, message);
            }
        }
    }

    private static (long Line, string Column) Locate(BatchInvoice invoice, string field)
    {
        // lines[i].code, lines[i]: the row of line i.
        if (field.StartsWith("lines[", StringComparison.Ordinal) && field.IndexOf(']', StringComparison.Ordinal) is var close and > 6
            && int.TryParse(field.AsSpan(6, close - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < invoice.Rows.Count)
        {
            var rest = field[(close + 1)..].TrimStart('.');
            return (invoice.Rows[index].Line, ColumnOf.GetValueOrDefault(rest, "code"));
        }

        return (invoice.Line, ColumnOf.GetValueOrDefault(field, field));
    }

    private static int? Whole(string? text, long line, string column, List<ImportError> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(new ImportError(line, column, "must be a whole number"));
        return null;
    }
}
