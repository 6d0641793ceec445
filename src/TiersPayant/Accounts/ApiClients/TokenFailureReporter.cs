using System.Diagnostics;
using Microsoft.AspNetCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Net.Http.Headers;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using TiersPayant.Security.Accounts.ApiClients;
using TiersPayant.Web.Problems;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace TiersPayant.Accounts.ApiClients;

/// <summary>
/// Every refused token request: counted by reason, logged without any client data, and answered
/// without saying which check failed. All client-authentication failures become the same
/// <c>invalid_client</c> (401) with one message, so that a caller cannot tell an unknown client from
/// a wrong key, an expired or replayed assertion, or a refused secret. The OAuth error body is also
/// an RFC 9457 problem document (<c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c>, and
/// <c>traceId</c>), as every error of the platform is. RFC 6749 (5.2) says the error response is
/// <c>application/json</c>, which OAuth clients check: that stays the media type, unless the client
/// lists <c>application/problem+json</c> in <c>Accept</c>, which then gets it.
/// </summary>
internal sealed partial class TokenFailureReporter(TokenFailureMetrics metrics, IOpenIddictApplicationManager applications, ILogger<TokenFailureReporter> logger)
    : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public const string ClientAuthenticationFailed =
        "Client authentication failed. Check the client id and the credential: a client assertion (typ client-authentication+jwt, "
        + "iss and sub the client id, aud the issuer, exp at most 5 minutes ahead, a jti never used before, signed with a registered key) "
        + "or the registered TLS client certificate.";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseScopedHandler<TokenFailureReporter>()
            // Before the ASP.NET Core host chooses the status code (100 000) and writes the body.
            .SetOrder(50_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        var response = context.Response;
        if (string.IsNullOrEmpty(response.Error))
        {
            return;
        }

        var reason = context.Transaction.Properties.TryGetValue(ClientAuthenticationGuards.ReasonProperty, out var known) && known is TokenFailureReason guarded
            ? guarded
            : await ClassifyAsync(response.Error, response.ErrorUri, context.Request, context.CancellationToken);
        metrics.Record(reason);
        LogRefused(logger, TokenFailureReasons.Tag(reason));

        var clientAuthentication = IsClientAuthentication(reason);
        if (clientAuthentication)
        {
            response.Error = Errors.InvalidClient;
            response.ErrorDescription = ClientAuthenticationFailed;
        }

        // OpenIddict's error URI names the exact check that failed: that is for our logs only.
        response.ErrorUri = null;
        var status = response.Error switch
        {
            Errors.InvalidClient => StatusCodes.Status401Unauthorized,
            Errors.ServerError => StatusCodes.Status500InternalServerError,
            _ => StatusCodes.Status400BadRequest,
        };
        response["type"] = status == StatusCodes.Status401Unauthorized ? ProblemTypes.Unauthorized : ProblemTypes.ForStatus(status);
        response["title"] = clientAuthentication ? "Client authentication failed" : "Token request refused";
        response["status"] = status;
        response["detail"] = response.ErrorDescription;
        response["traceId"] = Activity.Current?.Id ?? context.Transaction.GetHttpRequest()?.HttpContext.TraceIdentifier;
        if (context.Transaction.GetHttpRequest()?.HttpContext is { } http && AsksForProblemJson(http.Request))
        {
            // OpenIddict sets application/json when it writes; this runs after, before the headers leave.
            http.Response.OnStarting(() =>
            {
                http.Response.ContentType = MachineProblemWriter.ContentType + "; charset=utf-8";
                return Task.CompletedTask;
            });
        }
    }

    private static bool AsksForProblemJson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(a => a.MediaType.Equals(MachineProblemWriter.ContentType, StringComparison.OrdinalIgnoreCase));

    private static bool IsClientAuthentication(TokenFailureReason reason) => reason switch
    {
        TokenFailureReason.UnknownClient or TokenFailureReason.InvalidSignature or TokenFailureReason.ExpiredAssertion
            or TokenFailureReason.ReplayedAssertion or TokenFailureReason.MalformedAssertion or TokenFailureReason.WrongAudience
            or TokenFailureReason.SecretNotAllowed or TokenFailureReason.InvalidSecret or TokenFailureReason.InvalidCertificate
            or TokenFailureReason.MissingCredentials => true,
        TokenFailureReason.ScopeNotGranted or TokenFailureReason.UnsupportedGrantType or TokenFailureReason.InvalidRequest => false,
    };

    // OpenIddict names each check by an identifier at the end of its error URI (…/errors/ID2091).
    private async Task<TokenFailureReason> ClassifyAsync(string error, string? errorUri, OpenIddictRequest? request, CancellationToken cancellation)
    {
        var id = errorUri is null ? string.Empty : errorUri[(errorUri.LastIndexOf('/') + 1)..];
        return (error, id) switch
        {
            (Errors.InvalidScope, _) or (_, "ID2051" or "ID2065" or "ID2035") => TokenFailureReason.ScopeNotGranted,
            (Errors.UnsupportedGrantType or Errors.UnauthorizedClient, _) => TokenFailureReason.UnsupportedGrantType,
            (_, "ID2052" or "ID2036") when error == Errors.InvalidClient => TokenFailureReason.UnknownClient,
            (_, "ID2090") => await KnowsAssertionIssuerAsync(request, cancellation) ? TokenFailureReason.InvalidSignature : TokenFailureReason.UnknownClient,
            (_, "ID2091" or "ID2004") => TokenFailureReason.InvalidSignature,
            (_, "ID2019") => TokenFailureReason.ExpiredAssertion,
            (_, "ID2093" or "ID2094") => TokenFailureReason.WrongAudience,
            (_, "ID2088" or "ID2089" or "ID2171" or "ID2172" or "ID2173" or "ID2032" or "ID2037" or "ID2087") => TokenFailureReason.MalformedAssertion,
            (_, "ID2055") => TokenFailureReason.InvalidSecret,
            (_, "ID2197" or "ID2205") => TokenFailureReason.InvalidCertificate,
            (_, "ID2057" or "ID2198") or (Errors.InvalidClient, "ID2029" or "ID2174") => TokenFailureReason.MissingCredentials,
            (Errors.InvalidClient or Errors.InvalidGrant or Errors.InvalidToken, _) => TokenFailureReason.InvalidSignature,
            _ => TokenFailureReason.InvalidRequest,
        };
    }

    // An assertion signed with a key the platform does not know: from an unknown client, or from
    // a known client with the wrong key. The assertion is read, not trusted, to tell which.
    private async Task<bool> KnowsAssertionIssuerAsync(OpenIddictRequest? request, CancellationToken cancellation)
    {
        string? issuer;
        try
        {
            issuer = request?.ClientAssertion is { } assertion ? new JsonWebToken(assertion).Issuer : request?.ClientId;
        }
        catch (ArgumentException)
        {
            issuer = request?.ClientId;
        }

        return !string.IsNullOrEmpty(issuer) && issuer.Length <= 100 && await applications.FindByClientIdAsync(issuer, cancellation) is not null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Token request refused: {Reason}.")]
    private static partial void LogRefused(ILogger logger, string reason);
}
