using Microsoft.Extensions.DependencyInjection.Extensions;
using TiersPayant.Accounts;
using TiersPayant.Accounts.ApiClients;
using TiersPayant.Guard;
using TiersPayant.Web.Health;
using TiersPayant.Web.Localization;
using TiersPayant.Web.Logging;
using TiersPayant.Web.OpenApi;
using TiersPayant.Web.Problems;
using TiersPayant.Web.Requests;
using TiersPayant.Web.Security;
using TiersPayant.Web.Telemetry;

namespace TiersPayant.Web;

/// <summary>The HTTP surface: health, OpenAPI, request reading, problem details, security headers, the portal.</summary>
public static class WebSurface
{
    public static WebApplicationBuilder AddWebSurface(this WebApplicationBuilder builder)
    {
        builder.AddTiersPayantLogging();
        builder.AddTiersPayantTelemetry();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddRequestReading();
        builder.Services.AddTiersPayantProblemDetails();
        builder.Services.AddTransportSecurity();
        builder.Services.AddTrustedProxies(builder.Configuration);
        builder.Services.AddHealthChecks();
        builder.Services.AddTiersPayantOpenApi();
        builder.Services.AddPortal();
        builder.Services.AddPortalAccounts(builder.Configuration);
        builder.AddApiClients();
        builder.Services.AddProfessionalServices(builder.Configuration);
        Payments.PaymentsSetup.AddPaymentSchedule(builder.Services);
        Claims.Batches.ClaimBatchSetup.AddClaimBatchJobs(builder.Services);
        return builder;
    }

    public static WebApplication MapWebSurface(this WebApplication app)
    {
        // Order matters: the client's real address and scheme before anything reads them, then
        // headers so that every answer, errors included, carries them.
        app.UseTrustedProxies();
        app.UseSecurityHeaders();
        app.UseTransportSecurity();
        // Before the error handlers: the error page re-executes inside the culture already chosen.
        app.UsePortalLocalization();
        app.UseTiersPayantErrors();
        // Before authentication: the token endpoint's server reads its form there.
        app.UseUtf8Bodies();
        app.UsePortalStaticFiles();
        app.UseRouting();
        app.UsePortalAccounts();
        app.UseSurfaceSwitches();

        app.MapHealth();
        app.MapOpenApi().NoPersonalData();
        app.MapRazorPages();
        app.MapApiClients();
        app.MapProfessionalServices();
        return app;
    }
}
