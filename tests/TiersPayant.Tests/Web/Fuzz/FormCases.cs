using System.Text;

namespace TiersPayant.Tests.Web.Fuzz;

/// <summary>Malformed versions of a portal form post: values, names, indexes, handlers, encoding, counts and size.</summary>
internal static class FormCases
{
    public const string TokenField = "__RequestVerificationToken";

    // Values every field gets at once (the antiforgery token stays valid so the handler runs).
    private static readonly string[] Values =
    [
        "", "99999999999999999999", "-1", "1e308", "92233720368547758,08", "79228162514264337593543950336", "1,5", "NaN",
        "0000-00-00", "9999-99-99", "\u0000", "<script>x</script>", "' OR 1=1 --", "Ünïcödé\u202e", "🙂", new string('a', 5000),
    ];

    // Raw bodies, sent as they are, some of them not even url-encoding.
    private static readonly string[] Raw =
    [
        "&&&===", "=", "a", "%", "%%%", "a=%ZZ", "%FF%FE=%FF%FE", "a=%C0%AF", "a=%E2%82", "Input.Lines%5B0%5D.Code=%FF",
    ];

    // Model binding of collections and nested names.
    private static readonly string[] Names =
    [
        "Input.Lines[2147483648].Code", "Input.Lines[-1].Code", "Input.Lines[99999].Code", "Input.Lines[abc].Code", "Input.Lines[0][0]",
        "Input.Lines.Code", "Input", "Input.Documents[999999999]", "Input.Lines[0].Quantity", "Input.BirthRank", "p", "number",
        "Input..Lines", "[0]", new string('k', 3000),
    ];

    public static IEnumerable<(string Case, string Body)> For(IReadOnlyList<(string Name, string Value)> fields, string? token, long limit)
    {
        var withToken = token is null ? fields : [.. fields.Where(f => f.Name != TokenField), (TokenField, token)];
        yield return ("valid form", Encode(withToken));
        yield return ("empty form", "");
        foreach (var value in Values)
        {
            yield return ($"every field {Short(value)}", Encode([.. withToken.Select(f => f.Name == TokenField ? f : (f.Name, value))]));
        }

        foreach (var name in Names)
        {
            yield return ($"field {Short(name)}", Encode([.. withToken, (name, "2147483648")]));
        }

        foreach (var handler in new[] { "Patient", "Nothing", "%FF", "", new string('h', 500) })
        {
            yield return ($"handler {Short(handler)}", Encode([.. withToken, ("handler", handler)]));
        }

        foreach (var raw in Raw)
        {
            yield return ($"raw body {raw}", token is null ? raw : raw + "&" + Encode([(TokenField, token)]));
        }

        yield return ("no antiforgery token", Encode([.. withToken.Where(f => f.Name != TokenField)]));
        yield return ("garbage antiforgery token", Encode([.. withToken.Where(f => f.Name != TokenField), (TokenField, "garbage")]));
        yield return ("antiforgery token twice", Encode([.. withToken, (TokenField, "garbage")]));
        yield return ("antiforgery token 5000 characters", Encode([.. withToken.Where(f => f.Name != TokenField), (TokenField, new string('A', 5000))]));
        yield return ("1100 fields", Encode([.. withToken, .. Enumerable.Range(0, 1100).Select(i => ($"f{i}", "x"))]));
        yield return ("one field past the body limit", Encode([.. withToken, ("padding", new string('a', (int)limit + 1024))]));
    }

    public static string Encode(IEnumerable<(string Name, string Value)> fields) =>
        string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value)));

    public static byte[] Bytes(string body) => Encoding.UTF8.GetBytes(body);

    private static string Short(string text) => text.Length <= 24 ? text : text[..24] + $"…({text.Length})";
}
