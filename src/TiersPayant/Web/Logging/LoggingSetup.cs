using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.Logging.Console;

namespace TiersPayant.Web.Logging;

/// <summary>Structured logs in which classified values never appear in clear.</summary>
internal static class LoggingSetup
{
    /// <summary>
    /// Configuration section holding <c>KeyId</c> and <c>Key</c> (base 64, at least 44 characters)
    /// of the HMAC that hashes <see cref="TiersPayantTaxonomy.SensitiveData"/>. Supplied by the
    /// deployment (environment or secret store), never by the repository.
    /// </summary>
    public const string HmacSection = "TiersPayant:Logging:Hmac";

    /// <summary><c>simple</c> (the default: a line per event) or <c>json</c> (for a log collector).</summary>
    public const string FormatterKey = "Logging:Console:FormatterName";

    // Logs every request line with its query string at Information: query strings can carry
    // identifiers, so this category stays at Warning whatever the general level is.
    private const string RequestLineCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static WebApplicationBuilder AddTiersPayantLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.AddFilter(RequestLineCategory, LogLevel.Warning);
        // Routing and page execution narrate every request; operators want the platform's own
        // events and the framework's warnings. Logging__LogLevel__Microsoft.AspNetCore=Information brings them back.
        if (builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] is null)
        {
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        // A forged, truncated or stale antiforgery token is logged as an error with its stack trace
        // by the framework; the client gets its 400, and the log is for our failures.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Antiforgery", LogLevel.Critical);
        builder.Logging.EnableRedaction();
        builder.Services.AddRedaction(redaction => ConfigureRedactors(redaction, builder.Configuration.GetSection(HmacSection)));

        // A person reads the console in a terminal: one line per event. Where logs are shipped to a
        // collector, Logging__Console__FormatterName=json gives one JSON object per event.
        if (string.Equals(builder.Configuration[FormatterKey], ConsoleFormatterNames.Json, StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole(options =>
            {
                // Scopes carry the raw request path, which may hold an identifier.
                options.IncludeScopes = false;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "O";
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.IncludeScopes = false;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-dd HH:mm:ss'Z' ";
            });
        }

        return builder;
    }

    private static void ConfigureRedactors(IRedactionBuilder redaction, IConfigurationSection hmac)
    {
        redaction.SetRedactor<ErasingRedactor>(new DataClassificationSet(TiersPayantTaxonomy.PersonalData));

        var sensitive = new DataClassificationSet(TiersPayantTaxonomy.SensitiveData);
        if (hmac.Exists())
        {
            redaction.SetHmacRedactor(hmac, sensitive);
        }
        else
        {
            redaction.SetRedactor<ErasingRedactor>(sensitive);
        }

        // A classification that no one mapped must not reach a log in clear.
        redaction.SetFallbackRedactor<ErasingRedactor>();
    }
}
