using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace TiersPayant.Web.Requests;

/// <summary>
/// JSON between systems is UTF-8 (RFC 8259 §8.1). The framework resolves any other declared
/// charset through <c>Encoding.GetEncoding</c> and throws on a name it does not know
/// (<c>charset=bogus</c>, <c>utf-7</c>) where no endpoint can catch it, so a JSON endpoint turns
/// down any charset but UTF-8 here, with 415, before its body is read.
/// </summary>
internal static class JsonCharset
{
    public static IApplicationBuilder UseJsonCharsetCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (ReadsJson(context) && MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            && mediaType.Charset is { Length: > 0 } charset && !IsUtf8(HeaderUtilities.RemoveQuotes(charset).Value))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status415UnsupportedMediaType, Detail = "JSON bodies are UTF-8: send charset=utf-8, or no charset." },
            });
            return;
        }

        await next(context);
    });

    private static bool ReadsJson(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes
            .Any(type => type.Equals("application/json", StringComparison.OrdinalIgnoreCase)) == true;

    private static bool IsUtf8(string? charset) =>
        string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase) || string.Equals(charset, "utf8", StringComparison.OrdinalIgnoreCase);
}
