namespace TiersPayant.Tests.Web.Fuzz;

/// <summary>Malformed headers, cookies, paths and query strings, the same for every endpoint.</summary>
internal static class HeaderCases
{
    public const string Culture = ".AspNetCore.Culture";

    public static IEnumerable<(string Case, string? ContentType)> ContentTypes(bool form) =>
    [
        ("no Content-Type", null),
        ("Content-Type charset=bogus", (form ? "application/x-www-form-urlencoded" : "application/json") + "; charset=bogus"),
        ("Content-Type charset=utf-7", (form ? "application/x-www-form-urlencoded" : "application/json") + "; charset=utf-7"),
        ("Content-Type charset=utf-16", (form ? "application/x-www-form-urlencoded" : "application/json") + "; charset=utf-16"),
        ("Content-Type charset quoted", (form ? "application/x-www-form-urlencoded" : "application/json") + "; charset=\"utf-8\""),
        ("Content-Type charset empty", (form ? "application/x-www-form-urlencoded" : "application/json") + "; charset="),
        ("Content-Type charset twice", "application/json; charset=utf-8; charset=bogus"),
        ("Content-Type unbalanced quote", "application/json; charset=\""),
        ("Content-Type ;;;", "application/json;;;"),
        ("Content-Type fhir+json bogus charset", "application/fhir+json; charset=bogus"),
        ("Content-Type text/plain", "text/plain"),
        ("Content-Type form", "application/x-www-form-urlencoded"),
        ("Content-Type multipart without boundary", "multipart/form-data"),
        ("Content-Type multipart boundary too long", "multipart/form-data; boundary=" + new string('b', 100)),
        ("Content-Type multipart wrong boundary", "multipart/form-data; boundary=abc"),
        ("Content-Type */*", "*/*"),
        ("Content-Type garbage", "garbage"),
        ("Content-Type 4000 characters of parameters", "application/json; x=" + new string('x', 4000)),
    ];

    public static IEnumerable<(string Case, string Name, string Value)> Headers(string? bearer) =>
    [
        ("Authorization Bearer garbage", "Authorization", "Bearer garbage"),
        ("Authorization Bearer empty", "Authorization", "Bearer "),
        ("Authorization Bearer 8000 characters", "Authorization", "Bearer " + new string('a', 8000)),
        ("Authorization Bearer unsigned JWT", "Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."),
        ("Authorization Bearer truncated token", "Authorization", "Bearer " + (bearer is { Length: > 10 } ? bearer[..^7] : "x")),
        ("Authorization Bearer token with spaces", "Authorization", "Bearer a b c"),
        ("Authorization Basic bad base64", "Authorization", "Basic %%%"),
        ("Authorization Basic empty pair", "Authorization", "Basic Og=="),
        ("Authorization unknown scheme", "Authorization", "Negotiate x"),
        ("Accept text/html", "Accept", "text/html"),
        ("Accept garbage", "Accept", ";;;,,,"),
        ("Accept bad quality", "Accept", "text/html;q=abc, */*;q=9"),
        ("Accept-Language garbage", "Accept-Language", "xx-YYYYYYYYYYYYYYY-ZZ;q=abc,*;q=-1"),
        ("Accept-Language 4000 characters", "Accept-Language", string.Join(',', Enumerable.Repeat("fr-FR;q=0.5", 360))),
        ("Idempotency-Key 5000 characters", "Idempotency-Key", new string('k', 5000)),
        ("Idempotency-Key blank", "Idempotency-Key", " "),
        ("X-Forwarded-For garbage", "X-Forwarded-For", "not-an-address, ::::"),
        ("Origin garbage", "Origin", "null"),
    ];

    public static IEnumerable<(string Case, string Name, string Value)> Cookies(string antiforgeryCookie) =>
    [
        ("tp_session x", "tp_session", "x"),
        ("tp_session ====", "tp_session", "===="),
        ("tp_session !!!!", "tp_session", "!!!!"),
        ("tp_session percent-encoded bytes", "tp_session", "%FF%FE"),
        ("tp_session 4000 characters", "tp_session", new string('A', 4000)),
        ("tp_session unknown token", "tp_session", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
        ("tp_session 44 characters", "tp_session", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
        ("tp_session empty", "tp_session", ""),
        ("tp_login garbage", "tp_login", "garbage"),
        ("tp_login invalid base64", "tp_login", "%%%==="),
        ("tp_login data-protection prefix", "tp_login", "CfDJ8" + new string('A', 200)),
        ("tp_login 4000 characters", "tp_login", new string('A', 4000)),
        ("tp_device garbage", "tp_device", "<>\""),
        ("tp_device 4000 characters", "tp_device", new string('d', 4000)),
        ("tp_device 16 characters", "tp_device", "0123456789abcdef"),
        ("antiforgery garbage", antiforgeryCookie, "garbage"),
        ("antiforgery 4000 characters", antiforgeryCookie, new string('A', 4000)),
        ("antiforgery invalid base64", antiforgeryCookie, "%%%"),
        ("culture unknown", Culture, "c=zz|uic=zz"),
        ("culture empty parts", Culture, "c=|uic="),
        ("culture long name", Culture, "c=fr-FR|uic=" + new string('x', 300)),
        ("culture garbage", Culture, "%%%"),
        ("culture 4000 characters", Culture, "c=" + new string('a', 4000)),
        ("culture invariant", Culture, "c=iv|uic=iv"),
    ];

    /// <summary>Whole Cookie headers that are malformed as headers.</summary>
    public static IEnumerable<(string Case, string Header)> CookieHeaders() =>
    [
        ("Cookie ;;;", ";;;"),
        ("Cookie =", "="),
        ("Cookie a=b=c", "a=b=c"),
        ("Cookie name without value", "tp_session"),
        ("Cookie tp_session twice", "tp_session=a; tp_session=b"),
        ("Cookie 200 cookies", string.Join("; ", Enumerable.Range(0, 200).Select(i => $"c{i}=v"))),
    ];

    public static IEnumerable<(string Case, string Value)> RouteValues(string valid) =>
    [
        ("route value valid", valid),
        ("route value x", "x"),
        ("route value 1000 characters", new string('9', 1000)),
        ("route value NUL", "%00"),
        ("route value invalid UTF-8", "%FF%FE"),
        ("route value encoded slash", "..%2F..%2Fetc"),
        ("route value right-to-left override", "%E2%80%AE"),
        ("route value huge number", "99999999999999999999"),
        ("route value -1", "-1"),
        ("route value space", "%20"),
    ];

    public static IEnumerable<(string Case, string Query)> Queries() =>
    [
        ("query culture unknown", "?culture=xx"),
        ("query culture invalid UTF-8", "?culture=%FF"),
        ("query culture 300 characters", "?culture=" + new string('c', 300)),
        ("query page huge", "?p=99999999999"),
        ("query page negative", "?p=-1"),
        ("query page text", "?p=abc"),
        ("query dates garbage", "?From=9999-99-99&To=garbage"),
        ("query status NUL", "?Status=%00"),
        ("query returnUrl other site", "?returnUrl=%2F%2Fevil.example"),
        ("query returnUrl 3000 characters", "?returnUrl=%2F" + new string('r', 3000)),
        ("query handler Patient", "?handler=Patient"),
        ("query handler invalid UTF-8", "?handler=%FF"),
        ("query domain invalid UTF-8", "?domain=%FF"),
        ("query lone percent", "?a=%"),
        ("query only separators", "?&&&==&"),
        ("query agreement 300 characters", "?agreement=" + new string('a', 300)),
        ("query same key 500 times", "?" + string.Join('&', Enumerable.Repeat("p=1", 500))),
    ];
}
