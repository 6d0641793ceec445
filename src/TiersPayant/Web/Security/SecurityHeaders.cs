namespace TiersPayant.Web.Security;

/// <summary>
/// Headers every response carries, error pages and problem details included: they are added
/// when the response starts, after the exception handler has cleared the headers.
/// </summary>
internal static class SecurityHeaders
{
    // No inline script or style anywhere: an injected fragment cannot run or restyle the page.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
        + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    // Pages and API answers hold personal data: neither the browser nor a proxy may keep them.
    public const string NoStore = "no-store";

    private static readonly object CacheableKey = new();

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(Apply, context);
            return next(context);
        });

    /// <summary>Lets this response choose its own caching: only for public static files.</summary>
    public static void AllowCaching(HttpContext context) => context.Items[CacheableKey] = true;

    private static Task Apply(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (!context.Items.ContainsKey(CacheableKey))
        {
            headers.CacheControl = NoStore;
        }

        return Task.CompletedTask;
    }
}
