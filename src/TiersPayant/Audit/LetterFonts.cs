using PdfSharp.Fonts;

namespace TiersPayant.Audit;

/// <summary>
/// The fonts of the PDF letters: DejaVu Sans (regular and bold), read from the system's font
/// folder (Debian's <c>fonts-dejavu-core</c>, the same font the charts use) and embedded in every
/// PDF, so a letter prints the same everywhere. PDFsharp's core build finds no font by itself
/// outside Windows.
/// </summary>
internal sealed class LetterFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly string[] Folders = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts", "/Library/Fonts", @"C:\Windows\Fonts"];

    private static readonly Lock Gate = new();

    /// <summary>Makes PDFsharp use these fonts (once per process).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not LetterFonts)
            {
                GlobalFontSettings.FontResolver = new LetterFonts();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName)
    {
        foreach (var folder in Folders)
        {
            var path = Path.Combine(folder, faceName + ".ttf");
            if (File.Exists(path))
            {
                return File.ReadAllBytes(path);
            }
        }

        throw new InvalidOperationException($"The letters need the font {faceName}.ttf (Debian: apt-get install fonts-dejavu-core).");
    }
}
