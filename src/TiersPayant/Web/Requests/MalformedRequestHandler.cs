using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using TiersPayant.Web.Logging;
using TiersPayant.Web.Problems;
using ProblemDetails = Microsoft.AspNetCore.Mvc.ProblemDetails;

namespace TiersPayant.Web.Requests;

/// <summary>
/// A request the framework could not read (a body that is not the endpoint's JSON, too long, cut
/// short) is the client's error: a 4xx problem details naming the field where there is one, one
/// log line without a stack trace, never a 500. Minimal APIs throw these because
/// <c>RouteHandlerOptions.ThrowOnBadRequest</c> is on, so that the JSON path reaches this handler.
/// </summary>
internal sealed class MalformedRequestHandler(IProblemDetailsService problems, IOptions<JsonOptions> json, ILogger<MalformedRequestHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        WebLog.MalformedRequest(logger, httpContext.Request.Method, (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "-", bad.StatusCode,
            Activity.Current?.Id ?? httpContext.TraceIdentifier);
        // The portal's error page answers browsers (with this status, see ProblemDetailsSetup).
        if (RequestKind.IsPortalPage(httpContext.Request))
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        var bodyType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        ProblemDetails problem = bad.InnerException is JsonException error && bodyType is not null
            ? Invalid(JsonFieldError.Describe(error, bodyType, json.Value.SerializerOptions))
            : new ProblemDetails { Status = bad.StatusCode, Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : null };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }

    public static HttpValidationProblemDetails Invalid((string Field, string Message) error) =>
        new(new Dictionary<string, string[]> { [error.Field] = [error.Message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ProblemTypes.Validation,
            Title = "The request has invalid fields.",
        };
}
