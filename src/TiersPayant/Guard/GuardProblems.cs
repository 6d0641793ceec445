using Microsoft.AspNetCore.Http.HttpResults;
using TiersPayant.Security.Guard;
using TiersPayant.Web.Problems;

namespace TiersPayant.Guard;

/// <summary>The guard's refusals as problem details (429 with <c>Retry-After</c>, 403, or 503 for an insurer's data closed by a switch).</summary>
internal static class GuardProblems
{
    public static ProblemHttpResult Refused(HttpContext context, GuardDecision decision)
    {
        if (decision.Outcome == GuardOutcome.Closed)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable, type: ProblemTypes.SurfaceClosed, title: "Closed",
                detail: "This insurer's members' data is closed on this service for now; try again later.",
                extensions: new Dictionary<string, object?> { ["reason"] = decision.Reason });
        }

        if (decision.Outcome == GuardOutcome.Throttle)
        {
            Web.Problems.RetryAfter.Set(context.Response, decision.RetryAfter!.Value);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status429TooManyRequests, type: ProblemTypes.Throttled, title: "Too many patients reached",
                detail: "This account has reached its limit of distinct patients for now; try again later.",
                extensions: new Dictionary<string, object?> { ["reason"] = decision.Reason });
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden, type: ProblemTypes.Forbidden, title: "Forbidden",
            detail: "Access to patients' data is suspended for this account.",
            extensions: new Dictionary<string, object?> { ["reason"] = decision.Reason });
    }

    /// <summary>The card and person presented match nobody: one answer for every mismatch.</summary>
    public static ProblemHttpResult NoMatch() => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity, type: ProblemTypes.NoMatch, title: "No match",
        detail: "The card and the person presented match no beneficiary.");

    public static ProblemHttpResult NoActor() => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, type: ProblemTypes.Forbidden, title: "Forbidden",
        detail: "Only a practice's professional or software can check a patient's rights.");
}
