using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TiersPayant.Tests.Web.Fuzz;

/// <summary>Malformed versions of a valid JSON body (REST or FHIR): syntax, depth, numbers, types, encoding, members, size.</summary>
internal static class JsonCases
{
    private static readonly string[] Syntax =
    [
        "{", "}", "[", "{\"card\":", "nul", "tru", "{'a':1}", "{\"a\":1,}", "{\"a\" 1}", "\"\\uZZZZ\"", "NaN", "Infinity", "-", "1e",
        "/* comment */ {}", "{\"a\":\"\u0001\"}", "{} {}", "[]", "\"text\"", "123", "null", " ",
    ];

    // Numbers that overflow every numeric type somewhere, or are not what an integer field wants.
    private static readonly string[] Numbers =
    [
        "1e308", "1e309", "-1e308", "9223372036854775808", "-9223372036854775809", "2147483648", "79228162514264337593543950336",
        "1.5", "-0", "-1", "1e-400", "123456789012345678901234567890e10", "0.0000000000000000000000000000001",
    ];

    public static IEnumerable<(string Case, byte[] Body)> For(byte[] valid, long limit)
    {
        yield return ("valid body", valid);
        yield return ("empty body", []);
        foreach (var text in Syntax)
        {
            yield return ($"invalid JSON {Short(text)}", Encoding.UTF8.GetBytes(text));
        }

        yield return ("truncated to half", valid[..(valid.Length / 2)]);
        yield return ("truncated by one byte", valid[..^1]);
        yield return ("nested arrays 5000 deep", Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)));
        yield return ("nested objects 2000 deep", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 2000)) + "1" + new string('}', 2000)));
        yield return ("nested member 200 deep", Mutate(valid, root => root["zzz"] = Nest(200)));

        foreach (var number in Numbers)
        {
            yield return ($"every number {number}", Leaves(valid, JsonValueKind.Number, number));
            yield return ($"every string {number}", Leaves(valid, JsonValueKind.String, number));
        }

        yield return ("every string a number", Leaves(valid, JsonValueKind.String, "123"));
        yield return ("every number a string", Leaves(valid, JsonValueKind.Number, "\"x\""));
        yield return ("every string an object", Leaves(valid, JsonValueKind.String, "{}"));
        yield return ("every string an array", Leaves(valid, JsonValueKind.String, "[1]"));
        yield return ("every leaf null", Leaves(valid, null, "null"));
        yield return ("every leaf true", Leaves(valid, null, "true"));
        yield return ("every string 2000 characters", Leaves(valid, JsonValueKind.String, "\"" + new string('a', 2000) + "\""));
        yield return ("every string a lone surrogate", Leaves(valid, JsonValueKind.String, "\"\\ud800\""));
        yield return ("every string NUL and controls", Leaves(valid, JsonValueKind.String, "\"\\u0000\\u001f\\u202e\""));
        yield return ("every array an object", Containers(valid, JsonValueKind.Array, "{}"));
        yield return ("every object an array", Containers(valid, JsonValueKind.Object, "[]"));
        yield return ("every array 2000 nulls", Containers(valid, JsonValueKind.Array, "[" + string.Join(',', Enumerable.Repeat("null", 2000)) + "]"));
        yield return ("every array starts with null", Objects(valid, o =>
        {
            foreach (var array in o.Select(p => p.Value).OfType<JsonArray>())
            {
                array.Insert(0, null);
            }
        }));
        yield return ("root in an array", [.. "["u8, .. valid, .. "]"u8]);

        yield return ("invalid UTF-8 in a string", InString(valid, [0xFF, 0xFE]));
        yield return ("overlong UTF-8 in a string", InString(valid, [0xC0, 0xAF]));
        yield return ("lone continuation byte in a string", InString(valid, [0x80]));
        yield return ("cut multi-byte character in a string", InString(valid, [0xE2, 0x82]));
        yield return ("invalid UTF-8 outside strings", [0xFF, .. valid]);
        yield return ("UTF-8 byte order mark", [0xEF, 0xBB, 0xBF, .. valid]);
        yield return ("UTF-16 with byte order mark", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(valid))]);

        yield return ("unknown member at the root", Mutate(valid, root => root["zzz"] = 1));
        yield return ("unknown member in every object", Objects(valid, o => o["zzz"] = "x"));
        yield return ("unknown non-ASCII member", Mutate(valid, root => root["nöm\u202e"] = 1));
        yield return ("members $type and __proto__", Mutate(valid, root => { root["$type"] = "System.Object"; root["__proto__"] = new JsonObject(); }));
        yield return ("member twice, another case", Objects(valid, o =>
        {
            if (o.Count > 0 && o.First().Key is { Length: > 0 } key)
            {
                o[char.ToUpperInvariant(key[0]) + key[1..]] = 1;
            }
        }));
        yield return ("duplicate member", DuplicateFirstMember(valid));
        yield return ("unknown member of 2000 characters of name", Mutate(valid, root => root[new string('n', 2000)] = 1));
        yield return ("unknown member past the body limit", Mutate(valid, root => root["padding"] = new string('a', (int)limit + 1024)));
        yield return ("body past the server default", [.. valid, .. Encoding.UTF8.GetBytes(new string(' ', 70 * 1024))]);
    }

    private static byte[] Mutate(byte[] valid, Action<JsonObject> change)
    {
        var root = JsonNode.Parse(valid)!.AsObject();
        change(root);
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static JsonNode Nest(int depth)
    {
        JsonNode node = 1;
        for (var i = 0; i < depth; i++)
        {
            node = new JsonObject { ["a"] = node };
        }

        return node;
    }

    // Replaces every leaf of a kind (or every leaf) with raw JSON text, written by hand so any text goes.
    private static byte[] Leaves(byte[] valid, JsonValueKind? kind, string raw) =>
        Rewrite(valid, (element, write) => element.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? false
            : (kind is null || element.ValueKind == kind) && write(raw));

    private static byte[] Containers(byte[] valid, JsonValueKind kind, string raw) =>
        Rewrite(valid, (element, write) => element.ValueKind == kind && write(raw));

    private static byte[] Objects(byte[] valid, Action<JsonObject> change)
    {
        var root = JsonNode.Parse(valid)!;
        void Visit(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var child in o.Select(p => p.Value).ToList())
                    {
                        Visit(child);
                    }

                    change(o);
                    break;
                case JsonArray a:
                    foreach (var child in a.ToList())
                    {
                        Visit(child);
                    }

                    break;
            }
        }

        Visit(root);
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static byte[] Rewrite(byte[] valid, Func<JsonElement, Func<string, bool>, bool> replace)
    {
        using var document = JsonDocument.Parse(valid);
        var output = new StringBuilder();
        void Write(JsonElement element, bool isRoot)
        {
            if (!isRoot && replace(element, raw => { output.Append(raw); return true; }))
            {
                return;
            }

            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    output.Append('{');
                    var first = true;
                    foreach (var property in element.EnumerateObject())
                    {
                        output.Append(first ? "" : ",").Append(JsonSerializer.Serialize(property.Name)).Append(':');
                        first = false;
                        Write(property.Value, false);
                    }

                    output.Append('}');
                    break;
                case JsonValueKind.Array:
                    output.Append('[');
                    var firstItem = true;
                    foreach (var item in element.EnumerateArray())
                    {
                        output.Append(firstItem ? "" : ",");
                        firstItem = false;
                        Write(item, false);
                    }

                    output.Append(']');
                    break;
                default:
                    output.Append(element.GetRawText());
                    break;
            }
        }

        Write(document.RootElement, true);
        return Encoding.UTF8.GetBytes(output.ToString());
    }

    // The bytes go just after the first string's opening quote.
    private static byte[] InString(byte[] valid, byte[] bytes)
    {
        var colon = Array.IndexOf(valid, (byte)':');
        var quote = colon < 0 ? -1 : Array.IndexOf(valid, (byte)'"', colon);
        return quote < 0 ? [.. bytes, .. valid] : [.. valid[..(quote + 1)], .. bytes, .. valid[(quote + 1)..]];
    }

    private static byte[] DuplicateFirstMember(byte[] valid)
    {
        using var document = JsonDocument.Parse(valid);
        var first = document.RootElement.EnumerateObject().FirstOrDefault();
        var text = Encoding.UTF8.GetString(valid);
        return first.Value.ValueKind == JsonValueKind.Undefined ? valid
            : Encoding.UTF8.GetBytes("{" + JsonSerializer.Serialize(first.Name) + ":" + first.Value.GetRawText() + "," + text[1..]);
    }

    private static string Short(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
