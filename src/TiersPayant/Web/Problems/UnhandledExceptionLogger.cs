using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using TiersPayant.Web.Logging;

namespace TiersPayant.Web.Problems;

/// <summary>
/// Logs an unhandled exception once, with what support needs to find it again (route template,
/// trace id) and without the raw path or the client address in clear. It handles nothing: the
/// response is written by problem details or the error page.
/// </summary>
internal sealed class UnhandledExceptionLogger(ILogger<UnhandledExceptionLogger> logger) : IExceptionHandler
{
    private const string Unknown = "-";

    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // A request that could not be read is the client's error, already logged by MalformedRequestHandler.
        if (exception is BadHttpRequestException || (exception is InvalidDataException && httpContext.Request.HasFormContentType))
        {
            return ValueTask.FromResult(false);
        }

        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? Unknown;
        WebLog.UnhandledException(
            logger,
            exception,
            httpContext.Request.Method,
            route,
            Activity.Current?.Id ?? httpContext.TraceIdentifier,
            httpContext.Connection.RemoteIpAddress?.ToString() ?? Unknown);
        return ValueTask.FromResult(false);
    }
}
