using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

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

    private readonly StreamReader _text;
    private readonly CsvReader _csv;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private int? _badDataLine;

    public MemberFileReader(Stream stream)
    {
        _text = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [";", ","],
            HasHeaderRecord = true,
            TrimOptions = TrimOptions.Trim,
            MissingFieldFound = null,
            BadDataFound = args => _badDataLine = args.Context.Parser?.RawRow,
        };
        _csv = new CsvReader(_text, configuration);
    }

    /// <summary>Reads the header; returns its errors (missing, unknown or repeated columns).</summary>
    public IReadOnlyList<ImportError> ReadHeader()
    {
        if (!_csv.Read())
        {
            return [new ImportError(1, "header", "the file is empty")];
        }

        _csv.ReadHeader();
        var errors = new List<ImportError>();
        var header = _csv.HeaderRecord ?? [];
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim().ToLowerInvariant();
            if (!Columns.Contains(name))
            {
                errors.Add(new ImportError(1, "header", $"unknown column '{Truncate(header[i])}'"));
            }
            else if (!_index.TryAdd(name, i))
            {
                errors.Add(new ImportError(1, "header", $"column '{name}' appears twice"));
            }
        }

        errors.AddRange(Columns.Where(c => !_index.ContainsKey(c)).Select(c => new ImportError(1, "header", $"missing column '{c}'")));
        return errors;
    }

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
        _text.Dispose();
    }

    // Never echo a long cell back: it could be anything, including personal data.
    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
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
