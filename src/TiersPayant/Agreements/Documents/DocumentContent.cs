namespace TiersPayant.Agreements.Documents;

/// <summary>
/// What a document is, by its content alone: the uploaded file's name and the browser's
/// <c>Content-Type</c> are not looked at (either can say anything). A PDF starts with
/// <c>%PDF-</c> and a version and ends with <c>%%EOF</c> (give or take trailing bytes); a PNG with
/// its 8-byte signature and then its IHDR chunk; a JPEG with a start-of-image marker followed by
/// another marker.
/// </summary>
public static class DocumentContent
{
    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";

    // Writers may leave a little after %%EOF (a newline, an incremental-update padding).
    private const int PdfTrailer = 1024;

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The media type of <paramref name="content"/> (PDF, PNG or JPEG), or null for anything else.</summary>
    public static string? MediaTypeOf(ReadOnlySpan<byte> content)
    {
        if (content.Length >= 8 && content.StartsWith("%PDF-"u8) && char.IsAsciiDigit((char)content[5])
            && content[^Math.Min(PdfTrailer, content.Length)..].IndexOf("%%EOF"u8) >= 0)
        {
            return Pdf;
        }

        if (content.Length >= 16 && content.StartsWith(PngSignature) && content.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return Png;
        }

        return content.Length >= 4 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF && content[3] >= 0xC0
            ? Jpeg
            : null;
    }

    /// <summary>The file name extension for a media type found by <see cref="MediaTypeOf"/>.</summary>
    public static string Extension(string mediaType) => mediaType switch
    {
        Pdf => "pdf",
        Png => "png",
        Jpeg => "jpg",
        _ => "bin",
    };
}
