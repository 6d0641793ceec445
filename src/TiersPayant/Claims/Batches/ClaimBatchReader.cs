using CsvHelper;
using TiersPayant.Members.Import;

namespace TiersPayant.Claims.Batches;

/// <summary>
/// Reads a practice's invoice file (README, "Invoice file"): UTF-8 with or without BOM, <c>;</c> or
/// <c>,</c> separated, one header row naming the columns in any order, one row per invoice line.
/// Consecutive rows with the same <c>invoice_ref</c> are one invoice. CSV parsing is CsvHelper's;
/// this class checks the header and the rows' own shape and streams invoices, one at a time.
/// </summary>
internal sealed class ClaimBatchReader : IDisposable
{
    public static readonly string[] Columns =
    [
        "invoice_ref", "insurer", "membership_number", "last_name", "first_name", "birth_date", "birth_rank",
        "agreement_number", "domain", "care_date", "prescription_date", "prescriber",
        "code", "quantity", "unit_price_cents", "class", "side",
    ];

    /// <summary>The columns that describe the invoice, not the line: the same on every row of one invoice.</summary>
    private static readonly string[] InvoiceColumns =
    [
        "insurer", "membership_number", "last_name", "first_name", "birth_date", "birth_rank",
        "agreement_number", "domain", "care_date", "prescription_date", "prescriber",
    ];

    private static readonly string[] Optional = ["birth_rank", "agreement_number", "prescription_date", "prescriber", "class", "side"];

    /// <summary>The card, the person and the domain: a file with an <c>agreement_number</c> column may leave them out (an optician's file names the agreement only).</summary>
    private static readonly string[] DirectOnly = ["insurer", "membership_number", "last_name", "first_name", "birth_date", "domain"];

    private readonly CsvReader _csv;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private int? _badDataLine;

    public ClaimBatchReader(Stream stream) => _csv = CsvImport.Open(stream, line => _badDataLine = line);

    /// <summary>Reads the header; returns its errors (missing, unknown or repeated columns). Optional columns may be left out.</summary>
    public IReadOnlyList<ImportError> ReadHeader() =>
        CsvImport.ReadHeader(_csv, Columns, c => !Optional.Contains(c) && !(_index.ContainsKey("agreement_number") && DirectOnly.Contains(c)), _index);

    /// <summary>
    /// The invoices, in file order, each with the line numbers of its rows, or the errors that keep it
    /// from being adjudicated (a row CSV cannot read, a field of the wrong shape, an invoice field that
    /// differs between two rows of one invoice). Holds one invoice at a time.
    /// </summary>
    public IEnumerable<BatchInvoice> Invoices()
    {
        List<(long Line, string?[] Fields)>? rows = null;
        List<ImportError>? errors = null;
        string? current = null;
        while (_csv.Read())
        {
            var line = _csv.Parser.RawRow;
            var record = _csv.Parser.Record ?? [];
            string? fault = null;
            if (_badDataLine is not null)
            {
                _badDataLine = null;
                fault = "malformed CSV (stray quote)";
            }
            else if (record.Length != _index.Count)
            {
                fault = $"expected {_index.Count} fields, found {record.Length}";
            }
            else if (record.Any(f => f.Contains('\uFFFD', StringComparison.Ordinal)))
            {
                fault = "not valid UTF-8";
            }

            var reference = fault is null ? record[_index["invoice_ref"]] : null;
            if (rows is not null && (reference is null || reference != current))
            {
                yield return new BatchInvoice(current!, rows, errors ?? []);
                (rows, errors, current) = (null, null, null);
            }

            if (fault is not null)
            {
                yield return new BatchInvoice(string.Empty, [(line, Array.Empty<string?>())], [new ImportError(line, "row", fault)]);
                continue;
            }

            if (reference!.Length is 0 or > ClaimSubmissions.MaxKeyLength)
            {
                yield return new BatchInvoice(string.Empty, [(line, Array.Empty<string?>())],
                    [new ImportError(line, "invoice_ref", $"required: 1 to {ClaimSubmissions.MaxKeyLength} characters, one per invoice")]);
                continue;
            }

            var fields = Columns.Select(c => _index.TryGetValue(c, out var i) && record[i].Length > 0 ? record[i] : null).ToArray();
            if (rows is null)
            {
                (rows, current) = ([], reference);
            }
            else
            {
                foreach (var column in InvoiceColumns)
                {
                    var at = Array.IndexOf(Columns, column);
                    if (!string.Equals(fields[at], rows[0].Fields[at], StringComparison.Ordinal))
                    {
                        (errors ??= []).Add(new ImportError(line, column, $"differs from line {rows[0].Line} of the same invoice"));
                    }
                }
            }

            rows.Add((line, fields));
        }

        if (rows is not null)
        {
            yield return new BatchInvoice(current!, rows, errors ?? []);
        }
    }

    public void Dispose()
    {
        _csv.Dispose();
    }

    /// <summary>A field of a row by column name (null when empty or left out).</summary>
    public static string? Field(string?[] fields, string column) => fields[Array.IndexOf(Columns, column)];
}

/// <summary>One invoice of the file: its reference, its rows with their line numbers, and what is wrong with it as read.</summary>
internal sealed record BatchInvoice(string Reference, IReadOnlyList<(long Line, string?[] Fields)> Rows, List<ImportError> Errors)
{
    /// <summary>The first line of the invoice: where its result is reported.</summary>
    public long Line => Rows[0].Line;
}
