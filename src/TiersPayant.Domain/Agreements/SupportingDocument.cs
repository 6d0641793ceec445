namespace TiersPayant.Domain.Agreements;

/// <summary>A document attached to a prior-agreement request.</summary>
public enum SupportingDocument
{
    /// <summary><c>prescription</c>: a copy of the prescription.</summary>
    Prescription,
    /// <summary><c>quote</c>: the signed standard quote ("devis normalisé").</summary>
    Quote,
    /// <summary><c>audiogram</c>: the hearing test results.</summary>
    Audiogram,
    /// <summary><c>radiograph</c>: a dental X-ray.</summary>
    Radiograph,
}

/// <summary>Wire codes of <see cref="SupportingDocument"/>.</summary>
public static class SupportingDocuments
{
    /// <summary>Every document type.</summary>
    public static IReadOnlyList<SupportingDocument> All { get; } = Enum.GetValues<SupportingDocument>();

    /// <summary>The wire code, e.g. <c>quote</c>.</summary>
    public static string Code(this SupportingDocument document) => document.ToString().ToLowerInvariant();

    /// <summary>Reads a document code; case-insensitive.</summary>
    public static bool TryParse(string? code, out SupportingDocument document) => WireCodes.TryParse(code, All, Code, out document);
}
