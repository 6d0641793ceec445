namespace TiersPayant.Web.Logging;

/// <summary>Log events of the HTTP surface (event ids 1000–1099).</summary>
internal static partial class WebLog
{
    // The route template, not the path: a path can hold an identifier, its template cannot.
    [LoggerMessage(EventId = 1000, Level = LogLevel.Error,
        Message = "Unhandled exception on {Method} {Route}; trace {TraceId}; client {ClientAddress}")]
    public static partial void UnhandledException(
        ILogger logger, Exception exception, string method, string route, string traceId, [SensitiveData] string clientAddress);

    // The client's error, not ours: no stack trace, and nothing of what was sent.
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Malformed request on {Method} {Route}: {StatusCode}; trace {TraceId}")]
    public static partial void MalformedRequest(ILogger logger, string method, string route, int statusCode, string traceId);
}
