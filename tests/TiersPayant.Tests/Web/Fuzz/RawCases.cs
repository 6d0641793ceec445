using System.Text;

namespace TiersPayant.Tests.Web.Fuzz;

/// <summary>One request written byte for byte on a socket.</summary>
internal sealed record RawRequest(string Case, string Identity, string Method, string Target, byte[] Head, byte[] Body, bool CloseAfterBody)
{
    public string Describe() => $"[{Identity}] {Method} {Target} ({Case}) raw head={Encoding.Latin1.GetString(Head).ReplaceLineEndings(" | ")}";
}

/// <summary>What only a socket can send: lying or absurd Content-Length, broken chunks, bytes that are not ASCII.</summary>
internal static class RawCases
{
    public static IEnumerable<RawRequest> For(FuzzTarget target, FuzzIdentity identity, Uri server)
    {
        var path = Encoding.ASCII.GetBytes(target.Path());
        var body = target.Body ?? "a=b"u8.ToArray();
        List<(string, byte[])> Headers(params (string, string)[] extra)
        {
            var headers = new List<(string, byte[])>();
            if (identity.Bearer is not null)
            {
                headers.Add(("Authorization", Encoding.ASCII.GetBytes("Bearer " + identity.Bearer)));
            }

            if (identity.Cookies.Count > 0)
            {
                headers.Add(("Cookie", Encoding.ASCII.GetBytes(FuzzPlatform.CookieHeader(identity.Cookies))));
            }

            headers.Add(("Content-Type", Encoding.ASCII.GetBytes(target.Kind switch
            {
                BodyKind.Fhir => "application/fhir+json",
                BodyKind.Form => "application/x-www-form-urlencoded",
                _ => "application/json",
            })));
            headers.AddRange(extra.Select(h => (h.Item1, Encoding.ASCII.GetBytes(h.Item2))));
            return headers;
        }

        RawRequest Raw(string name, byte[] target1, List<(string, byte[])> headers, byte[] sent, bool close = false) =>
            new(name, identity.Name, target.Method, target.Path(), RawHttp.Head(target.Method, target1, server, headers), sent, close);

        if (target.Method == "POST")
        {
            yield return Raw("Content-Length 10^17, short body", path, Headers(("Content-Length", "100000000000000000")), body, close: true);
            yield return Raw("Content-Length past Int64", path, Headers(("Content-Length", "99999999999999999999999")), body);
            yield return Raw("Content-Length negative", path, Headers(("Content-Length", "-1")), body);
            yield return Raw("Content-Length two values", path, Headers(("Content-Length", $"{body.Length}, {body.Length + 1}")), body);
            yield return Raw("Content-Length longer than the body, then end of stream", path, Headers(("Content-Length", $"{body.Length + 100}")), body, close: true);
            yield return Raw("chunked with a bad chunk size", path, Headers(("Transfer-Encoding", "chunked")), [.. "zz\r\n"u8, .. body, .. "\r\n0\r\n\r\n"u8]);
            yield return Raw("chunked cut short, then end of stream", path, Headers(("Transfer-Encoding", "chunked")), [.. "ffff\r\n"u8, .. body], close: true);
        }

        var length = target.Method == "POST" ? ("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)) : ("X-Empty", "");
        var sent = target.Method == "POST" ? body : [];
        yield return Raw("invalid UTF-8 in the path", [.. path, (byte)0x2F, 0xFF, 0xFE], Headers(length), sent);
        yield return Raw("percent-encoded invalid UTF-8 in the query", [.. path, .. "?culture=%C0%AF&p=%FF"u8], Headers(length), sent);
        var cookie = Headers(length);
        cookie.Add(("Cookie", [.. "tp_session="u8, 0xFF, 0xFE, .. "; .AspNetCore.Culture=c%3D\u00e9"u8]));
        yield return Raw("invalid UTF-8 in a cookie", path, cookie, sent);
        var latin = Headers(length);
        latin.Add(("Accept-Language", [0xE9, 0x2D, 0xE9]));
        yield return Raw("Latin-1 bytes in a header", path, latin, sent);
    }
}
