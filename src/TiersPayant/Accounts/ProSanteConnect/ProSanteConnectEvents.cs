using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using TiersPayant.Data;
using TiersPayant.Accounts.Pages.Connexion;
using TiersPayant.Security.Accounts;

namespace TiersPayant.Accounts.ProSanteConnect;

/// <summary>
/// The platform's side of each step of the OpenID Connect handler: the client's signed assertion
/// at the provider's endpoints, the level and age of the authentication, the professional's
/// account, the portal session. The handler never signs anything in itself: a login ends either
/// in a portal session or on the refusal page, and no external cookie or token is kept.
/// </summary>
internal sealed class ProSanteConnectEvents(
    IOptions<ProSanteConnectOptions> settings, ClientAssertionSigner assertions, FederationMetrics metrics,
    TiersPayantDbContext db, PortalLogin login, TimeProvider time, ILogger<ProSanteConnectEvents> logger) : OpenIdConnectEvents
{
    public const string Method = "pro-sante-connect";

    private ProSanteConnectOptions Settings => settings.Value;

    public override async Task PushAuthorization(PushedAuthorizationContext context)
    {
        if (Settings.UsesPrivateKeyJwt)
        {
            await AddClientAssertionAsync(context.Options, context.ProtocolMessage, context.HttpContext.RequestAborted);
            context.HandleClientAuthentication();
        }
    }

    public override async Task AuthorizationCodeReceived(AuthorizationCodeReceivedContext context)
    {
        if (Settings.UsesPrivateKeyJwt && context.TokenEndpointRequest is { } request)
        {
            await AddClientAssertionAsync(context.Options, request, context.HttpContext.RequestAborted);
        }
    }

    /// <summary>
    /// Checked on the validated ID token, before the code's tokens are used for anything else:
    /// a weak or stale authentication goes no further.
    /// </summary>
    public override Task TokenValidated(TokenValidatedContext context)
    {
        var principal = context.Principal;
        var refusal = FederationPolicy.CheckAuthentication(
            principal?.FindFirst(JwtRegisteredClaimNames.Acr)?.Value,
            principal?.FindFirst(JwtRegisteredClaimNames.AuthTime)?.Value,
            time.GetUtcNow(),
            Settings);
        if (refusal is { } reason)
        {
            Refuse(context, reason);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The professional is mapped by RPPS number to an existing professional account (federation
    /// never creates one), and gets a portal session without a further factor: Pro Santé Connect
    /// authenticated them with a CPS card or the e-CPS app, which is a strong authentication.
    /// </summary>
    public override async Task TicketReceived(TicketReceivedContext context)
    {
        var rpps = FederationPolicy.Rpps(context.Principal?.FindFirst(Settings.IdentifierClaim)?.Value);
        if (rpps is null)
        {
            Refuse(context, FederationRefusal.IdentifierMissing);
            return;
        }

        var cancellation = context.HttpContext.RequestAborted;
        var account = await db.Users.SingleOrDefaultAsync(u => u.Rpps == rpps && u.Kind == AccountKinds.Professional, cancellation);
        if (account is null)
        {
            Refuse(context, FederationRefusal.UnknownProfessional);
            return;
        }

        // The password's failure count is left alone: it slows password guessing, which a
        // login through the federation says nothing about.
        await login.OpenSessionAsync(context.HttpContext, account, Method, cancellation);
        FederationLog.Accepted(logger);
        context.HandleResponse();
        // "/" is the sign-in button's own default: the professional goes to the day's work.
        context.Response.Redirect(IndexModel.LocalOrNull(context.ReturnUri) is { } back and not "/" ? back : await login.LandingAsync(account, cancellation));
    }

    public override Task AccessDenied(AccessDeniedContext context)
    {
        ForgetFlowCookies(context.HttpContext, context.Options);
        Refuse(context, FederationRefusal.ProviderDenied);
        return Task.CompletedTask;
    }

    public override Task RemoteFailure(RemoteFailureContext context)
    {
        ForgetFlowCookies(context.HttpContext, context.Options);
        Refuse(context, context.Failure is OpenIdConnectProtocolException ? FederationRefusal.ProviderError : FederationRefusal.InvalidResponse);
        return Task.CompletedTask;
    }

    private async Task AddClientAssertionAsync(OpenIdConnectOptions options, OpenIdConnectMessage message, CancellationToken cancellation)
    {
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellation);
        message.ClientAssertionType = ClientAssertionSigner.AssertionType;
        message.ClientAssertion = assertions.Create(configuration.Issuer);
    }

    private void Refuse<TOptions>(HandleRequestContext<TOptions> context, FederationRefusal reason)
        where TOptions : AuthenticationSchemeOptions
    {
        metrics.Refused(reason);
        FederationLog.Refused(logger, FederationMetrics.Tag(reason));
        context.HandleResponse();
        context.Response.Redirect(RefusalPath(reason));
    }

    public static string RefusalPath(FederationRefusal reason) =>
        ProSanteConnectSetup.RefusalPath + "?motif=" + FederationMetrics.Motif(reason);

    /// <summary>
    /// The correlation and nonce cookies belong to one login; when it fails before the handler
    /// has consumed them, they are removed at once rather than left until they expire.
    /// </summary>
    private static void ForgetFlowCookies(HttpContext context, RemoteAuthenticationOptions options)
    {
        var nonce = (options as OpenIdConnectOptions)?.NonceCookie.Name;
        foreach (var name in context.Request.Cookies.Keys)
        {
            if (name.StartsWith(options.CorrelationCookie.Name!, StringComparison.Ordinal)
                || (nonce is not null && name.StartsWith(nonce, StringComparison.Ordinal)))
            {
                context.Response.Cookies.Delete(name, new CookieOptions { Path = options.CallbackPath, Secure = context.Request.IsHttps });
            }
        }
    }
}
