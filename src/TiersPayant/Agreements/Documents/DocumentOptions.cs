namespace TiersPayant.Agreements.Documents;

/// <summary>Section <c>Agreements:Documents</c>: what a professional may attach to a prior-agreement request.</summary>
public sealed class DocumentOptions
{
    public const string Section = "Agreements:Documents";

    /// <summary>The largest document accepted, in bytes (default 5 MiB); from 1 KiB to 20 MiB.</summary>
    public long MaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>What is wrong with these settings, naming the field; null when nothing is.</summary>
    public string? Problem() => MaxBytes is < 1024 or > 20 * 1024 * 1024
        ? "Agreements:Documents:MaxBytes must lie between 1024 (1 KiB) and 20971520 (20 MiB)."
        : null;

    /// <summary>
    /// The body limit of the request form that carries the documents: one of each kind at the
    /// largest size, and room for the rest of the form and the multipart framing.
    /// </summary>
    public long FormBodyLimit => (SupportingDocumentsCount * MaxBytes) + (256 * 1024);

    private static int SupportingDocumentsCount => Domain.Agreements.SupportingDocuments.All.Count;
}
