using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TiersPayant.Web.Requests;

/// <summary>
/// Names the field a JSON body failed on, as the validation problems do (<c>lines[0].unitPriceCents</c>),
/// with what was expected there. The serializer's message is never passed on: it is ours to word,
/// and the value that failed is never repeated.
/// </summary>
internal static class JsonFieldError
{
    public const string WholeBody = "body";

    /// <summary>The field and message for <paramref name="error"/>, thrown reading a <paramref name="bodyType"/>.</summary>
    public static (string Field, string Message) Describe(JsonException error, Type bodyType, JsonSerializerOptions options)
    {
        var field = error.Path is { Length: > 1 } path ? path.TrimStart('$').TrimStart('.') : WholeBody;
        // The reader's own errors (truncated, stray characters, nesting too deep) come wrapped
        // in a JsonException of its own; conversion errors do not.
        if (error.InnerException is JsonException)
        {
            return (field, "not valid JSON");
        }

        var expected = field == WholeBody ? options.GetTypeInfo(bodyType) : Resolve(options.GetTypeInfo(bodyType), Segments(field), options);
        return (field, expected is null ? "unknown member" : Expectation(expected.Type));
    }

    // Walks the path through the body's contract; null when a member name matches nothing there.
    private static JsonTypeInfo? Resolve(JsonTypeInfo type, List<string> segments, JsonSerializerOptions options)
    {
        var current = type;
        foreach (var segment in segments)
        {
            Type? next;
            if (segment.Length > 0 && char.IsAsciiDigit(segment[0]) && current.Kind == JsonTypeInfoKind.Enumerable)
            {
                next = current.ElementType;
            }
            else
            {
                var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
                next = current.Kind == JsonTypeInfoKind.Object
                    ? current.Properties.FirstOrDefault(p => string.Equals(p.Name, segment, comparison))?.PropertyType
                    : null;
            }

            if (next is null)
            {
                return null;
            }

            current = options.GetTypeInfo(next);
        }

        return current;
    }

    // "a.b[2]['c.d']" → a, b, 2, c.d
    private static List<string> Segments(string path)
    {
        var segments = new List<string>();
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                i++;
            }
            else if (path.AsSpan(i).StartsWith("['"))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 2)..end]);
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 1)..end]);
                i = end + 1;
            }
            else
            {
                var end = path.IndexOfAny(['.', '['], i);
                end = end < 0 ? path.Length : end;
                segments.Add(path[i..end]);
                i = end;
            }
        }

        return segments;
    }

    private static string Expectation(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte) =>
            $"must be a whole number that fits in {System.Runtime.InteropServices.Marshal.SizeOf(t) * 8} bits",
        var t when t == typeof(decimal) || t == typeof(double) || t == typeof(float) => "must be a number in range",
        var t when t == typeof(string) => "must be a string",
        var t when t == typeof(bool) => "must be true or false",
        var t when t != typeof(string) && t.IsAssignableTo(typeof(System.Collections.IEnumerable)) => "must be an array",
        _ => "must be an object",
    };
}
