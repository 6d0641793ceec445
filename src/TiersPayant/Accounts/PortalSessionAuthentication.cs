using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TiersPayant.Data;
using TiersPayant.Security.Accounts;

namespace TiersPayant.Accounts;

/// <summary>
/// Authenticates portal requests by their session cookie against the server-side session table:
/// only a session opened after both factors exists, so nothing behind this scheme answers a
/// password alone, and an ended session stops working on every node at the next request. A session
/// used from another browser family or network than its own authenticates nothing: every page
/// that needs a session sends it to the step-up (<c>/connexion/verification</c>) first.
/// </summary>
internal sealed class PortalSessionAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    PortalSessions sessions, TiersPayantDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PortalSession";
    public const string CookieName = "tp_session";
    public const string StepUpPath = "/connexion/verification";
    public const string SessionIdClaim = "sid";
    public const string PracticeClaim = "practice_id";
    public const string KindClaim = "kind";
    public const string MethodClaim = "amr";

    /// <summary>Present while the account must choose a new password before anything else opens.</summary>
    public const string PasswordChangeClaim = "pwd_change";

    /// <summary>Set on a request whose session must step up before it serves anything.</summary>
    public const string StepUpKey = "TiersPayant.StepUp";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.TryGetValue(CookieName, out var token))
        {
            return AuthenticateResult.NoResult();
        }

        var session = await sessions.ResumeAsync(token, Context.RequestAborted);
        if (session is null)
        {
            return AuthenticateResult.Fail("No open session.");
        }

        if (PortalSessions.IsOutOfPlace(session, SessionPlaces.Of(Context)))
        {
            Context.Items[StepUpKey] = true;
            return AuthenticateResult.Fail("Session used from another device or network.");
        }

        await sessions.TouchAsync(session, Context.RequestAborted);

        var account = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == session.AccountId, Context.RequestAborted);
        if (account is null)
        {
            return AuthenticateResult.Fail("No such account.");
        }

        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == account.Id select r.Name)
            .ToListAsync(Context.RequestAborted);
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, account.Id.ToString()),
            new(ClaimTypes.Name, account.UserName ?? string.Empty),
            new(KindClaim, account.Kind),
            new(SessionIdClaim, session.Id.ToString()),
            new(MethodClaim, session.Method),
            .. roles.OfType<string>().Select(r => new Claim(ClaimTypes.Role, r)),
        ];
        if (account.PracticeId is { } practice)
        {
            claims.Add(new Claim(PracticeClaim, practice.ToString()));
        }

        if (account.MustChangePassword)
        {
            claims.Add(new Claim(PasswordChangeClaim, "required"));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var returnUrl = Request.Path + Request.QueryString;
        var login = Context.Items.ContainsKey(StepUpKey) ? StepUpPath : "/connexion";
        Response.Redirect($"{login}?returnUrl={Uri.EscapeDataString(returnUrl)}");
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
