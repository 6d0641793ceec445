using TiersPayant.Web.Health;
using TiersPayant.Web.Logging;
using TiersPayant.Web.OpenApi;
using TiersPayant.Web.Problems;

namespace TiersPayant.Web;

/// <summary>The HTTP surface: health, OpenAPI, problem details, security headers, the portal.</summary>
public static class WebSurface
{
    public static WebApplicationBuilder AddWebSurface(this WebApplicationBuilder builder)
    {
        builder.AddTiersPayantLogging();
        builder.Services.AddTiersPayantProblemDetails();
        builder.Services.AddHealthChecks();
        builder.Services.AddTiersPayantOpenApi();
        return builder;
    }

    public static WebApplication MapWebSurface(this WebApplication app)
    {
        app.UseTiersPayantErrors();
        app.UseRouting();

        app.MapHealth();
        app.MapOpenApi();
        return app;
    }
}
