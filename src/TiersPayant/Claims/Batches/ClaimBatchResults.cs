using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using TiersPayant.Agreements;
using TiersPayant.Members.Import;

namespace TiersPayant.Claims.Batches;

/// <summary>
/// The per-invoice result file (README, "Invoice file"): CSV, UTF-8, <c>;</c> separated, one row per
/// invoice keyed by its first line and its reference; the claim number, status, amounts and reason
/// codes (or the faulty columns). Never a name, a birth date or a membership number.
/// </summary>
internal sealed class ClaimBatchResults : IAsyncDisposable
{
    public static readonly string[] Columns =
        ["line", "invoice_ref", "claim_id", "status", "replayed", "total_cents", "amo_cents", "amc_cents", "patient_cents", "reasons"];

    private readonly CsvWriter _csv;

    public ClaimBatchResults(Stream stream, bool leaveOpen = false)
    {
        var text = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen);
        _csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";" });
        foreach (var column in Columns)
        {
            _csv.WriteField(column);
        }

        _csv.NextRecord();
    }

    /// <summary>A writer that keeps nothing (the command without <c>--results</c>).</summary>
    public static ClaimBatchResults Null() => new(Stream.Null);

    public async Task WriteAsync(BatchResult result, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        _csv.WriteField(result.Line);
        _csv.WriteField(result.Reference);
        _csv.WriteField(result.ClaimId ?? string.Empty);
        _csv.WriteField(result.Status);
        _csv.WriteField(result.Replayed ? "true" : "false");
        _csv.WriteField(result.Amounts?.TotalCents.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
        _csv.WriteField(result.Amounts?.AmoCents.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
        _csv.WriteField(result.Amounts?.AmcCents.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
        _csv.WriteField(result.Amounts?.PatientCents.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
        _csv.WriteField(string.Join(',', result.Reasons));
        await _csv.NextRecordAsync();
    }

    public Task FlushAsync(CancellationToken cancellation) => _csv.FlushAsync();

    public async ValueTask DisposeAsync() => await _csv.DisposeAsync();
}

/// <summary>One invoice's result.</summary>
/// <param name="Line">The invoice's first line in the file.</param>
/// <param name="Reference">The practice's invoice reference (empty when the row had none).</param>
/// <param name="ClaimId">The claim number, when it was adjudicated.</param>
/// <param name="Status"><c>accepted</c>, <c>rejected</c>, <c>cancelled</c> (an earlier claim since cancelled), or <see cref="BatchStatuses"/>.</param>
/// <param name="Replayed">True when the claim is an earlier one with the same reference and lines.</param>
/// <param name="Amounts">The claim's amounts.</param>
/// <param name="Reasons">Reason codes, or for an invalid invoice its faulty columns.</param>
internal sealed record BatchResult(long Line, string Reference, string? ClaimId, string Status, bool Replayed, AmountsView? Amounts, IReadOnlyList<string> Reasons)
{
    public static BatchResult Invalid(BatchInvoice invoice, IEnumerable<ImportError> errors) =>
        new(invoice.Line, invoice.Reference, null, BatchStatuses.Invalid, false, null, [.. errors.Select(e => e.Field).Distinct()]);
}

/// <summary>Statuses of an invoice that was not adjudicated.</summary>
internal static class BatchStatuses
{
    /// <summary>A field is missing or wrong: printed as <c>line N: field: reason</c>.</summary>
    public const string Invalid = "invalid";

    /// <summary>The guard refused (a cap reached, a switch closed): send the file again later.</summary>
    public const string Refused = "refused";

    /// <summary>The reference was used by an earlier invoice with other lines.</summary>
    public const string Conflict = "conflict";
}
