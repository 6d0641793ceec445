using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace TiersPayant.Members.Import;

/// <summary>
/// What the platform's import files share (member files, invoice files, code files): UTF-8 with or
/// without BOM, <c>;</c> or <c>,</c> separated (detected), one header row naming the columns in any
/// order, read by CsvHelper.
/// </summary>
internal static class CsvImport
{
    /// <summary>A reader of <paramref name="stream"/>; <paramref name="badData"/> gets the line of a row CsvHelper cannot read (a quote out of place).</summary>
    public static CsvReader Open(Stream stream, Action<int?> badData)
    {
        var text = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true);
        return new CsvReader(text, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [";", ","],
            HasHeaderRecord = true,
            TrimOptions = TrimOptions.Trim,
            MissingFieldFound = null,
            BadDataFound = args => badData(args.Context.Parser?.RawRow),
        });
    }

    /// <summary>
    /// Reads the header into <paramref name="index"/> (column name to position) and returns its
    /// errors: an empty file, unknown or repeated columns, then the <paramref name="columns"/> that
    /// <paramref name="required"/> asks for and the header lacks (asked once the index is filled).
    /// </summary>
    public static IReadOnlyList<ImportError> ReadHeader(CsvReader csv, IReadOnlyList<string> columns, Func<string, bool> required, Dictionary<string, int> index)
    {
        if (!csv.Read())
        {
            return [new ImportError(1, "header", "the file is empty")];
        }

        csv.ReadHeader();
        var errors = new List<ImportError>();
        var header = csv.HeaderRecord ?? [];
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim().ToLowerInvariant();
            if (!columns.Contains(name))
            {
                errors.Add(new ImportError(1, "header", $"unknown column '{Truncate(header[i])}'"));
            }
            else if (!index.TryAdd(name, i))
            {
                errors.Add(new ImportError(1, "header", $"column '{name}' appears twice"));
            }
        }

        errors.AddRange(columns.Where(c => required(c) && !index.ContainsKey(c)).Select(c => new ImportError(1, "header", $"missing column '{c}'")));
        return errors;
    }

    // Never echo a long cell back: it could be anything, including personal data.
    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
