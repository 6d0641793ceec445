using Microsoft.Extensions.Options;
using TiersPayant.Domain.Agreements;

namespace TiersPayant.Agreements.Documents;

/// <summary>A document as received, checked: its kind, the media type its content shows, its bytes.</summary>
public sealed record UploadedDocument(SupportingDocument Kind, string MediaType, byte[] Content);

/// <summary>
/// Reads the documents of a portal form: each within the size limit and, by its content, a PDF, a
/// PNG or a JPEG. A fault is named by its field (<c>documents.prescription</c>…), never by the
/// file's name or content.
/// </summary>
public sealed class DocumentUploads(IOptions<DocumentOptions> options)
{
    /// <summary>The error of a document that is too large or not a PDF, PNG or JPEG.</summary>
    public const string Rejected = "attach a PDF, PNG or JPEG file within the size limit";

    /// <summary>The largest document accepted, in bytes.</summary>
    public long MaxBytes => options.Value.MaxBytes;

    /// <summary>The field of a document's errors, e.g. <c>documents.quote</c>.</summary>
    public static string Field(SupportingDocument kind) => "documents." + kind.Code();

    /// <summary>Reads the files given (a missing one is not attached); adds an error per rejected file to <paramref name="errors"/>.</summary>
    public async Task<List<UploadedDocument>> ReadAsync(
        IEnumerable<(SupportingDocument Kind, IFormFile? File)> files, IDictionary<string, string[]> errors, CancellationToken cancellation)
    {
        var read = new List<UploadedDocument>();
        foreach (var (kind, file) in files)
        {
            if (file is null)
            {
                continue;
            }

            if (file.Length == 0 || file.Length > MaxBytes)
            {
                errors[Field(kind)] = [Rejected];
                continue;
            }

            var content = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadExactlyAsync(content, cancellation);
            }

            if (DocumentContent.MediaTypeOf(content) is { } mediaType)
            {
                read.Add(new UploadedDocument(kind, mediaType, content));
            }
            else
            {
                errors[Field(kind)] = [Rejected];
            }
        }

        return read;
    }
}
