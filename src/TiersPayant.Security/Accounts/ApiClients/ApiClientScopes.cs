namespace TiersPayant.Security.Accounts.ApiClients;

/// <summary>
/// What a practice's software may ask a token for. A client is granted all three when it is
/// registered; a token carries only those it asked for (all when it asked for none).
/// </summary>
public static class ApiClientScopes
{
    /// <summary>Rights checks (<c>POST /api/v1/eligibility</c>).</summary>
    public const string Eligibility = "eligibility";

    /// <summary>Prior agreements (<c>/api/v1/agreements</c>).</summary>
    public const string Agreements = "agreements";

    /// <summary>Invoices (<c>/api/v1/claims</c>).</summary>
    public const string Claims = "claims";

    /// <summary>
    /// The disclosure log's checkpoints, tiles and proofs (<c>/audit/…</c>): the scope of an
    /// auditor's client (an insurer, a supervisory authority, a witness), never of a practice's.
    /// </summary>
    public const string Audit = "audit";

    /// <summary>Every scope of a practice's software, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Eligibility, Agreements, Claims];
}

/// <summary>Names shared by the token issuer and the API that reads its tokens.</summary>
public static class ApiClientClaims
{
    /// <summary>The claim holding the practice a token acts for (a practice identifier, 32 hex digits).</summary>
    public const string PracticeId = "practice_id";

    /// <summary>The claim naming an auditor's client (tokens of auditors carry no practice).</summary>
    public const string Auditor = "auditor";

    /// <summary>The audience of every access token: only this platform's API accepts them.</summary>
    public const string Audience = "tierspayant-api";
}
