using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Configuration;
using TiersPayant.Security.Accounts;
using TiersPayant.Security.Guard;
using TiersPayant.Tests.Accounts;

namespace TiersPayant.Tests.Guard;

/// <summary>
/// The security team's review of a containment: the analyst sees why, then restores the account
/// (a temporary password, a new authenticator, a new password before anything else) or keeps it closed.
/// </summary>
public sealed partial class ReviewTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_analyst_sees_why_then_restores_the_account_which_must_enrol_again_and_change_its_password_before_working()
    {
        await using var kit = await DetectionKit.StartAsync(DatabaseProvider.Sqlite);
        var optician = (await DemoAccount.ReadAsync(kit.Database)).First(a => a.Profession == "opticien");
        var containmentId = await HarvestUntilContainedAsync(kit, optician);
        var staff = await DemoStaffAccount.ReadAsync(kit.Database);
        using var analyst = new PortalBrowser(kit.Factory, TimeProvider.System);
        await analyst.UseSessionOfAsync(staff.Single(s => s.Role == StaffRoles.Security).Login, "passkey");

        var console = await (await analyst.GetAsync("/securite")).Content.ReadAsStringAsync(Cancellation);
        var alert = await (await analyst.GetAsync($"/securite/alerte/{containmentId}")).Content.ReadAsStringAsync(Cancellation);
        var unchecked_ = await analyst.PostFormAsync($"/securite/alerte/{containmentId}", $"/securite/alerte/{containmentId}?handler=Restore", ("note", "rappel du cabinet"));
        var restored = await analyst.PostFormAsync($"/securite/alerte/{containmentId}", $"/securite/alerte/{containmentId}?handler=Restore",
            ("identityChecked", "true"), ("note", "session volée par hameçonnage, confirmé par téléphone"));
        var restoredPage = await restored.Content.ReadAsStringAsync(Cancellation);

        Assert.Contains($"href=\"/securite/alerte/{containmentId}\"", console, StringComparison.Ordinal);
        Assert.Contains("Vitesse de machine", alert, StringComparison.Ordinal);
        Assert.Contains("5 new people in", alert, StringComparison.Ordinal);
        Assert.Contains("Nouvelles personnes et cartes inconnues par heure", alert, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unchecked_.StatusCode);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        var temporary = TemporaryPassword().Match(restoredPage).Groups[1].Value;
        Assert.Matches("^([A-Za-z0-9]{5}-){3}[A-Za-z0-9]{5}$", temporary);

        await using (var db = kit.Database.OpenContext())
        {
            var containment = await db.Containments.SingleAsync(Cancellation);
            Assert.Equal(Containments.Restored, containment.Status);
            Assert.Equal("session volée par hameçonnage, confirmé par téléphone", containment.ReviewNote);
            var account = await db.Users.SingleAsync(u => u.UserName == optician.Login, Cancellation);
            Assert.True(account.MustChangePassword);
            Assert.Null(account.TotpSecretCipher);
            Assert.Equal(0, await db.RecoveryCodes.CountAsync(r => r.AccountId == account.Id, Cancellation));
            var reviewed = await db.GuardEvents.SingleAsync(e => e.Decision == Containments.Restored, Cancellation);
            Assert.StartsWith("Reviewed by ", reviewed.Detail, StringComparison.Ordinal);
            Assert.Equal(1, await db.Notifications.CountAsync(n => n.AccountId == account.Id && n.Kind == AccountNotifications.AccessRestored, Cancellation));
        }

        // The old password, and whoever held the session, open nothing; the holder starts again.
        using var holder = new PortalBrowser(kit.Factory, TimeProvider.System);
        Assert.NotEqual(HttpStatusCode.Redirect, (await holder.PasswordAsync(optician.Login, optician.Password)).StatusCode);
        using var fresh = new PortalBrowser(kit.Factory, TimeProvider.System);
        Assert.Equal("/connexion/activation", (await fresh.PasswordAsync(optician.Login, temporary)).Headers.Location?.OriginalString);
        var enrolment = await (await fresh.GetAsync("/connexion/activation")).Content.ReadAsStringAsync(Cancellation);
        var secret = Secret().Match(enrolment).Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, (await fresh.PostFormAsync("/connexion/activation", "/connexion/activation", ("code", fresh.Code(secret)))).StatusCode);
        var blocked = await fresh.GetAsync("/droits");
        Assert.Equal("/compte/mot-de-passe?raison=restauration", blocked.Headers.Location?.OriginalString);
        var changed = await fresh.PostFormAsync("/compte/mot-de-passe?raison=restauration", "/compte/mot-de-passe",
            ("current", temporary), ("password", "une phrase de passe toute neuve 2026"), ("confirmation", "une phrase de passe toute neuve 2026"));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/droits")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DetectionKit.CheckAsync(fresh, kit.Leaked[^1])).StatusCode); // working again
    }

    [Fact]
    public async Task An_alert_kept_closed_stays_contained_and_cannot_be_reviewed_twice()
    {
        await using var kit = await DetectionKit.StartAsync(DatabaseProvider.Sqlite);
        var token = await HarvestWithTokenUntilContainedAsync(kit);

        await using var before = kit.Database.OpenContext();
        var containment = await before.Containments.SingleAsync(Cancellation);
        var staff = await DemoStaffAccount.ReadAsync(kit.Database);
        using var analyst = new PortalBrowser(kit.Factory, TimeProvider.System);
        await analyst.UseSessionOfAsync(staff.Single(s => s.Role == StaffRoles.Security).Login, "passkey");
        var page = $"/securite/alerte/{containment.Id}";

        var kept = await analyst.PostFormAsync(page, page + "?handler=KeepClosed", ("note", "logiciel compromis chez l'éditeur"));
        var again = await analyst.PostFormAsync(page, page + "?handler=Restore", ("identityChecked", "true"), ("note", ""));

        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await kit.CheckAsync(await kit.TokenAsync("opticien"), kit.Leaked[0])).StatusCode);
        await using var db = kit.Database.OpenContext();
        Assert.Equal(Containments.KeptClosed, (await db.Containments.SingleAsync(Cancellation)).Status);
        Assert.Equal(1, await db.GuardEvents.CountAsync(e => e.Decision == Containments.KeptClosed, Cancellation));
    }

    [Fact]
    public async Task A_contained_clients_tokens_are_revoked_and_a_new_token_still_reaches_no_one()
    {
        await using var kit = await DetectionKit.StartAsync(DatabaseProvider.Sqlite);
        var token = await HarvestWithTokenUntilContainedAsync(kit);

        var stolen = await kit.CheckAsync(token, kit.Leaked[0]);
        var renewed = await kit.CheckAsync(await kit.TokenAsync("opticien"), kit.Leaked[0]);

        Assert.Equal(HttpStatusCode.Unauthorized, stolen.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, renewed.StatusCode);
    }

    [Fact]
    public async Task The_consoles_charts_are_drawn_on_the_server_as_images_for_the_security_team_only()
    {
        await using var kit = await DetectionKit.StartAsync(DatabaseProvider.Sqlite);
        var optician = (await DemoAccount.ReadAsync(kit.Database)).First(a => a.Profession == "opticien");
        var containmentId = await HarvestUntilContainedAsync(kit, optician);
        var staff = await DemoStaffAccount.ReadAsync(kit.Database);
        using var analyst = new PortalBrowser(kit.Factory, TimeProvider.System);
        await analyst.UseSessionOfAsync(staff.Single(s => s.Role == StaffRoles.Security).Login, "passkey");
        using var professional = new PortalBrowser(kit.Factory, TimeProvider.System);
        await professional.LogInAsync((await DemoAccount.ReadAsync(kit.Database)).First(a => a.Profession == "pharmacien"));
        string[] charts = ["/securite/graphiques/personnes.svg", "/securite/graphiques/cartes-inconnues.svg", "/securite/graphiques/connexions.svg", $"/securite/alerte/{containmentId}/graphique.svg"];

        var console = await (await analyst.GetAsync("/securite")).Content.ReadAsStringAsync(Cancellation);
        foreach (var chart in charts)
        {
            var drawn = await analyst.GetAsync(chart);
            var svg = await drawn.Content.ReadAsStringAsync(Cancellation);
            Assert.Equal(HttpStatusCode.OK, drawn.StatusCode);
            Assert.Equal("image/svg+xml", drawn.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<svg", svg, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
            Assert.NotEqual(HttpStatusCode.OK, (await professional.GetAsync(chart)).StatusCode);
        }

        Assert.Contains("<img src=\"/securite/graphiques/personnes.svg\"", console, StringComparison.Ordinal);
        var alert = await (await analyst.GetAsync($"/securite/alerte/{containmentId}")).Content.ReadAsStringAsync(Cancellation);
        Assert.Contains($"<img src=\"/securite/alerte/{containmentId}/graphique.svg\"", alert, StringComparison.Ordinal);
    }

    // A stolen optician software token at machine speed, until it is contained; returns the token.
    private static async Task<string> HarvestWithTokenUntilContainedAsync(DetectionKit kit)
    {
        var token = await kit.TokenAsync("opticien");
        foreach (var person in kit.Leaked)
        {
            if ((await kit.CheckAsync(token, person)).StatusCode == HttpStatusCode.Forbidden)
            {
                break;
            }
        }

        return token;
    }

    private static async Task<Guid> HarvestUntilContainedAsync(DetectionKit kit, DemoAccount optician)
    {
        using var attacker = new PortalBrowser(kit.Factory, TimeProvider.System);
        await attacker.LogInAsync(optician);
        foreach (var person in kit.Leaked)
        {
            if ((await DetectionKit.CheckAsync(attacker, person)).StatusCode != HttpStatusCode.OK)
            {
                break;
            }
        }

        await using var db = kit.Database.OpenContext();
        return (await db.Containments.SingleAsync(Cancellation)).Id;
    }

    [GeneratedRegex("data-temporary-password>([^<]+)</code>")]
    private static partial Regex TemporaryPassword();

    [GeneratedRegex("<code class=\"secret\">([A-Z2-7]+)</code>")]
    private static partial Regex Secret();
}
