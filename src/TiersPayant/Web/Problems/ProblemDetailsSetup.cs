using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TiersPayant.Portal;
using TiersPayant.Web.Requests;

namespace TiersPayant.Web.Problems;

/// <summary>RFC 9457 problem details with a stable type and a trace id on every error.</summary>
internal static class ProblemDetailsSetup
{
    public const string TraceIdKey = "traceId";

    public static IServiceCollection AddTiersPayantProblemDetails(this IServiceCollection services)
    {
        // Registered before AddProblemDetails so that they are asked first, FHIR's before the
        // other machine paths': under /fhir/r4 an error is an OperationOutcome.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemDetailsWriter, Fhir.FhirProblemWriter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemDetailsWriter, MachineProblemWriter>());
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Customize);
        // Asked in this order: a request the framework could not read is answered before the
        // logger would report it as our failure.
        services.AddExceptionHandler<MalformedRequestHandler>();
        services.AddExceptionHandler<UnhandledExceptionLogger>();
        return services;
    }

    /// <summary>
    /// Machine paths get problem details, browsers asking for a portal page get the French error
    /// page. Either way the client never sees an exception message: it can carry personal data.
    /// </summary>
    public static IApplicationBuilder UseTiersPayantErrors(this IApplicationBuilder app)
    {
        app.UseWhen(context => !RequestKind.IsPortalPage(context.Request), machine =>
        {
            machine.UseExceptionHandler(new ExceptionHandlerOptions { SuppressDiagnosticsCallback = LoggedByUs, StatusCodeSelector = StatusOf });
            machine.UseStatusCodePages();
        });
        app.UseWhen(context => RequestKind.IsPortalPage(context.Request), portal =>
        {
            portal.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = ErreurModel.Path,
                SuppressDiagnosticsCallback = LoggedByUs,
                StatusCodeSelector = StatusOf,
            });
            portal.UseStatusCodePagesWithReExecute(ErreurModel.Path + "/{0}");
        });
        return app;
    }

    // A request the server or the framework could not read carries its own 4xx status.
    private static int StatusOf(Exception exception) =>
        exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;

    // UnhandledExceptionLogger already wrote the event, with the route and a redacted client.
    private static bool LoggedByUs(ExceptionHandlerSuppressDiagnosticsContext context) => true;

    private static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ??= context.HttpContext.Response.StatusCode;
        // Keep a type its producer chose; replace the framework's RFC links, which are not ours to keep stable.
        if (problem.Type is null || !problem.Type.StartsWith(ProblemTypes.Prefix, StringComparison.Ordinal))
        {
            problem.Type = problem is HttpValidationProblemDetails ? ProblemTypes.Validation : ProblemTypes.ForStatus(status);
        }

        // An exception message, or a detail built from one, can carry personal data: the client
        // gets the trace id, the logs get the rest.
        if (context.Exception is not null || problem.Type == ProblemTypes.Internal)
        {
            problem.Detail = null;
            problem.Extensions.Remove("exception");
        }

        problem.Extensions[TraceIdKey] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
    }
}
