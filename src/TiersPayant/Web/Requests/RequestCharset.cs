using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace TiersPayant.Web.Requests;

/// <summary>
/// Request bodies are UTF-8: JSON between systems must be (RFC 8259 §8.1), the portal's forms
/// are, and the framework resolves any other declared charset through <c>Encoding.GetEncoding</c>,
/// which throws where no endpoint can catch it (<c>charset=bogus</c> or <c>charset=""</c> on
/// JSON, <c>utf-7</c> on a form: 500s). A body that declares another charset, or declares one in a
/// form the framework does not read (quoted, empty), is refused with 415 before it is read.
/// FHIR answers the same itself, as an OperationOutcome.
/// </summary>
internal static class RequestCharset
{
    private static readonly PathString Fhir = "/fhir";

    public static IApplicationBuilder UseUtf8Bodies(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // A request without a body (a GET with a stray Content-Type) has nothing to misread.
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == false
            || context.Request.Path.StartsWithSegments(Fhir, StringComparison.OrdinalIgnoreCase) || IsUtf8OrNone(context.Request.ContentType))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        // A browser gets the portal's error page from the status code pages; software, a problem saying what to send.
        if (!RequestKind.IsPortalPage(context.Request))
        {
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status415UnsupportedMediaType, Detail = "Request bodies are UTF-8: send charset=utf-8, or no charset." },
            });
        }
    });

    /// <summary>True when <paramref name="contentType"/> declares no charset, or only <c>utf-8</c> as the framework reads it.</summary>
    public static bool IsUtf8OrNone(string? contentType) =>
        !MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        || mediaType.Parameters.Where(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase))
            .All(p => p.Value.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || p.Value.Equals("utf8", StringComparison.OrdinalIgnoreCase));
}
