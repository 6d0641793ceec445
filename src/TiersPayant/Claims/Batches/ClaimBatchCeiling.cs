using System.Security.Cryptography;
using System.Text.Json;
using TiersPayant.Agreements;
using TiersPayant.Domain;
using TiersPayant.Domain.Agreements;
using TiersPayant.Domain.Claims;
using TiersPayant.Domain.Members;
using TiersPayant.Eligibility;

namespace TiersPayant.Claims.Batches;

/// <summary>
/// The invoice file's CPU ceiling, for the benchmark: the same file read by the same reader, each
/// direct invoice validated and decided by the same pure rules as <see cref="ClaimAdjudicator"/>
/// (presentation, lines, the agreement validator and engine, duplicates, settlement, the stored
/// line views and the request hash), with every database read and write stubbed: the person's
/// rights are open, their guarantee is the basic one (a percentage of the
/// statutory base), they have no earlier claims. Nothing is read or written anywhere.
/// </summary>
public static class ClaimBatchCeiling
{
    /// <summary>Decides every invoice of <paramref name="file"/>; returns how many were decided (accepted or rejected).</summary>
    public static long Run(Stream file, DateOnly today, int percentOfBase = 100)
    {
        using var reader = new ClaimBatchReader(file);
        if (reader.ReadHeader().Count > 0)
        {
            return 0;
        }

        var decided = 0L;
        foreach (var invoice in reader.Invoices())
        {
            if (invoice.Errors.Count == 0 && BatchInvoiceBodies.Body(invoice) is { } body && Decide(body, today, percentOfBase) is not null)
            {
                decided++;
            }
        }

        return decided;
    }

    private static string? Decide(ClaimBody body, DateOnly today, int percentOfBase)
    {
        _ = SHA256.HashData(BatchInvoiceBodies.Canonical(body));
        var failed = false;
        void Error(string field, string message) => failed = true;
        var care = EligibilityValidator.Date(body.CareDate, "careDate", Error);
        var card = EligibilityValidator.Presentation(body.Card, body.Beneficiary, today, Error);
        if (!CareDomains.TryParse(body.Domain, out var domain))
        {
            Error("domain", "unknown");
        }

        var lines = (body.Lines ?? []).Where(l => l is { Code: not null, Quantity: >= 1 and <= 99, UnitPriceCents: >= 1 and <= 1_000_000 })
            .Select(l => new AgreementLine(l.Code!.Trim(), l.Quantity!.Value, new Money(l.UnitPriceCents!.Value), l.Class, l.Side)).ToList();
        var prescription = body.Prescription is null ? null
            : EligibilityValidator.Date(body.Prescription.Date, "prescription.date", Error) is { } written ? new Prescription(written, body.Prescription.Prescriber?.Trim()) : null;
        if (failed || care is not { } date || card is null || lines.Count != body.Lines!.Count)
        {
            return null;
        }

        var documents = prescription is null ? new HashSet<SupportingDocument>() : [SupportingDocument.Prescription];
        var request = new AgreementRequest(domain, lines);
        var guarantee = DomainGuarantee.FromBasic(new Guarantee(domain, percentOfBase, null, new DateRange(date.AddYears(-1), null)));
        var context = AgreementRequests.Context(today, date, card.BirthDate, prescription, documents, guarantee, true, [], ReferenceCodeTable.Default);
        if (AgreementValidator.Validate(request, context).Count > 0)
        {
            return null;
        }

        var decision = AgreementEngine.Evaluate(request, context).Decision!;
        var adjudicated = ClaimAdjudication.MarkDuplicates(
            decision.Lines.Select(l => new AdjudicatedLine(l.Index, lines[l.Index], l.Amounts, l.Reasons)), new HashSet<string>(StringComparer.Ordinal));
        var (status, _, settled) = ClaimAdjudication.Settle(decision.Status is AgreementStatus.Refused or AgreementStatus.Pending ? [.. decision.Reasons] : [], adjudicated);
        var views = settled.Select(l => new AgreementLineView(l.Index, l.Line.Code, l.Line.Quantity, l.Line.UnitPrice.Cents, l.Line.Class, l.Line.Side,
            new AmountsView(l.Amounts.Total.Cents, l.Amounts.Statutory.Cents, l.Amounts.Insurer.Cents, l.Amounts.Patient.Cents), l.Reasons)).ToList();
        return status.Code() + JsonSerializer.Serialize(views, ClaimAdjudicator.Json).Length;
    }
}
