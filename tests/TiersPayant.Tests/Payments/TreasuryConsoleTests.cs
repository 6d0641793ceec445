using System.Net;
using Microsoft.EntityFrameworkCore;
using TiersPayant.Data.Configuration;
using TiersPayant.Security.Accounts;
using TiersPayant.Tests.Accounts;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Payments;

/// <summary>An administrator runs payments from the treasury console and sees what was left out and what is late.</summary>
public sealed class TreasuryConsoleTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_administrator_starts_a_run_sees_the_practice_left_out_and_why_and_the_invoices_paid_late()
    {
        await using var kit = await PaymentsKit.StartAsync(DatabaseProvider.Sqlite);
        var (noIban, paid) = (kit.Practices[0], kit.Practices[1]);
        string noIbanName;
        await using (var db = kit.Database.OpenContext())
        {
            await db.Practices.Where(p => p.Id == noIban).ExecuteUpdateAsync(s => s.SetProperty(p => p.Iban, (string?)null), Cancellation);
            noIbanName = await db.Practices.Where(p => p.Id == noIban).Select(p => p.Name).SingleAsync(Cancellation);
        }

        var waiting = await kit.InvoiceAsync(noIban, 7_700);
        await using (var db = kit.Database.OpenContext())
        {
            // Accepted three weeks ago: well past 7 working days.
            await db.Claims.Where(c => c.Id == waiting.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.CreatedAt, DateTime.UtcNow.AddDays(-21)), Cancellation);
        }

        var fresh = await kit.InvoiceAsync(paid, 1_000);
        await using var factory = new PlatformFactory(kit.Database);
        var admin = (await DemoStaffAccount.ReadAsync(kit.Database)).Single(s => s.Role == StaffRoles.Administrator);
        using var browser = new PortalBrowser(factory, TimeProvider.System);
        await browser.UseSessionOfAsync(admin.Login, "passkey");

        var before = await (await browser.GetAsync("/tresorerie")).Content.ReadAsStringAsync(Cancellation);
        var started = await (await browser.PostFormAsync("/tresorerie", "/tresorerie?handler=Run")).Content.ReadAsStringAsync(Cancellation);
        using var after = await Eventually.UntilAsync(() => browser.GetAsync("/tresorerie"),
            r => r.Content.ReadAsStringAsync(Cancellation).Result.Contains("fichier écrit", StringComparison.Ordinal));
        var page = await after.Content.ReadAsStringAsync(Cancellation);

        Assert.Contains("Aucun lot n'a encore eu lieu", before, StringComparison.Ordinal);
        Assert.Contains(waiting.Number, before, StringComparison.Ordinal);
        Assert.DoesNotContain(fresh.Number, before, StringComparison.Ordinal);
        Assert.Contains("Lancé", started, StringComparison.Ordinal);
        Assert.Contains("fichier écrit", page, StringComparison.Ordinal);
        Assert.Contains($"{noIbanName} : pas d'IBAN (iban-missing)", page, StringComparison.Ordinal);
        Assert.Contains(waiting.Number, page, StringComparison.Ordinal); // still unpaid, still late
        Assert.Single(kit.Files);
    }

    [Fact]
    public async Task Only_an_administrator_with_a_passkey_reaches_the_treasury()
    {
        await using var kit = await PaymentsKit.StartAsync(DatabaseProvider.Sqlite);
        await using var factory = new PlatformFactory(kit.Database);
        var staff = await DemoStaffAccount.ReadAsync(kit.Database);
        using var security = new PortalBrowser(factory, TimeProvider.System);
        await security.UseSessionOfAsync(staff.Single(s => s.Role == StaffRoles.Security).Login, "passkey");
        using var codeOnly = new PortalBrowser(factory, TimeProvider.System);
        await codeOnly.UseSessionOfAsync(staff.Single(s => s.Role == StaffRoles.Administrator).Login, "totp");

        Assert.Equal(HttpStatusCode.Forbidden, (await security.GetAsync("/tresorerie")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await codeOnly.GetAsync("/tresorerie")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await codeOnly.PostFormAsync("/tresorerie", "/tresorerie?handler=Run")).StatusCode);
        Assert.Empty(kit.Files);
    }
}
