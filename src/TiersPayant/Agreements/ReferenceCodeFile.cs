using TiersPayant.Domain;
using TiersPayant.Domain.Agreements;
using TiersPayant.Domain.Members;
using TiersPayant.Domain.Regulation;
using TiersPayant.Members.Import;

namespace TiersPayant.Agreements;

/// <summary>
/// A list of product and act codes the operator loads beside the shipped ones
/// (<c>Reference:CodesFile</c>): the official LPP, CCAM or drug list as the operator extracted it,
/// each code's figures for one period on a row, each row naming its source. A code of the file
/// replaces a shipped code of the same number (an example code, typically); the others are added.
/// CSV in UTF-8, <c>;</c> or <c>,</c> separated, one header row with <see cref="Columns"/> in any order.
/// </summary>
internal static partial class ReferenceCodeFile
{
    public static readonly string[] Columns =
    [
        "code", "label", "domain", "kind", "class", "regime", "valid_from", "valid_to", "base_cents", "rate", "price_limit_cents",
        "age_from", "age_to", "source_title", "source_article", "source_date", "source_url", "source_kind",
    ];

    private static readonly string[] Optional = ["class", "valid_to", "price_limit_cents", "age_from", "age_to", "source_kind"];

    /// <summary>The columns that describe the code, not one period of its figures: the same on every row of one code.</summary>
    private static readonly string[] CodeColumns = ["label", "domain", "kind", "class", "regime", "age_from", "age_to"];

    /// <summary>Values of <c>regime</c>.</summary>
    public static readonly IReadOnlyDictionary<string, PriceRegime> Regimes = new Dictionary<string, PriceRegime>(StringComparer.Ordinal)
    {
        ["full-cover"] = PriceRegime.FullCover,
        ["capped"] = PriceRegime.CappedPrice,
        ["free"] = PriceRegime.FreePrice,
    };

    /// <summary>The codes of the file, or every fault found (<c>line N: column: reason</c>, never more than one per field).</summary>
    public static (IReadOnlyList<ReferenceCode> Codes, IReadOnlyList<ImportError> Errors) Read(Stream stream)
    {
        int? badLine = null;
        using var csv = CsvImport.Open(stream, line => badLine = line);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = CsvImport.ReadHeader(csv, Columns, c => !Optional.Contains(c), index).ToList();
        if (errors.Count > 0)
        {
            return ([], errors);
        }

        // Rows grouped by code, in file order.
        var rows = new List<(string Code, List<Period> Periods, Row First)>();
        var byCode = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            if (badLine == line)
            {
                errors.Add(new ImportError(line, "row", "not readable as CSV (a quote out of place)"));
                continue;
            }

            string? Field(string column) => index.TryGetValue(column, out var i) && csv.TryGetField<string>(i, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
            var row = new Row(line, Columns.ToDictionary(c => c, Field, StringComparer.Ordinal));
            if (ReadPeriod(row, errors) is not { } period || row["code"] is not { } code)
            {
                continue;
            }

            if (byCode.TryGetValue(code, out var at))
            {
                var (_, periods, first) = rows[at];
                foreach (var column in CodeColumns.Where(c => row[c] != first[c]))
                {
                    errors.Add(new ImportError(line, column, $"differs from line {first.Line}, the code's first row"));
                }

                periods.Add(period);
            }
            else
            {
                byCode[code] = rows.Count;
                rows.Add((code, [period], row));
            }
        }

        var codes = new List<ReferenceCode>();
        foreach (var (code, periods, first) in rows)
        {
            if (Build(code, periods, first, errors) is { } built)
            {
                codes.Add(built);
            }
        }

        return errors.Count > 0 ? ([], errors) : (codes, []);
    }

    private static ReferenceCode? Build(string code, List<Period> periods, Row first, List<ImportError> errors)
    {
        var ordered = periods.OrderBy(p => p.Validity.From).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i - 1].Validity.To is not { } end || end >= ordered[i].Validity.From)
            {
                errors.Add(new ImportError(ordered[i].Line, "valid_from", $"overlaps the period of line {ordered[i - 1].Line} for this code"));
                return null;
            }
        }

        CareDomains.TryParse(first["domain"], out var domain);
        ProductKinds.TryParse(first["kind"], out var kind);
        EquipmentClass? equipmentClass = EquipmentClasses.TryParse(first["class"], out var parsed) ? parsed : null;
        var regime = Regimes[first["regime"]!];
        var listing = new DateRange(ordered[0].Validity.From, ordered[^1].Validity.To);
        var ages = ordered[0].Ages is { } band ? new Sourced<AgeBand>(band, listing, ordered[0].Source) : null;
        var limits = ordered.Where(p => p.PriceLimit is not null).Select(p => new Sourced<Money>(p.PriceLimit!.Value, p.Validity, p.Source)).ToList();
        return new ReferenceCode(code, first["label"]!, domain, kind, equipmentClass, regime,
            new Sourced<CodeListing>(new CodeListing(Example: false), listing, ordered[0].Source),
            new Timeline<Money>(ordered.Select(p => new Sourced<Money>(p.Base, p.Validity, p.Source))),
            new Timeline<int>(ordered.Select(p => new Sourced<int>(p.Rate, p.Validity, p.Source))),
            limits.Count > 0 ? new Timeline<Money>(limits) : null, ages);
    }

    private sealed record Period(long Line, DateRange Validity, Money Base, int Rate, Money? PriceLimit, AgeBand? Ages, Source Source);
}
