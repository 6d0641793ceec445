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
        // A form the framework could not read (too many fields, a key too long, a broken multipart)
        // throws InvalidDataException: the token endpoint's server does not catch it.
        var status = exception switch
        {
            BadHttpRequestException bad => bad.StatusCode,
            InvalidDataException when httpContext.Request.HasFormContentType => StatusCodes.Status400BadRequest,
            _ => 0,
        };
        if (status == 0)
        {
            return false;
        }

        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        WebLog.MalformedRequest(logger, httpContext.Request.Method, (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "-", status,
            Activity.Current?.Id ?? httpContext.TraceIdentifier);
        // The portal's error page answers browsers (with this status, see ProblemDetailsSetup).
        if (RequestKind.IsPortalPage(httpContext.Request))
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        // The client is gone (it stopped sending mid-body): there is no one to answer.
        if (httpContext.RequestAborted.IsCancellationRequested)
        {
            return true;
        }

        var bodyType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        ProblemDetails problem = exception.InnerException is JsonException error && bodyType is not null
            ? Invalid(JsonFieldError.Describe(error, bodyType, json.Value.SerializerOptions))
            : new ProblemDetails { Status = status, Title = status == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : null };
        try
        {
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // Gone while the answer was being written.
            return true;
        }
    }

    private static HttpValidationProblemDetails Invalid((string Field, string Message) error) =>
        new(new Dictionary<string, string[]> { [error.Field] = [error.Message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ProblemTypes.Validation,
            Title = "The request has invalid fields.",
        };
}
