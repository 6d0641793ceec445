namespace TiersPayant.Web.Problems;

/// <summary>
/// The stable <c>type</c> of every problem details body (RFC 9457). Clients switch on these
/// values, so they never change once published; add new ones instead.
/// </summary>
public static class ProblemTypes
{
    public const string Prefix = "urn:tierspayant:problem:";

    /// <summary>400: the request cannot be understood (malformed syntax, unreadable body).</summary>
    public const string BadRequest = Prefix + "bad-request";

    /// <summary>400: the request is well formed but a field is invalid; <c>errors</c> names the fields.</summary>
    public const string Validation = Prefix + "validation";

    /// <summary>401: not authenticated.</summary>
    public const string Unauthorized = Prefix + "unauthorized";

    /// <summary>403: not allowed, or the account is contained.</summary>
    public const string Forbidden = Prefix + "forbidden";

    /// <summary>404: no such resource, or one the caller may not know exists.</summary>
    public const string NotFound = Prefix + "not-found";

    /// <summary>405: the resource exists but not with this method.</summary>
    public const string MethodNotAllowed = Prefix + "method-not-allowed";

    /// <summary>413: the request body is longer than this endpoint reads (see the README for each limit).</summary>
    public const string TooLarge = Prefix + "too-large";

    /// <summary>409: conflict with the current state, e.g. an idempotency key reused with another body.</summary>
    public const string Conflict = Prefix + "conflict";

    /// <summary>429: throttled; the response carries <c>Retry-After</c>.</summary>
    public const string Throttled = Prefix + "throttled";

    /// <summary>A presented card and person that match nobody (422); never says which field.</summary>
    public const string NoMatch = Prefix + "no-match";

    /// <summary>503: this surface (portal, profession, practice or account) is closed by a switch.</summary>
    public const string SurfaceClosed = Prefix + "surface-closed";

    /// <summary>503 for any other reason than a switch: the node cannot serve for now.</summary>
    public const string Unavailable = Prefix + "unavailable";

    /// <summary>500: an unexpected failure; the body says nothing more, the trace id links to the logs.</summary>
    public const string Internal = Prefix + "internal";

    /// <summary>The type a problem gets when its producer did not choose one.</summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status409Conflict => Conflict,
        StatusCodes.Status413PayloadTooLarge => TooLarge,
        StatusCodes.Status429TooManyRequests => Throttled,
        StatusCodes.Status503ServiceUnavailable => Unavailable,
        >= 400 and < 500 => BadRequest,
        _ => Internal,
    };
}
