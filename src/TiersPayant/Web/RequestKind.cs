using Microsoft.Net.Http.Headers;

namespace TiersPayant.Web;

/// <summary>Tells a browser asking for a portal page from a machine calling an API.</summary>
internal static class RequestKind
{
    // Paths that only software calls: they answer problem details even to a browser.
    private static readonly PathString[] MachinePrefixes =
        ["/api", "/fhir", "/connect", "/openapi", "/health"];

    public static bool IsPortalPage(HttpRequest request) => !IsMachinePath(request.Path) && AcceptsHtml(request);

    private static bool IsMachinePath(PathString path)
    {
        foreach (var prefix in MachinePrefixes)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AcceptsHtml(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return false;
        }

        foreach (var mediaType in accepted)
        {
            if (mediaType.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)
                || mediaType.MediaType.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
