using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace TiersPayant.Web.Localization;

/// <summary>
/// French first, English on request: <c>?culture=en</c>, then the culture cookie, then
/// <c>Accept-Language</c>. Dates and numbers follow the request culture.
/// </summary>
internal static class PortalLocalization
{
    public const string ResourcesPath = "Resources";

    public static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static IServiceCollection AddPortalLocalization(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = ResourcesPath);
        services.Configure<RequestLocalizationOptions>(options =>
        {
            CultureInfo[] supported = [French, English];
            options.DefaultRequestCulture = new RequestCulture(French);
            options.SupportedCultures = supported;
            options.SupportedUICultures = supported;
            options.ApplyCurrentCultureToResponseHeaders = true;
        });
        return services;
    }

    public static IApplicationBuilder UsePortalLocalization(this IApplicationBuilder app)
    {
        app.UseRequestLocalization();
        return app.Use((context, next) =>
        {
            RememberChosenCulture(context);
            return next(context);
        });
    }

    // A ?culture= link switches the language once; the cookie keeps it for the next pages.
    private static void RememberChosenCulture(HttpContext context)
    {
        var feature = context.Features.Get<IRequestCultureFeature>();
        if (feature?.Provider is not QueryStringRequestCultureProvider || !RequestKind.IsPortalPage(context.Request))
        {
            return;
        }

        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(feature.RequestCulture),
            new CookieOptions
            {
                HttpOnly = true,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
            });
    }
}
