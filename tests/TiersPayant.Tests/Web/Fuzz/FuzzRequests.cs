using System.Text;

namespace TiersPayant.Tests.Web.Fuzz;

/// <summary>A caller of the fuzz run and what it sends with every request.</summary>
/// <param name="Name">anonymous, professional or api.</param>
/// <param name="Cookies">Its cookies.</param>
/// <param name="Bearer">Its API token, if any.</param>
/// <param name="FormToken">The antiforgery token of its forms, if any.</param>
internal sealed record FuzzIdentity(string Name, IReadOnlyDictionary<string, string> Cookies, string? Bearer, string? FormToken);

/// <summary>The deterministic table of requests for one target and one caller.</summary>
internal static class FuzzRequests
{
    public static IEnumerable<FuzzRequest> For(FuzzTarget target, FuzzIdentity identity, IReadOnlyList<(string Name, string Value)> pageFields,
        string antiforgeryCookie, Func<string> idempotencyKey)
    {
        var contentType = target.Kind switch
        {
            BodyKind.Json => "application/json",
            BodyKind.Fhir => "application/fhir+json",
            BodyKind.Form => "application/x-www-form-urlencoded",
            _ => null,
        };
        var valid = target.Kind == BodyKind.Form && target.IsPage
            ? FormCases.Bytes(FormCases.Encode(WithToken(pageFields, identity.FormToken)))
            : target.Body;

        FuzzRequest Request(string name, string? path = null, byte[]? body = null, string? type = null, bool keepType = true,
            IEnumerable<(string Name, string Value)>? headers = null, IReadOnlyDictionary<string, string>? cookies = null, string? cookieHeader = null)
        {
            var all = new List<(string, string)>();
            var extra = (headers ?? []).ToList();
            if (identity.Bearer is not null && !extra.Any(h => h.Name == "Authorization"))
            {
                all.Add(("Authorization", "Bearer " + identity.Bearer));
            }

            if (!extra.Any(h => h.Name == "Accept"))
            {
                all.Add(("Accept", target.IsPage ? "text/html" : target.Kind == BodyKind.Fhir ? "application/fhir+json" : "application/json"));
            }

            if (target.Route == "api/v1/claims" && target.Method == "POST" && !extra.Any(h => h.Name == "Idempotency-Key"))
            {
                all.Add(("Idempotency-Key", idempotencyKey()));
            }

            var cookie = cookieHeader ?? FuzzPlatform.CookieHeader(cookies ?? identity.Cookies);
            if (cookie.Length > 0)
            {
                all.Add(("Cookie", cookie));
            }

            all.AddRange(extra);
            var sent = target.Method == "POST" ? body ?? valid ?? [] : null;
            return new FuzzRequest(name, identity.Name, target.Method, path ?? target.Path(), sent, keepType && sent is not null ? type ?? contentType : type, all);
        }

        if (target.Method == "POST")
        {
            var bodies = target.Kind is BodyKind.Json or BodyKind.Fhir
                ? JsonCases.For(valid!, target.Limit)
                : FormCases.For(target.IsPage ? pageFields : FormFields(target.Body!), target.IsPage ? identity.FormToken : null, target.Limit)
                    .Select(c => (c.Case, FormCases.Bytes(c.Body)));
            foreach (var (name, body) in bodies)
            {
                yield return Request("body: " + name, body: body);
            }

            foreach (var (name, type) in HeaderCases.ContentTypes(target.Kind == BodyKind.Form))
            {
                yield return Request(name, type: type, keepType: false);
            }
        }

        foreach (var (name, header, value) in HeaderCases.Headers(identity.Bearer))
        {
            yield return Request(name, headers: [(header, value)]);
        }

        foreach (var (name, cookie, value) in HeaderCases.Cookies(antiforgeryCookie))
        {
            yield return Request(name, cookies: new Dictionary<string, string>(identity.Cookies) { [cookie] = value });
        }

        foreach (var (name, header) in HeaderCases.CookieHeaders())
        {
            yield return Request(name, cookieHeader: header);
        }

        foreach (var (name, query) in HeaderCases.Queries())
        {
            yield return Request(name, path: target.Path() + query);
        }

        for (var i = 0; i < target.Values.Count; i++)
        {
            foreach (var (name, value) in HeaderCases.RouteValues(target.Values[i]))
            {
                var values = target.Values.ToArray();
                values[i] = value;
                yield return Request($"{name} (parameter {i})", path: target.Path(values));
            }
        }

        foreach (var suffix in new[] { "/", "//", "/%FF", "%00", "/..%2F" })
        {
            var path = target.Path().TrimEnd('/') + suffix;
            yield return Request($"path suffix {suffix}", path: path.StartsWith('/') ? path : "/" + path);
        }
    }

    private static IEnumerable<(string Name, string Value)> WithToken(IReadOnlyList<(string Name, string Value)> fields, string? token) =>
        token is null ? fields : [.. fields.Where(f => f.Name != FormCases.TokenField), (FormCases.TokenField, token)];

    private static List<(string Name, string Value)> FormFields(byte[] body) =>
        [.. Encoding.UTF8.GetString(body).Split('&').Select(p => p.Split('=', 2)).Select(p => (Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p[1])))];
}
