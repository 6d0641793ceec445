namespace TiersPayant.Domain.Regulation;

/// <summary>How far a source can be trusted for a figure.</summary>
public enum SourceKind
{
    /// <summary>The official text itself (Légifrance, the JORF, the official lists on ameli.fr or the public drug database).</summary>
    Official,

    /// <summary>A secondary source (a guide, a public service page, a professional body) naming the figure; used where the official text could not be read.</summary>
    Secondary,
}

/// <summary>
/// Where a regulated figure or rule comes from: the text, the place in it, its date and where it
/// can be read. A secondary source names itself and the date it was published instead.
/// </summary>
public sealed record Source
{
    /// <summary>Creates a source; every part is required, the address must be absolute https.</summary>
    public Source(string title, string article, DateOnly date, string url, SourceKind kind = SourceKind.Official)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(article);
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException("A source's address is an absolute https URL.", nameof(url));
        }

        Title = title;
        Article = article;
        Date = date;
        Url = url;
        Kind = kind;
    }

    /// <summary>The text: e.g. "Arrêté du 3 décembre 2018 …", "Code de la sécurité sociale", "Service-public.fr, fiche F33950".</summary>
    public string Title { get; }

    /// <summary>Where in the text: the article, the LPP chapter, the CCAM act, the table.</summary>
    public string Article { get; }

    /// <summary>The text's date (signature or version); for a secondary source, its publication or update date.</summary>
    public DateOnly Date { get; }

    /// <summary>Where it can be read.</summary>
    public string Url { get; }

    /// <summary>Official text or secondary source.</summary>
    public SourceKind Kind { get; }

    /// <summary>One line for notes and answers: title, article, date, kind.</summary>
    public override string ToString() =>
        $"{Title}, {Article} ({Date:yyyy-MM-dd}{(Kind == SourceKind.Secondary ? ", source secondaire" : string.Empty)})";
}
