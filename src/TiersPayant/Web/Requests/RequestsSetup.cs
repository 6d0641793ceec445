using System.Text.Json.Serialization;

namespace TiersPayant.Web.Requests;

/// <summary>How request bodies are read: bounded, strict JSON, and a named 400 when they do not fit.</summary>
internal static class RequestsSetup
{
    public static WebApplicationBuilder AddRequestReading(this WebApplicationBuilder builder)
    {
        // Endpoints lower or raise this with WithBodyLimit; it is the server's, so a body too long
        // is cut off while it arrives rather than after it was buffered.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = BodyLimits.Default);
        // A member we do not know is a client's mistake (a misspelt field would otherwise be
        // ignored in silence) or someone probing: either way the client hears which one.
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow);
        // Off, a body that is not the endpoint's JSON is a bare 400 (or, in Development, a 500);
        // on, the JSON path reaches MalformedRequestHandler, which names the field.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }
}
