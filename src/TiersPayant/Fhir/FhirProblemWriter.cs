using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using TiersPayant.Web.Problems;

namespace TiersPayant.Fhir;

/// <summary>
/// Under <c>/fhir/r4</c>, every error the pipeline answers before or around an endpoint (the
/// bearer challenge's 401, a policy's 403, an unknown path's 404, 405, 415, a closed surface's
/// 503, an exception's 500) is an OperationOutcome, not problem details: a FHIR client reads one
/// resource type for errors. Headers set before (<c>WWW-Authenticate</c>, <c>Retry-After</c>,
/// <c>Allow</c>) stay; the platform's problem type becomes the issue's <c>details</c> code.
/// </summary>
internal sealed class FhirProblemWriter(IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) =>
        context.HttpContext.Request.Path.StartsWithSegments(FhirSetup.Base, StringComparison.OrdinalIgnoreCase);

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        var problem = context.ProblemDetails;
        problem.Status ??= response.StatusCode;
        // The platform's customization: a stable type, no detail built from an exception.
        options.Value.CustomizeProblemDetails?.Invoke(context);
        var status = problem.Status.Value;
        var message = problem.Detail ?? problem.Title ?? ReasonPhrases.GetReasonPhrase(status);
        if (status >= StatusCodes.Status500InternalServerError && problem.Extensions.TryGetValue(ProblemDetailsSetup.TraceIdKey, out var trace))
        {
            message += " Trace id: " + trace + ".";
        }

        var outcome = new OperationOutcome
        {
            Issue =
            [
                new OperationOutcome.IssueComponent
                {
                    Severity = status >= StatusCodes.Status500InternalServerError ? OperationOutcome.IssueSeverity.Fatal : OperationOutcome.IssueSeverity.Error,
                    Code = IssueType(status),
                    Details = problem.Type is { } type && type.StartsWith(ProblemTypes.Prefix, StringComparison.Ordinal)
                        ? new CodeableConcept(FhirOutcomes.ErrorSystem, type[ProblemTypes.Prefix.Length..])
                        : null,
                    Diagnostics = message,
                },
            ],
        };
        response.ContentType = FhirIo.MediaType + "; charset=utf-8";
        await response.WriteAsync(FhirIo.Serialize(outcome), context.HttpContext.RequestAborted);
    }

    private static OperationOutcome.IssueType IssueType(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => OperationOutcome.IssueType.Login,
        StatusCodes.Status403Forbidden => OperationOutcome.IssueType.Forbidden,
        StatusCodes.Status404NotFound => OperationOutcome.IssueType.NotFound,
        StatusCodes.Status405MethodNotAllowed or StatusCodes.Status415UnsupportedMediaType => OperationOutcome.IssueType.NotSupported,
        StatusCodes.Status409Conflict => OperationOutcome.IssueType.Conflict,
        StatusCodes.Status413PayloadTooLarge => OperationOutcome.IssueType.TooLong,
        StatusCodes.Status429TooManyRequests => OperationOutcome.IssueType.Throttled,
        StatusCodes.Status503ServiceUnavailable => OperationOutcome.IssueType.Transient,
        >= 400 and < 500 => OperationOutcome.IssueType.Invalid,
        _ => OperationOutcome.IssueType.Exception,
    };
}
