using System.Globalization;
using CsvHelper;

namespace TiersPayant.Members.Import;

/// <summary>
/// Reads an insurer's member file (CONTRACT.md): UTF-8 with or without BOM, <c>;</c> or
/// <c>,</c> separated, one header row naming the columns in any order. CSV parsing is
/// CsvHelper's; this class checks the header and hands out rows with their line numbers.
/// </summary>
internal sealed class MemberFileReader : IDisposable
{
    public static readonly string[] Columns =
    [
        "membership_number", "birth_rank", "last_name", "birth_name", "first_name", "birth_date",
        "nir", "relationship", "contract", "rights_from", "rights_to",
    ];

    private readonly CsvReader _csv;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private int? _badDataLine;

    public MemberFileReader(Stream stream) => _csv = CsvImport.Open(stream, line => _badDataLine = line);

    /// <summary>Reads the header; returns its errors (missing, unknown or repeated columns).</summary>
    public IReadOnlyList<ImportError> ReadHeader() => CsvImport.ReadHeader(_csv, Columns, _ => true, _index);

    /// <summary>The data rows, each with its line number, or the reason it could not be read as CSV.</summary>
    public IEnumerable<MemberRow> Rows()
    {
        while (_csv.Read())
        {
            var line = _csv.Parser.RawRow;
            var record = _csv.Parser.Record ?? [];
            if (_badDataLine is not null)
            {
                _badDataLine = null;
                yield return MemberRow.Faulty(line, "malformed CSV (stray quote)");
            }
            else if (record.Length != _index.Count)
            {
                yield return MemberRow.Faulty(line, $"expected {_index.Count} fields, found {record.Length}");
            }
            else if (record.Any(f => f.Contains('\uFFFD', StringComparison.Ordinal)))
            {
                yield return MemberRow.Faulty(line, "not valid UTF-8");
            }
            else
            {
                yield return new MemberRow(line, Columns.ToDictionary(c => c, c => record[_index[c]], StringComparer.Ordinal), null);
            }
        }
    }

    public void Dispose()
    {
        _csv.Dispose();
    }
}

/// <summary>One data row: its fields by column name, or why it could not be read.</summary>
internal sealed record MemberRow(long Line, IReadOnlyDictionary<string, string> Fields, string? Unreadable)
{
    public static MemberRow Faulty(long line, string reason) => new(line, new Dictionary<string, string>(), reason);
}

/// <summary>One rejected field of one line: printed as <c>line N: field: reason</c>.</summary>
internal sealed record ImportError(long Line, string Field, string Reason)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"line {Line}: {Field}: {Reason}");
}
