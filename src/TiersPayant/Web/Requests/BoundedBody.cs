namespace TiersPayant.Web.Requests;

/// <summary>
/// Reads a request body as bytes for the endpoints that keep them (an idempotent invoice is bound
/// to its exact bytes; FHIR is parsed by the Firely SDK), never more than the endpoint's limit.
/// </summary>
internal static class BoundedBody
{
    /// <summary>The body's bytes, or null when it is longer than <see cref="BodyLimits.Of"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpContext context, CancellationToken cancellation)
    {
        var limit = BodyLimits.Of(context);
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, cancellation)) > 0)
            {
                buffer.Write(chunk, 0, read);
                // The server stops at the same limit; this holds where it has none (the test host).
                if (buffer.Length > limit)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }
}
