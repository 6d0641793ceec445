using System.Text;

namespace TiersPayant.Tests.Web.Fuzz;

/// <summary>One request of the fuzz run, described well enough to be sent again by hand.</summary>
/// <param name="Case">What was malformed, e.g. <c>body: huge number 1e308</c>.</param>
/// <param name="Identity">anonymous, professional or api.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Target">Path and query, already encoded.</param>
/// <param name="Body">The body's bytes, if any.</param>
/// <param name="ContentType">The Content-Type header, if any (sent as is, without validation).</param>
/// <param name="Headers">Other headers, sent as is (Cookie and Authorization included).</param>
internal sealed record FuzzRequest(
    string Case, string Identity, string Method, string Target, byte[]? Body, string? ContentType, IReadOnlyList<(string Name, string Value)> Headers)
{
    /// <summary>The request as a failure message shows it: no body beyond its first bytes.</summary>
    public string Describe()
    {
        var body = Body is null ? "" : $" body[{Body.Length}]={Preview(Body)}";
        var headers = string.Join(' ', Headers.Select(h => $"{h.Name}: {Shorten(h.Value)};"));
        return $"[{Identity}] {Method} {Shorten(Target)} ({Case}) Content-Type: {ContentType ?? "-"}; {headers}{body}";
    }

    private static string Preview(byte[] body) => Shorten(Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 120)).ReplaceLineEndings(" "));

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + $"…({text.Length})";
}
