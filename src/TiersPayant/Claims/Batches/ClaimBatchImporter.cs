using System.Threading.Channels;
using TiersPayant.Members.Import;
using TiersPayant.Security.Guard;

namespace TiersPayant.Claims.Batches;

/// <summary>
/// Adjudicates a practice's invoice file through the API's own rules: <see cref="ClaimSubmissions"/>
/// with the invoice reference as idempotency key (the same file twice creates nothing and answers
/// the earlier claims), the adjudicator, the guard and the disclosure log. Streams: the reader hands
/// invoices to a few workers through bounded lanes; one person's invoices (or one agreement's)
/// always go to the same lane, so they are decided in file order, as the duplicate rules expect.
/// Each worker takes what its lane holds, up to <see cref="InvoicesPerChunk"/> invoices, and
/// decides them together in a unit of work of their own (<see cref="ClaimSubmissions.SubmitBatchAsync"/>:
/// the batch door of the guard, one group of disclosure records, one transaction), with the same
/// answers as one by one. Results and errors come out in file order.
/// </summary>
internal sealed class ClaimBatchImporter(IServiceScopeFactory scopes)
{
    /// <summary>
    /// The most invoices a worker decides together, in one unit of work: one read of their keys and
    /// people, one guard reservation, one group of disclosure records, one transaction.
    /// </summary>
    public const int InvoicesPerChunk = 256;

    /// <summary>The most workers a batch runs.</summary>
    public const int MaxWorkers = 16;

    private const int LaneCapacity = InvoicesPerChunk;

    /// <summary>
    /// Reads <paramref name="file"/>, adjudicates each invoice as <paramref name="actor"/> with
    /// <paramref name="workers"/> workers, writes one result row per invoice to
    /// <paramref name="results"/> and reports each faulty field to <paramref name="error"/>, in file order.
    /// </summary>
    public async Task<BatchReport> ImportAsync(
        Stream file, Actor actor, ClaimBatchResults results, Func<ImportError, Task> error, IProgress<BatchReport>? progress, int workers, CancellationToken cancellation)
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

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var lanes = Enumerable.Range(0, Math.Clamp(workers, 1, MaxWorkers))
            .Select(_ => Channel.CreateBounded<(long Seq, BatchInvoice Invoice)>(new BoundedChannelOptions(LaneCapacity) { SingleReader = true, SingleWriter = true }))
            .ToArray();
        var done = Channel.CreateUnbounded<(long Seq, BatchInvoice Invoice, BatchResult Result)>(new UnboundedChannelOptions { SingleReader = true });
        var running = lanes.Select(lane => Task.Run(async () =>
        {
            try
            {
                await WorkAsync(lane.Reader, done.Writer, actor, stop.Token);
            }
            catch
            {
                await stop.CancelAsync(); // the reader must not wait on a lane nobody empties
                throw;
            }
        }, stop.Token)).ToList();
        var writing = Task.Run(() => WriteInOrderAsync(done.Reader, report, results, error, progress, stop.Token), stop.Token);
        try
        {
            var seq = 0L;
            foreach (var invoice in reader.Invoices())
            {
                await lanes[(int)(Partition(invoice, seq) % (uint)lanes.Length)].Writer.WriteAsync((seq++, invoice), stop.Token);
            }

            Array.ForEach(lanes, l => l.Writer.Complete());
            await Task.WhenAll(running);
            done.Writer.Complete();
            await writing;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            await Task.WhenAll(running); // a worker failed: its exception, not the cancellation
            throw;
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }

        await results.FlushAsync(cancellation);
        return report;
    }

    // One person (or one agreement) per lane: their invoices are decided in file order.
    private static uint Partition(BatchInvoice invoice, long seq)
    {
        if (invoice.Errors.Count > 0 || invoice.Rows[0].Fields.Length == 0)
        {
            return (uint)seq;
        }

        var fields = invoice.Rows[0].Fields;
        var key = ClaimBatchReader.Field(fields, "agreement_number")
            ?? string.Join('|', ClaimBatchReader.Field(fields, "insurer"), ClaimBatchReader.Field(fields, "membership_number")?.ToUpperInvariant(), ClaimBatchReader.Field(fields, "birth_date"));
        return (uint)StringComparer.Ordinal.GetHashCode(key);
    }

    private async Task WorkAsync(ChannelReader<(long Seq, BatchInvoice Invoice)> lane, ChannelWriter<(long, BatchInvoice, BatchResult)> done, Actor actor, CancellationToken cancellation)
    {
        var chunk = new List<(long Seq, BatchInvoice Invoice)>(InvoicesPerChunk);
        while (await lane.WaitToReadAsync(cancellation))
        {
            chunk.Clear();
            while (chunk.Count < InvoicesPerChunk && lane.TryRead(out var next))
            {
                chunk.Add(next);
            }

            await using var scope = scopes.CreateAsyncScope();
            var results = await AdjudicateAsync(scope.ServiceProvider.GetRequiredService<ClaimSubmissions>(), actor, [.. chunk.Select(c => c.Invoice)], cancellation);
            foreach (var ((seq, invoice), result) in chunk.Zip(results))
            {
                await done.WriteAsync((seq, invoice, result), cancellation);
            }
        }
    }

    private static async Task WriteInOrderAsync(
        ChannelReader<(long Seq, BatchInvoice Invoice, BatchResult Result)> done, BatchReport report, ClaimBatchResults results,
        Func<ImportError, Task> error, IProgress<BatchReport>? progress, CancellationToken cancellation)
    {
        // Out of order only by what the lanes hold: at most workers × lane capacity invoices wait here.
        var waiting = new Dictionary<long, (BatchInvoice Invoice, BatchResult Result)>();
        var next = 0L;
        await foreach (var (seq, invoice, result) in done.ReadAllAsync(cancellation))
        {
            waiting[seq] = (invoice, result);
            while (waiting.Remove(next, out var ready))
            {
                next++;
                report.Lines += ready.Invoice.Rows.Count;
                report.Count(ready.Result);
                foreach (var e in ready.Invoice.Errors)
                {
                    await error(e);
                }

                await results.WriteAsync(ready.Result, cancellation);
                progress?.Report(report);
            }
        }
    }

    // A chunk: the invoices in error answered as such, the others submitted together, in file order.
    private static async Task<BatchResult[]> AdjudicateAsync(ClaimSubmissions claims, Actor actor, List<BatchInvoice> chunk, CancellationToken cancellation)
    {
        var results = new BatchResult[chunk.Count];
        var bodies = new List<(int Index, ClaimBody Body)>(chunk.Count);
        for (var i = 0; i < chunk.Count; i++)
        {
            if (chunk[i].Errors.Count > 0 || BatchInvoiceBodies.Body(chunk[i]) is not { } body)
            {
                results[i] = BatchResult.Invalid(chunk[i], chunk[i].Errors);
            }
            else
            {
                bodies.Add((i, body));
            }
        }

        var outcomes = await claims.SubmitBatchAsync(actor, [.. bodies.Select(b => (chunk[b.Index].Reference, BatchInvoiceBodies.Canonical(b.Body), b.Body))], cancellation);
        foreach (var ((i, _), outcome) in bodies.Zip(outcomes))
        {
            results[i] = Result(chunk[i], outcome);
        }

        return results;
    }

    private static BatchResult Result(BatchInvoice invoice, ClaimOutcome outcome)
    {
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
