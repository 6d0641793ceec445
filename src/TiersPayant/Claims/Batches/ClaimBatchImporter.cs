using TiersPayant.Data;
using TiersPayant.Members.Import;
using TiersPayant.Security.Guard;

namespace TiersPayant.Claims.Batches;

/// <summary>
/// Adjudicates a practice's invoice file through the API's own path, invoice by invoice:
/// <see cref="ClaimSubmissions"/> with the invoice reference as idempotency key (the same file twice
/// creates nothing and answers the earlier claims), the adjudicator, the guard and the disclosure
/// log. Streams: one invoice in memory at a time, a fresh unit of work every
/// <see cref="InvoicesPerScope"/> invoices. Every invoice gets one row in the result file.
/// </summary>
internal sealed class ClaimBatchImporter(IServiceScopeFactory scopes)
{
    /// <summary>Invoices adjudicated in one unit of work before it is thrown away (the change tracker stays small).</summary>
    public const int InvoicesPerScope = 256;

    /// <summary>
    /// Reads <paramref name="file"/>, adjudicates each invoice as <paramref name="actor"/>, writes one
    /// result row per invoice to <paramref name="results"/> and reports each faulty field to
    /// <paramref name="error"/>. Invoices already done (<paramref name="skip"/>, by count, in file order)
    /// are read and not adjudicated again: a resumed job.
    /// </summary>
    public async Task<BatchReport> ImportAsync(
        Stream file, Actor actor, ClaimBatchResults results, Func<ImportError, Task> error, IProgress<BatchReport>? progress, CancellationToken cancellation, long skip = 0)
    {
        using var reader = new ClaimBatchReader(file);
        var report = new BatchReport();
        var header = reader.ReadHeader();
        if (header.Count > 0)
        {
            report.BadHeader = true;
            foreach (var e in header)
            {
                await error(e);
            }

            return report;
        }

        AsyncServiceScope? scope = null;
        try
        {
            var inScope = 0;
            foreach (var invoice in reader.Invoices())
            {
                cancellation.ThrowIfCancellationRequested();
                report.Lines += invoice.Rows.Count;
                if (report.Invoices < skip)
                {
                    report.Invoices++;
                    continue;
                }

                if (scope is null || inScope++ == InvoicesPerScope)
                {
                    if (scope is { } old)
                    {
                        await old.DisposeAsync();
                    }

                    scope = scopes.CreateAsyncScope();
                    inScope = 1;
                }

                var services = scope.Value.ServiceProvider;
                var result = await AdjudicateAsync(services.GetRequiredService<ClaimSubmissions>(), actor, invoice, cancellation);
                services.GetRequiredService<TiersPayantDbContext>().ChangeTracker.Clear();
                report.Count(result);
                foreach (var e in invoice.Errors)
                {
                    await error(e);
                }

                await results.WriteAsync(result, cancellation);
                progress?.Report(report);
            }
        }
        finally
        {
            if (scope is { } last)
            {
                await last.DisposeAsync();
            }
        }

        await results.FlushAsync(cancellation);
        return report;
    }

    private static async Task<BatchResult> AdjudicateAsync(ClaimSubmissions claims, Actor actor, BatchInvoice invoice, CancellationToken cancellation)
    {
        if (invoice.Errors.Count > 0 || BatchInvoiceBodies.Body(invoice) is not { } body)
        {
            return BatchResult.Invalid(invoice, invoice.Errors);
        }

        var outcome = await claims.SubmitAsync(actor, invoice.Reference, BatchInvoiceBodies.Canonical(body), body, cancellation);
        switch (outcome)
        {
            case { Errors: { } errors }:
                invoice.Errors.AddRange(BatchInvoiceBodies.Errors(invoice, errors));
                return BatchResult.Invalid(invoice, invoice.Errors);
            case { Refusal: { } refusal }:
                invoice.Errors.Add(new ImportError(invoice.Line, "invoice_ref", $"not adjudicated: the guard refused ({refusal.Reason ?? refusal.Outcome.ToString()}); send it again later"));
                return new BatchResult(invoice.Line, invoice.Reference, null, BatchStatuses.Refused, false, null, [refusal.Reason ?? "refused"]);
            case { ConflictReason: { } reason }:
                invoice.Errors.Add(new ImportError(invoice.Line, "invoice_ref", "already used by an earlier invoice of this practice with other lines"));
                return new BatchResult(invoice.Line, invoice.Reference, null, BatchStatuses.Conflict, false, null, [reason]);
            default:
                var answer = outcome.Answer!;
                return new BatchResult(invoice.Line, invoice.Reference, answer.ClaimId, answer.Status, outcome.Replayed, answer.Amounts, answer.Reasons);
        }
    }
}

/// <summary>What a batch did so far.</summary>
internal sealed class BatchReport
{
    public long Lines { get; set; }

    public long Invoices { get; set; }

    public long Accepted { get; set; }

    public long Rejected { get; set; }

    /// <summary>Invoices of an earlier import of the same file (or the same invoice sent through the API): answered, not created again.</summary>
    public long Replayed { get; set; }

    /// <summary>Invoices not adjudicated: invalid fields, a guard refusal or a reference reused with other lines.</summary>
    public long Failed { get; set; }

    public bool BadHeader { get; set; }

    public void Count(BatchResult result)
    {
        Invoices++;
        Replayed += result.Replayed ? 1 : 0;
        switch (result.Status)
        {
            case "accepted":
                Accepted++;
                break;
            case BatchStatuses.Invalid or BatchStatuses.Refused or BatchStatuses.Conflict:
                Failed++;
                break;
            default:
                Rejected++; // rejected, or an earlier claim cancelled since
                break;
        }
    }
}
