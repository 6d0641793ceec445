using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using TiersPayant.Web.Requests;

namespace TiersPayant.Fhir;

/// <summary>Reads and writes FHIR JSON with the Firely SDK, so a malformed body is a 4xx OperationOutcome, never a 500.</summary>
internal static class FhirIo
{
    public const string MediaType = "application/fhir+json";

    private static readonly FhirJsonSerializer Serializer = new();

    // FhirJsonParser is obsolete in Firely 6 (warnings are errors here); FhirJsonDeserializer is its replacement.
    // A missing element FHIR requires and we never read (a lens's product, a coverage's status) is
    // let through, our validators name what we need; but not a value that does not fit its element
    // (a number for a name): SyntaxOnly would keep it aside and throw when the element is read. Nor
    // a null or a nested array, that the model would hold as a null item.
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings().UsingMode(DeserializationMode.NoOverflow).Enforcing(
        [FhirJsonException.EXPECTED_PRIMITIVE_NOT_NULL_CODE, FhirJsonException.PRIMITIVE_ARRAYS_ONLY_NULL_CODE, FhirJsonException.NESTED_ARRAY_CODE]));

    /// <summary>
    /// The request body (within the endpoint's <see cref="BodyLimits"/>) if it is a valid
    /// <typeparamref name="T"/> in UTF-8 JSON, with its raw bytes; or the outcome saying why not.
    /// </summary>
    public static async Task<(T? Resource, byte[] Raw, IResult? Error)> ReadAsync<T>(HttpContext context, CancellationToken cancellation)
        where T : Resource
    {
        // FHIR JSON is UTF-8 and is parsed as such; a body that says otherwise would be misread.
        if (!RequestCharset.IsUtf8OrNone(context.Request.ContentType))
        {
            return (null, [], FhirOutcomes.UnsupportedCharset());
        }

        byte[]? raw;
        try
        {
            raw = await BoundedBody.ReadAsync(context, cancellation);
        }
        catch (BadHttpRequestException unreadable)
        {
            // Cut short or badly chunked: the server's own 400, as an OperationOutcome.
            return (null, [], FhirOutcomes.Unreadable(unreadable.StatusCode));
        }

        if (raw is null)
        {
            return (null, [], FhirOutcomes.TooLarge(BodyLimits.Of(context)));
        }

        if (!Utf8.IsValid(raw))
        {
            return (null, raw, FhirOutcomes.Invalid("$", "not valid UTF-8"));
        }

        var (resource, error) = Parse<T>(raw);
        return (resource, raw, error);
    }

    private static (T? Resource, IResult? Error) Parse<T>(byte[] body)
        where T : Resource
    {
        Resource? resource;
        IEnumerable<CodedException>? issues;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!Deserializer.TryDeserializeResource(ref reader, out resource, out issues))
            {
                // Where and which rule, never the SDK's message: it can quote the value.
                var first = issues?.FirstOrDefault();
                return (null, FhirOutcomes.Invalid((first as ExtendedCodedException)?.InstancePath ?? "$",
                    "not a valid FHIR R4 JSON resource" + (first is null ? "" : " (" + first.ErrorCode + ")")));
            }
        }
        catch (JsonException)
        {
            return (null, FhirOutcomes.Invalid("$", "not valid JSON"));
        }
        catch (InvalidOperationException)
        {
            // Thrown by the SDK, not reported, on a token it did not expect (an array for the
            // resource, a member twice in another case) and by the reader on a lone surrogate.
            return (null, FhirOutcomes.Invalid("$", "not a valid FHIR R4 JSON resource"));
        }
        catch (CodedException invalid)
        {
            return (null, FhirOutcomes.Invalid((invalid as ExtendedCodedException)?.InstancePath ?? "$",
                "not a valid FHIR R4 JSON resource (" + invalid.ErrorCode + ")"));
        }

        if (resource is not T typed)
        {
            return (null, FhirOutcomes.Invalid(typeof(T).Name, $"the body must be a {typeof(T).Name} resource"));
        }

        // The SDK keeps a JSON null in a list of elements as a null item, which no mapping expects.
        return FirstNullItem(typed, typed.TypeName) is { } path
            ? (null, FhirOutcomes.Invalid(path, "must not be null"))
            : (typed, null);
    }

    private static string? FirstNullItem(Base element, string path)
    {
        foreach (var (name, value) in element.EnumerateElements())
        {
            var items = value as IEnumerable<Base?> ?? (value is Base single ? [single] : []);
            var i = 0;
            foreach (var item in items)
            {
                var itemPath = value is Base ? $"{path}.{name}" : string.Create(CultureInfo.InvariantCulture, $"{path}.{name}[{i}]");
                if ((item is null ? itemPath : FirstNullItem(item, itemPath)) is { } found)
                {
                    return found;
                }

                i++;
            }
        }

        return null;
    }

    /// <summary>A FHIR JSON response with <paramref name="status"/>.</summary>
    public static IResult Write(Resource resource, int status = StatusCodes.Status200OK) =>
        TypedResults.Content(Serialize(resource), MediaType, System.Text.Encoding.UTF8, status);

    /// <summary>The resource as FHIR JSON.</summary>
    public static string Serialize(Resource resource) => Serializer.SerializeToString(resource);
}
