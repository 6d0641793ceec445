using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TiersPayant.Guard;
using TiersPayant.Web.Localization;

namespace TiersPayant.Portal;

/// <summary>
/// The page a browser gets instead of problem details when a portal page fails. It says what
/// happened in general terms and gives a reference for support, never the cause.
/// </summary>
[IgnoreAntiforgeryToken]
[NoPersonalData]
public sealed class ErreurModel(TimeProvider time) : PageModel
{
    public const string Path = "/erreur";

    /// <summary>Which text to show: NotFound, Forbidden, Unavailable, Closed (by a switch), Internal or Other.</summary>
    public string Kind { get; private set; } = "Internal";

    public string Reference { get; private set; } = "";

    public DateTimeOffset OccurredAt { get; private set; }

    public IActionResult OnGet(int? code) => Show(code);

    // The exception handler re-executes the failed request with its own method: a failed form
    // post lands here as a POST.
    public IActionResult OnPost(int? code) => Show(code);

    private IActionResult Show(int? code)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerFeature>() is not null;
        if (!reExecuted)
        {
            return NotFound();
        }

        // After an exception there is no code in the path: the handler set the status (500, or
        // the 4xx of a request that could not be read).
        Kind = (code ?? Response.StatusCode) switch
        {
            >= 500 and not StatusCodes.Status503ServiceUnavailable => "Internal",
            StatusCodes.Status404NotFound => "NotFound",
            StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden => "Forbidden",
            StatusCodes.Status503ServiceUnavailable => "Unavailable",
            _ => "Other",
        };
        if (HttpContext.Items.ContainsKey(SurfaceSwitches.ClosedItem))
        {
            Kind = "Closed";
        }

        Reference = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        OccurredAt = ParisTime.Now(time);
        return Page();
    }
}
