using Microsoft.AspNetCore.Mvc.Razor;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.WebEncoders;
using TiersPayant.Web.Localization;
using TiersPayant.Web.Security;

namespace TiersPayant.Web;

/// <summary>The server-rendered portal: Razor Pages under <c>/Portal</c>, its stylesheet, its languages.</summary>
internal static class PortalSetup
{
    public static IServiceCollection AddPortal(this IServiceCollection services)
    {
        services.AddPortalLocalization();
        // French text stays readable in the page source; markup characters are still encoded.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        // Secure over HTTPS like the portal's own cookies (Cookies.Options); the default policy
        // never sets it, leaving the token readable on a downgraded connection.
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        // Each module's pages live in its own folder (Eligibility/Pages/Droits…) with the French
        // path of CONTRACT.md in its @page; the shell (layout, home, error page) is Portal/.
        services.AddRazorPages(options => options.RootDirectory = "/")
            .AddViewLocalization();
        services.Configure<RazorViewEngineOptions>(options => options.PageViewLocationFormats.Add("/Portal/Shared/{0}" + RazorViewEngine.ViewExtension));
        return services;
    }

    public static IApplicationBuilder UsePortalStaticFiles(this WebApplication app)
    {
        // wwwroot is embedded in the assembly: served from any working directory, and the
        // version hashes of asp-append-version are computed from the same files.
        app.Environment.WebRootFileProvider = new ManifestEmbeddedFileProvider(typeof(PortalSetup).Assembly, "wwwroot");
        return app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file =>
            {
                // Public files: cacheable, revalidated by ETag so a new stylesheet shows at once.
                SecurityHeaders.AllowCaching(file.Context);
                file.Context.Response.Headers.CacheControl = "no-cache";
            },
        });
    }
}
