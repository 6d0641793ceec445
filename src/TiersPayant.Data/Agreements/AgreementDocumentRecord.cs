namespace TiersPayant.Data.Agreements;

/// <summary>
/// A document attached to a prior agreement (prescription, signed quote, audiogram, radiograph),
/// stored encrypted: its content is an AES-256-GCM blob bound to this row
/// (<see cref="Protection.FieldBindings.Document"/>). Internal like beneficiary rows: the web host
/// attaches and lists documents through <see cref="AgreementDocuments"/>, and only the guarded
/// path (TiersPayant.Security) decrypts one, after recording the disclosure.
/// </summary>
internal sealed class AgreementDocumentRecord
{
    public Guid Id { get; set; }

    public Guid AgreementId { get; set; }

    /// <summary>The document's wire code: <c>prescription</c>, <c>quote</c>, <c>audiogram</c>, <c>radiograph</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>The media type found in the content: <c>application/pdf</c>, <c>image/png</c> or <c>image/jpeg</c>.</summary>
    public required string MediaType { get; set; }

    /// <summary>The size of the clear content, in bytes.</summary>
    public long Length { get; set; }

    /// <summary>The key that encrypted <see cref="ContentCipher"/> (also in the blob's header), so that rotation finds older ones without reading every blob.</summary>
    public long KeyId { get; set; }

    /// <summary>The encrypted content (never the clear bytes, never the uploaded file's name).</summary>
    public required byte[] ContentCipher { get; set; }

    public DateTime CreatedAt { get; set; }
}
