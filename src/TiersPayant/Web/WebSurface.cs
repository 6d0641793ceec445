using TiersPayant.Web.Logging;

namespace TiersPayant.Web;

/// <summary>The HTTP surface: health, OpenAPI, problem details, security headers, the portal.</summary>
public static class WebSurface
{
    public static WebApplicationBuilder AddWebSurface(this WebApplicationBuilder builder)
    {
        builder.AddTiersPayantLogging();
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks();
        return builder;
    }

    public static WebApplication MapWebSurface(this WebApplication app)
    {
        app.MapHealthChecks("/health");
        return app;
    }
}
