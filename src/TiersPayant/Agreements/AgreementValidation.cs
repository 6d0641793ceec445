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

    public static (CardPresentation? Card, Parsed? Request, Prescription? Prescription, IReadOnlySet<SupportingDocument> Documents, Dictionary<string, string[]> Errors)
        Read(AgreementBody body, Profession profession, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Error(string field, string message) => errors[field] = [message];

        var card = EligibilityValidator.Presentation(body.Card, body.Beneficiary, today, Error);
        var care = EligibilityValidator.Date(body.CareDate, "careDate", Error);
        CareDomain domain = default;
        if (!CareDomains.TryParse(body.Domain, out domain) || !AgreementRequests.Domains.Contains(domain))
        {
            Error("domain", "required: " + string.Join(", ", AgreementRequests.Domains.Select(d => d.Code())));
        }
        else if (!profession.Domains().Contains(domain))
        {
            Error("domain", $"not a domain of this practice's profession ({profession.Code()})");
        }

        var lines = new List<AgreementLine>();
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
            }
        }

        var prescription = Prescription(body.Prescription, Error);
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

        return errors.Count > 0
            ? (null, null, null, documents, errors)
            : (card, new Parsed(new AgreementRequest(domain, lines), care!.Value), prescription, documents, errors);
    }

    private static Prescription? Prescription(PrescriptionBody? body, Action<string, string> error)
    {
        if (body is null)
        {
            return null; // the engine says whether the domain needs one
        }

        if (EligibilityValidator.Date(body.Date, "prescription.date", error) is not { } date)
        {
            return null;
        }

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
