using System.Globalization;
using TiersPayant.Domain;
using TiersPayant.Domain.Agreements;
using TiersPayant.Domain.Members;
using TiersPayant.Domain.Regulation;
using TiersPayant.Members.Import;

namespace TiersPayant.Agreements;

/// <summary>One row of a code file: each field checked, every fault named by its line and column.</summary>
internal static partial class ReferenceCodeFile
{
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
        var ages = ageFrom is null && ageTo is null ? null : new AgeBand(ageFrom, ageTo);
        return new Period(row.Line, new DateRange(from!.Value, to), new Money(basis!.Value), rate, limit is { } l ? new Money(l) : null, ages, source);
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
}
