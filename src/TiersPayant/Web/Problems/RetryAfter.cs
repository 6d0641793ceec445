using System.Globalization;

namespace TiersPayant.Web.Problems;

/// <summary>The <c>Retry-After</c> header of every 429: whole seconds, rounded up.</summary>
internal static class RetryAfter
{
    /// <summary>Sets the header and returns the seconds it says, for a page that tells them too.</summary>
    public static int Set(HttpResponse response, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return seconds;
    }
}
