using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace TiersPayant.Fhir;

/// <summary>Reads and writes FHIR JSON with the Firely SDK, so a malformed body is a 400 OperationOutcome, never a 500.</summary>
internal static class FhirIo
{
    public const string MediaType = "application/fhir+json";

    // Bodies are small (a rights check, a quote or an invoice); the cap keeps parsing cheap for anyone.
    public const int MaxBody = 64 * 1024;

    private static readonly FhirJsonSerializer Serializer = new();

    // FhirJsonParser is obsolete in Firely 6 (warnings are errors here); FhirJsonDeserializer is its replacement.
    // Syntax only: malformed JSON or wrong types still fail, but a missing element FHIR requires and
    // we never read (a lens's product, a coverage's status) does not; our validators name what we need.
    private static readonly FhirJsonDeserializer Deserializer = FhirJsonDeserializer.SYNTAXONLY;

    /// <summary>The request body's raw bytes, or null past <see cref="MaxBody"/>.</summary>
    public static async Task<byte[]?> ReadBytesAsync(HttpRequest request, CancellationToken cancellation)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellation)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBody)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The resource in <paramref name="body"/> if it is a valid <typeparamref name="T"/>, or the outcome saying why not.</summary>
    public static (T? Resource, IResult? Error) Parse<T>(byte[]? body)
        where T : Resource
    {
        if (body is null)
        {
            return (null, FhirOutcomes.Invalid("$", "the body must be at most 64 KiB"));
        }

        Resource? resource;
        IEnumerable<Hl7.Fhir.Utility.CodedException>? issues;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!Deserializer.TryDeserializeResource(ref reader, out resource, out issues))
            {
                var first = issues?.FirstOrDefault();
                return (null, FhirOutcomes.Invalid("$", "not a valid FHIR R4 JSON resource" + (first is null ? "" : ": " + first.Message)));
            }
        }
        catch (JsonException)
        {
            return (null, FhirOutcomes.Invalid("$", "not valid JSON"));
        }

        return resource is T typed
            ? (typed, null)
            : (null, FhirOutcomes.Invalid(typeof(T).Name, $"the body must be a {typeof(T).Name} resource"));
    }

    /// <summary>A FHIR JSON response with <paramref name="status"/>.</summary>
    public static IResult Write(Resource resource, int status = StatusCodes.Status200OK) =>
        TypedResults.Content(Serializer.SerializeToString(resource), MediaType, System.Text.Encoding.UTF8, status);
}
