using System.Globalization;
using Hl7.Fhir.Model;
using TiersPayant.Security.Guard;

namespace TiersPayant.Fhir;

/// <summary>
/// Errors as OperationOutcome, with the status codes the REST API gives for the same case
/// (400 invalid, 403 forbidden or suspended, 409 conflict, 413 too large, 415 not UTF-8, 422 no match, 429 throttled).
/// </summary>
internal static class FhirOutcomes
{
    /// <summary>Our codes for why a request failed, in <c>issue.details</c>.</summary>
    public const string ErrorSystem = "urn:tierspayant:fhir:error";

    /// <summary>One invalid element.</summary>
    public static IResult Invalid(string expression, string message) =>
        Invalid(new Dictionary<string, string[]> { [expression] = [message] }, e => e);

    /// <summary>The validator's named errors, each field turned into the FHIR path it came from.</summary>
    public static IResult Invalid(IReadOnlyDictionary<string, string[]> errors, Func<string, string> path)
    {
        var outcome = new OperationOutcome();
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                outcome.Issue.Add(new OperationOutcome.IssueComponent
                {
                    Severity = OperationOutcome.IssueSeverity.Error,
                    Code = OperationOutcome.IssueType.Invalid,
                    Diagnostics = message,
                    Expression = [path(field)],
                });
            }
        }

        return FhirIo.Write(outcome, StatusCodes.Status400BadRequest);
    }

    /// <summary>The guard's refusal: 429 with <c>Retry-After</c>, 403, or 503 for an insurer's data closed by a switch.</summary>
    public static IResult Refused(HttpContext context, GuardDecision decision)
    {
        if (decision.Outcome == GuardOutcome.Closed)
        {
            return Single(StatusCodes.Status503ServiceUnavailable, OperationOutcome.IssueType.Transient, decision.Reason,
                "This insurer's members' data is closed on this service for now; try again later.");
        }

        if (decision.Outcome == GuardOutcome.Throttle)
        {
            Web.Problems.RetryAfter.Set(context.Response, decision.RetryAfter!.Value);
            return Single(StatusCodes.Status429TooManyRequests, OperationOutcome.IssueType.Throttled, decision.Reason,
                "This account has reached its limit of distinct patients for now; try again later.");
        }

        return Single(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden, decision.Reason,
            "Access to patients' data is suspended for this account.");
    }

    public static IResult NoActor() => Single(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden, "no-actor",
        "Only a practice's software can reach patients' data.");

    public static IResult MissingScope(string scope) => Single(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden, "insufficient-scope",
        $"This operation needs a token with the '{scope}' scope.");

    /// <summary>404: no such resource of this practice.</summary>
    public static IResult NotFound(string resource, string message) => Single(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, "not-found",
        resource + ": " + message);

    /// <summary>One answer for every mismatch: never which field was wrong.</summary>
    public static IResult NoMatch() => Single(StatusCodes.Status422UnprocessableEntity, OperationOutcome.IssueType.NotFound, "no-match",
        "The card and the person presented match no beneficiary.");

    /// <summary>413: the body is longer than this operation reads.</summary>
    public static IResult TooLarge(long limit) => Single(StatusCodes.Status413PayloadTooLarge, OperationOutcome.IssueType.TooLong, "too-large",
        string.Create(CultureInfo.InvariantCulture, $"The body must be at most {limit / 1024} KiB."));

    /// <summary>A body the server could not read (cut short, badly chunked), with the server's status.</summary>
    public static IResult Unreadable(int status) => Single(status, OperationOutcome.IssueType.Structure, "unreadable-body",
        "The request body could not be read.");

    /// <summary>415: a charset other than UTF-8.</summary>
    public static IResult UnsupportedCharset() => Single(StatusCodes.Status415UnsupportedMediaType, OperationOutcome.IssueType.NotSupported, "charset",
        "FHIR JSON is UTF-8: send charset=utf-8, or no charset.");

    public static IResult Conflict(string reason, string message) =>
        Single(StatusCodes.Status409Conflict, OperationOutcome.IssueType.Conflict, reason, message);

    private static IResult Single(int status, OperationOutcome.IssueType type, string? code, string message) => FhirIo.Write(new OperationOutcome
    {
        Issue =
        [
            new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Error,
                Code = type,
                Details = code is null ? null : new CodeableConcept(ErrorSystem, code),
                Diagnostics = message,
            },
        ],
    }, status);
}
