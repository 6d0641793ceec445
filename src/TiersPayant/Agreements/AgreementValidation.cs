using System.Globalization;
using System.Text.RegularExpressions;
using TiersPayant.Domain;
using TiersPayant.Domain.Agreements;
using TiersPayant.Domain.Practices;
using TiersPayant.Eligibility;
using TiersPayant.Security.Guard;

namespace TiersPayant.Agreements;

/// <summary>
/// Reads a prior-agreement body into the engine's types, naming every field that is missing or
/// malformed; the engine's validator then checks codes, classes, sides, quantities and amounts.
/// </summary>
internal static class AgreementValidation
{
    public sealed record Parsed(AgreementRequest Request, DateOnly CareDate);

    /// <summary>
    /// What could be read of a body, even a wrong one, so that the engine can check the rest and
    /// every wrong field is named at once: <see cref="Card"/> and <see cref="Request"/> are set
    /// only when <see cref="Errors"/> is empty.
    /// </summary>
    public sealed record Reading(
        CardPresentation? Card, AgreementRequest? Request, DateOnly CareDate, DateOnly BirthDate, Prescription? Prescription,
        IReadOnlySet<SupportingDocument> Documents, Dictionary<string, string[]> Errors, Dictionary<string, string[]> Codes);

    /// <summary>
    /// Reads <paramref name="body"/> and, on what could be read, runs the engine's own checks:
    /// every wrong field at once, the form's reading first, never anything of anyone. The lines are
    /// checked against <paramref name="table"/>, the node's codes.
    /// </summary>
    public static Reading Check(AgreementBody body, Profession profession, DateOnly today, ReferenceCodeTable table)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Error(string field, string message) => errors[field] = [message];

        var card = EligibilityValidator.Presentation(body.Card, body.Beneficiary, today, Error);
        var care = EligibilityValidator.Date(body.CareDate, "careDate", Error);
        // Stand-ins for the engine when a date could not be read; its error is already named.
        var careOrToday = care ?? today;
        var birth = card?.BirthDate ?? (DateOnly.TryParseExact(body.Beneficiary?.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var b) ? b : careOrToday);
        CareDomain? domain = null;
        if (!CareDomains.TryParse(body.Domain, out var parsed) || !AgreementRequests.Domains.Contains(parsed))
        {
            Error("domain", "required: " + string.Join(", ", AgreementRequests.Domains.Select(d => d.Code())));
        }
        else if (!profession.Domains().Contains(parsed))
        {
            Error("domain", $"not a domain of this practice's profession ({profession.Code()})");
        }
        else
        {
            domain = parsed;
        }

        // The engine numbers the lines it gets; a line left out here keeps its number in the errors.
        var lines = new List<AgreementLine>();
        var numbers = new List<int>();
        if (body.Lines is not { Count: > 0 })
        {
            Error("lines", "required: at least one line");
        }
        else
        {
            for (var i = 0; i < body.Lines.Count; i++)
            {
                var line = body.Lines[i];
                if (line is null || string.IsNullOrWhiteSpace(line.Code) || line.Quantity is null || line.UnitPriceCents is null)
                {
                    Error($"lines[{i}]", "required: code, quantity and unitPriceCents");
                    continue;
                }

                lines.Add(new AgreementLine(line.Code.Trim(), line.Quantity.Value, new Money(line.UnitPriceCents.Value), line.Class, line.Side));
                numbers.Add(i);
            }
        }

        var prescription = Prescription(body.Prescription, careOrToday, Error);
        var documents = new HashSet<SupportingDocument>();
        foreach (var (code, i) in (body.Documents ?? []).Select((code, i) => (code, i)))
        {
            if (SupportingDocuments.TryParse(code, out var document))
            {
                documents.Add(document);
            }
            else
            {
                Error($"documents[{i}]", "unknown document; one of " + string.Join(", ", SupportingDocuments.All.Select(d => d.Code())));
            }
        }

        var codes = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var request = domain is { } d ? new AgreementRequest(d, lines) : null;
        if (request is not null && lines.Count + errors.Keys.Count(k => k.StartsWith("lines", StringComparison.Ordinal)) > 0)
        {
            var context = AgreementRequests.Context(today, careOrToday, birth, prescription, documents, null, false, [], table);
            foreach (var group in AgreementValidator.Validate(request, context).GroupBy(e => Renumber(e.Field, numbers)))
            {
                // A field the reading already named keeps its first message: one error per field.
                if (errors.TryAdd(group.Key, [.. group.Select(e => e.Message)]))
                {
                    codes[group.Key] = [.. group.Select(e => e.Code)];
                }
            }
        }

        return errors.Count > 0
            ? new Reading(null, null, careOrToday, birth, prescription, documents, errors, codes)
            : new Reading(card, request, care!.Value, birth, prescription, documents, errors, codes);
    }

    // lines[k] of the engine is the body's line numbers[k].
    private static string Renumber(string field, List<int> numbers) =>
        Regex.Replace(field, @"^lines\[(\d+)\]", m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) is var k && k < numbers.Count
            ? "lines[" + numbers[k].ToString(CultureInfo.InvariantCulture) + "]" : m.Value);

    private static Prescription? Prescription(PrescriptionBody? body, DateOnly careOrToday, Action<string, string> error)
    {
        if (body is null)
        {
            return null; // the engine says whether the domain needs one
        }

        // A date that cannot be read is named; the prescriber and the correction are still checked.
        var date = EligibilityValidator.Date(body.Date, "prescription.date", error) ?? careOrToday;
        return new Prescription(date, body.Prescriber?.Trim())
        {
            Right = Eye(body.Correction?.Right),
            Left = Eye(body.Correction?.Left),
            CorrectionChanged = body.CorrectionChanged,
            FaceChanged = body.FaceChanged,
        };
    }

    private static EyeCorrection? Eye(EyeBody? eye) => eye is null ? null : new EyeCorrection(eye.Sphere, eye.Cylinder, eye.Axis, eye.Addition);
}
