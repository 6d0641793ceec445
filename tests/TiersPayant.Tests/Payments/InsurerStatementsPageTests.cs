using System.Net;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Configuration;
using TiersPayant.Domain.Claims;
using TiersPayant.Security.Accounts;
using TiersPayant.Tests.Accounts;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Payments;

/// <summary>An insurer's manager reads its own statements, pseudonymous lines, its chart and its rejection reasons; never another insurer's.</summary>
public sealed class InsurerStatementsPageTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_manager_opens_a_statement_of_its_own_insurer_with_pseudonyms_its_chart_and_rejection_reasons()
    {
        await using var kit = await PaymentsKit.StartAsync(DatabaseProvider.Sqlite);
        var staff = await DemoStaffAccount.ReadAsync(kit.Database);
        var manager = staff.Single(s => s.Role == StaffRoles.InsurerManager);
        var own = manager.Insurer!;
        var mine = new[] { await kit.InvoiceAsync(kit.Practices[0], 4_000, ofInsurer: own), await kit.InvoiceAsync(kit.Practices[1], 6_000, ofInsurer: own) };
        var rejected = await kit.InvoiceAsync(kit.Practices[0], 0, ClaimStatus.Rejected, ofInsurer: own);
        var other = kit.People.First(p => p.Insurer != own).Insurer;
        var theirs = await kit.InvoiceAsync(kit.Practices[2], 9_000, ofInsurer: other);
        Assert.Equal(0, (await kit.RunAsync()).ExitCode);
        Assert.Equal(0, (await kit.Database.RunAsync("billing", "run")).ExitCode);
        string ownNumber, otherNumber;
        await using (var db = kit.Database.OpenContext())
        {
            ownNumber = await db.InsurerStatements.Where(s => s.InsurerAmc == own).Select(s => s.Number).SingleAsync(Cancellation);
            otherNumber = await db.InsurerStatements.Where(s => s.InsurerAmc == other).Select(s => s.Number).SingleAsync(Cancellation);
        }

        await using var factory = new PlatformFactory(kit.Database);
        using var browser = new PortalBrowser(factory, TimeProvider.System);
        await browser.UseSessionOfAsync(manager.Login, "passkey");

        var list = await (await browser.GetAsync("/assureur/releves")).Content.ReadAsStringAsync(Cancellation);
        var statement = await (await browser.GetAsync("/assureur/releves/" + ownNumber)).Content.ReadAsStringAsync(Cancellation);
        using var chart = await browser.GetAsync("/assureur/graphiques/factures.svg");
        using var foreign = await browser.GetAsync("/assureur/releves/" + otherNumber);

        Assert.Contains(ownNumber, list, StringComparison.Ordinal);
        Assert.DoesNotContain(otherNumber, list, StringComparison.Ordinal);
        Assert.Contains("<code>duplicate</code>", list, StringComparison.Ordinal);
        Assert.Contains("100,00", statement, StringComparison.Ordinal);
        Assert.All(mine, c => Assert.Contains(c.Number, statement, StringComparison.Ordinal));
        Assert.DoesNotContain(theirs.Number, statement, StringComparison.Ordinal);
        Assert.DoesNotContain(rejected.Number, statement, StringComparison.Ordinal);
        var protector = kit.Database.Protector();
        Assert.Contains(protector.AuditPseudonym(own, mine[0].BeneficiaryId!.Value), statement, StringComparison.Ordinal);
        Assert.Equal("image/svg+xml", chart.Content.Headers.ContentType?.MediaType);
        Assert.Contains("pharmacie", await chart.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task A_professional_or_a_code_only_session_does_not_reach_the_statements()
    {
        await using var kit = await PaymentsKit.StartAsync(DatabaseProvider.Sqlite);
        await using var factory = new PlatformFactory(kit.Database);
        var manager = (await DemoStaffAccount.ReadAsync(kit.Database)).Single(s => s.Role == StaffRoles.InsurerManager);
        using var professional = new PortalBrowser(factory, TimeProvider.System);
        await professional.LogInAsync((await DemoAccount.ReadAsync(kit.Database))[0]);
        using var codeOnly = new PortalBrowser(factory, TimeProvider.System);
        await codeOnly.UseSessionOfAsync(manager.Login, "totp");

        Assert.Equal(HttpStatusCode.Forbidden, (await professional.GetAsync("/assureur/releves")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await codeOnly.GetAsync("/assureur/releves")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await codeOnly.GetAsync("/assureur/graphiques/factures.svg")).StatusCode);
    }
}
