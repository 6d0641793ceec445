using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
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
internal static class ReferenceCodeFile
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
        using var text = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true);
        long? badLine = null;
        using var csv = new CsvReader(text, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [";", ","],
            TrimOptions = TrimOptions.Trim,
            MissingFieldFound = null,
            BadDataFound = args => badLine = args.Context.Parser?.RawRow,
        });
        var errors = new List<ImportError>();
        if (!csv.Read())
        {
            return ([], [new ImportError(1, "header", "the file is empty")]);
        }

        csv.ReadHeader();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, i) in (csv.HeaderRecord ?? []).Select((h, i) => (h.Trim().ToLowerInvariant(), i)))
        {
            if (!Columns.Contains(name))
            {
                errors.Add(new ImportError(1, "header", $"unknown column '{(name.Length <= 40 ? name : name[..40] + "…")}'"));
            }
            else if (!index.TryAdd(name, i))
            {
                errors.Add(new ImportError(1, "header", $"column '{name}' appears twice"));
            }
        }

        errors.AddRange(Columns.Where(c => !Optional.Contains(c) && !index.ContainsKey(c)).Select(c => new ImportError(1, "header", $"missing column '{c}'")));
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

    /// <summary>One row's period of figures, with its source; null when a field is wrong (each one reported).</summary>
    private static Period? ReadPeriod(Row row, List<ImportError> errors)
    {
        var count = errors.Count;
        void Error(string column, string reason) => errors.Add(new ImportError(row.Line, column, reason));
        if (row["code"] is not { } code || code.Length > 20 || !code.All(char.IsAsciiLetterOrDigit))
        {
            Error("code", "required: the code as billed, letters and digits, at most 20");
        }

        if (row["label"] is not { Length: <= 200 })
        {
            Error("label", "required: the French label, at most 200 characters");
        }

        if (!CareDomains.TryParse(row["domain"], out _))
        {
            Error("domain", "required: one of " + string.Join(", ", CareDomains.All.Select(d => d.Code())));
        }

        if (!ProductKinds.TryParse(row["kind"], out _))
        {
            Error("kind", "required: one of " + string.Join(", ", ProductKinds.All.Select(k => k.Code())));
        }

        if (row["class"] is { } equipmentClass && !EquipmentClasses.TryParse(equipmentClass, out _))
        {
            Error("class", "one of A, B, I, II, or empty");
        }

        if (row["regime"] is not { } regime || !Regimes.ContainsKey(regime))
        {
            Error("regime", "required: one of " + string.Join(", ", Regimes.Keys));
        }
        else
        {
            Consistent(row, Error);
        }

        var from = Date(row, "valid_from", required: true, Error);
        var to = Date(row, "valid_to", required: false, Error);
        if (from is { } start && to is { } end && end < start)
        {
            Error("valid_to", "before valid_from");
        }

        var basis = Cents(row, "base_cents", required: true, Error);
        var limit = Cents(row, "price_limit_cents", required: row["regime"] is { } r && r != "free", Error);
        if (!int.TryParse(row["rate"], NumberStyles.None, CultureInfo.InvariantCulture, out var rate) || rate > 100)
        {
            Error("rate", "required: the statutory rate, a whole percent from 0 to 100");
        }

        var ageFrom = Age(row, "age_from", Error);
        var ageTo = Age(row, "age_to", Error);
        if (ageFrom is { } youngest && ageTo is { } oldest && oldest < youngest)
        {
            Error("age_to", "below age_from");
        }

        var kind = row["source_kind"] ?? "official";
        if (kind is not ("official" or "secondary"))
        {
            Error("source_kind", "official or secondary (official when empty)");
        }

        var published = Date(row, "source_date", required: true, Error);
        foreach (var column in new[] { "source_title", "source_article" }.Where(c => row[c] is null))
        {
            Error(column, "required: every figure names its source");
        }

        if (!Uri.TryCreate(row["source_url"], UriKind.Absolute, out var address) || address.Scheme != Uri.UriSchemeHttps)
        {
            Error("source_url", "required: where the source can be read, an https address");
        }

        if (errors.Count > count)
        {
            return null;
        }

        var source = new Source(row["source_title"]!, row["source_article"]!, published!.Value, row["source_url"]!,
            kind == "secondary" ? SourceKind.Secondary : SourceKind.Official);
        return new Period(row.Line, new DateRange(from!.Value, to), new Money(basis!.Value), rate, limit is { } l ? new Money(l) : null, source);
    }

    /// <summary>
    /// What the engine relies on: a product is billed in its own domain; frames, lenses and hearing
    /// aids have a class and the others none; class A and I are the "100% Santé" baskets (full
    /// cover), class B and II are free prices.
    /// </summary>
    private static void Consistent(Row row, Action<string, string> error)
    {
        if (!CareDomains.TryParse(row["domain"], out var domain) || !ProductKinds.TryParse(row["kind"], out var kind))
        {
            return;
        }

        var home = kind switch
        {
            ProductKind.HearingAid => CareDomain.Audioprothese,
            ProductKind.Crown => CareDomain.Dentaire,
            ProductKind.Drug => CareDomain.Pharmacie,
            _ => CareDomain.Optique,
        };
        if (domain != home)
        {
            error("kind", $"a {kind.Code()} is billed in {home.Code()}");
            return;
        }

        var classed = kind == ProductKind.Frame || kind.HasSide();
        if (!EquipmentClasses.TryParse(row["class"], out var equipmentClass))
        {
            if (classed && row["class"] is null)
            {
                error("class", kind == ProductKind.HearingAid ? "required: I or II" : "required: A or B");
            }

            return;
        }

        var expected = equipmentClass is EquipmentClass.A or EquipmentClass.I ? "full-cover" : "free";
        if (!classed)
        {
            error("class", $"a {kind.Code()} has no class: leave it empty");
        }
        else if ((kind == ProductKind.HearingAid) != (equipmentClass is EquipmentClass.I or EquipmentClass.II))
        {
            error("class", kind == ProductKind.HearingAid ? "I or II for a hearing aid" : "A or B in optics");
        }
        else if (row["regime"] != expected)
        {
            error("regime", $"class {equipmentClass.Code()} is {expected}");
        }
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
        var (ageFrom, ageTo) = (Age(first, "age_from", (_, _) => { }), Age(first, "age_to", (_, _) => { }));
        var listing = new DateRange(ordered[0].Validity.From, ordered[^1].Validity.To);
        var ages = ageFrom is null && ageTo is null ? null : new Sourced<AgeBand>(new AgeBand(ageFrom, ageTo), listing, ordered[0].Source);
        var limits = ordered.Where(p => p.PriceLimit is not null).Select(p => new Sourced<Money>(p.PriceLimit!.Value, p.Validity, p.Source)).ToList();
        return new ReferenceCode(code, first["label"]!, domain, kind, equipmentClass, regime,
            new Sourced<CodeListing>(new CodeListing(Example: false), listing, ordered[0].Source),
            new Timeline<Money>(ordered.Select(p => new Sourced<Money>(p.Base, p.Validity, p.Source))),
            new Timeline<int>(ordered.Select(p => new Sourced<int>(p.Rate, p.Validity, p.Source))),
            limits.Count > 0 ? new Timeline<Money>(limits) : null, ages);
    }

    private static DateOnly? Date(Row row, string column, bool required, Action<string, string> error)
    {
        if (row[column] is not { } value)
        {
            if (required)
            {
                error(column, "required: a date YYYY-MM-DD");
            }

            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        error(column, "a date YYYY-MM-DD");
        return null;
    }

    private static long? Cents(Row row, string column, bool required, Action<string, string> error)
    {
        if (row[column] is not { } value)
        {
            if (required)
            {
                error(column, "required: whole euro cents");
            }

            return null;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var cents) && cents <= 100_000_000)
        {
            return cents;
        }

        error(column, "whole euro cents, from 0 to 100000000");
        return null;
    }

    private static int? Age(Row row, string column, Action<string, string> error)
    {
        if (row[column] is not { } value)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var years) && years <= 130)
        {
            return years;
        }

        error(column, "full years, from 0 to 130, or empty");
        return null;
    }

    private sealed record Row(long Line, Dictionary<string, string?> Fields)
    {
        public string? this[string column] => Fields[column];
    }

    private sealed record Period(long Line, DateRange Validity, Money Base, int Rate, Money? PriceLimit, Source Source);
}
