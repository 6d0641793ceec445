using Microsoft.AspNetCore.Mvc.RazorPages;
using TiersPayant.Guard;

namespace TiersPayant.Accounts.Pages.Connexion;

/// <summary>
/// Where a refused Pro Santé Connect login ends: what the professional can do about it, in
/// general terms. It names no identifier, account or technical cause, and a made-up reason shows
/// the general message.
/// </summary>
[NoPersonalData]
public sealed class ProSanteConnectRefusModel : PageModel
{
    private static readonly string[] Known = ["niveau", "anciennete", "compte", "annulee", "indisponible", "echec"];

    public string Motif { get; private set; } = "echec";

    /// <summary>Trying again helps unless no account holds the professional's RPPS number.</summary>
    public bool CanRetry => Motif != "compte";

    public void OnGet(string? motif)
    {
        Motif = Array.Find(Known, known => string.Equals(known, motif, StringComparison.Ordinal)) ?? "echec";
        Response.StatusCode = Motif == "indisponible" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status403Forbidden;
    }
}
