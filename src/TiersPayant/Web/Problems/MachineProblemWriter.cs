using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace TiersPayant.Web.Problems;

/// <summary>
/// Writes problem details on machine paths whatever the <c>Accept</c> header says: the contract
/// promises problem details on every API error, and the default writer steps aside (leaving a
/// plain-text or empty body) when a client does not list JSON.
/// </summary>
internal sealed class MachineProblemWriter(IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
{
    public const string ContentType = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => !RequestKind.IsPortalPage(context.HttpContext.Request);

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        var problem = context.ProblemDetails;
        var status = problem.Status ??= response.StatusCode;
        if (string.IsNullOrEmpty(problem.Title))
        {
            var reason = ReasonPhrases.GetReasonPhrase(status);
            problem.Title = reason.Length == 0 ? null : reason;
        }

        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(response.WriteAsJsonAsync(
            problem, problem.GetType(), (JsonSerializerOptions?)null, ContentType, context.HttpContext.RequestAborted));
    }
}
