using Microsoft.AspNetCore.Http.HttpResults;
using TiersPayant.Domain;
using TiersPayant.Domain.Agreements;
using TiersPayant.Domain.Regulation;
using TiersPayant.Guard;
using TiersPayant.Web.Localization;
using TiersPayant.Web.Problems;

namespace TiersPayant.Agreements;

/// <summary>
/// <c>GET /api/v1/reference/codes?domain=D[&amp;on=YYYY-MM-DD]</c>: the product and act codes the
/// platform knows for a domain (the shipped ones with the operator's code file laid over them), as
/// the calculation engine uses them on a date (today in Paris by default), each with the dates it
/// can be billed and the source of every figure. Public reference data: no token needed.
/// </summary>
internal static class ReferenceCodesEndpoint
{
    /// <summary>The path on the <see cref="Web.ApiVersion1"/> group.</summary>
    public const string Path = "/reference/codes";

    /// <summary>The full path.</summary>
    public const string Route = Web.ApiVersion1.Prefix + Path;

    public static RouteHandlerBuilder MapReferenceCodes(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, Get)
            .AllowAnonymous()
            .WithName("GetReferenceCodes")
            .WithTags("Reference")
            .WithSummary("The product and act codes known for a care domain, with their validity and sources")
            .WithDescription("class is A/B in optics, I/II in audiology, null elsewhere. statutoryBaseCents, statutoryRate (percent) and "
                + "priceLimitCents are the figures on the date `on` (today in Paris by default) or, for a code not in force then, on the "
                + "nearest day it was. validFrom/validTo are the care dates the code can be billed; inForce says whether `on` is one of "
                + "them; example marks a code that stands for its shape and must be replaced from the official list. sources name the "
                + "text, article, date and address of every figure. The codes are the shipped ones with the operator's code file "
                + "(Reference:CodesFile, checked with `tiers reference check`) laid over them.")
            .ProducesValidationProblem()
            .NoPersonalData();

    private static Results<Ok<IEnumerable<ReferenceCodeView>>, ValidationProblem> Get(string? domain, string? on, ReferenceCodeTable codes, TimeProvider time)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!CareDomains.TryParse(domain, out var parsed))
        {
            errors["domain"] = ["required: one of " + string.Join(", ", CareDomains.All.Select(d => d.Code()))];
        }

        var day = ParisTime.Today(time);
        if (on is not null && !DateOnly.TryParseExact(on, "yyyy-MM-dd", out day))
        {
            errors["on"] = ["must be a date written YYYY-MM-DD"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation, title: "The request has invalid fields.");
        }

        return TypedResults.Ok(codes.ForDomain(parsed).Select(c => ReferenceCodeView.Of(c, day)));
    }
}

/// <summary>One code of <c>GET /api/v1/reference/codes</c> (CONTRACT.md, extended with validity and sources).</summary>
/// <param name="Code">The code as billed.</param>
/// <param name="Label">The French label.</param>
/// <param name="Domain">The care domain.</param>
/// <param name="Kind">frame, lens-simple, lens-complex, lens-very-complex, hearing-aid, crown, drug.</param>
/// <param name="Class">A/B, I/II or null.</param>
/// <param name="StatutoryBaseCents">The statutory base per unit on the date.</param>
/// <param name="StatutoryRate">The statutory rate on the date, in percent.</param>
/// <param name="PriceLimitCents">The regulated price per unit on the date; null when prices are free.</param>
/// <param name="ValidFrom">First care date the code can be billed.</param>
/// <param name="ValidTo">Last care date the code can be billed; null when open.</param>
/// <param name="InForce">True when the code can be billed on the date asked.</param>
/// <param name="Example">True when the code is an example of its shape, not read in the official list.</param>
/// <param name="AgeFrom">Youngest age (full years) it may be billed for; null when any.</param>
/// <param name="AgeTo">Oldest age (full years) it may be billed for; null when any.</param>
/// <param name="Sources">The source of each figure.</param>
public sealed record ReferenceCodeView(
    string Code, string Label, string Domain, string Kind, string? Class, long StatutoryBaseCents, int StatutoryRate, long? PriceLimitCents,
    DateOnly ValidFrom, DateOnly? ValidTo, bool InForce, bool Example, int? AgeFrom, int? AgeTo, IReadOnlyList<FigureSourceView> Sources)
{
    internal static ReferenceCodeView Of(ReferenceCode code, DateOnly on)
    {
        // A code not in force on the day shows the figures of the nearest day it was.
        var validity = code.Validity;
        var day = on < validity.From ? validity.From : validity.To is { } end && on > end ? end : on;
        var basis = code.Bases.On(day) ?? code.Bases.Entries[^1];
        var rate = code.Rates.On(day) ?? code.Rates.Entries[^1];
        return new ReferenceCodeView(
            code.Code, code.Label, code.Domain.Code(), code.Kind.Code(), code.Class?.Code(), basis.Value.Cents, rate.Value,
            code.PriceLimits.On(day)?.Value.Cents, validity.From, validity.To, code.InForce(on), code.Listing.Value.Example,
            code.Ages?.Value.From, code.Ages?.Value.To,
            [.. code.Figures().Select(f => FigureSourceView.Of(f.Figure, f.Validity.From, f.Validity.To, f.Source))]);
    }
}

/// <summary>Where one figure of a code comes from.</summary>
/// <param name="Figure">listing, base, rate, price-limit or ages.</param>
/// <param name="ValidFrom">First day the figure applies.</param>
/// <param name="ValidTo">Last day it applies; null when open.</param>
/// <param name="Title">The text.</param>
/// <param name="Article">Where in the text.</param>
/// <param name="Date">The text's date.</param>
/// <param name="Url">Where it can be read.</param>
/// <param name="Kind">official or secondary.</param>
public sealed record FigureSourceView(string Figure, DateOnly ValidFrom, DateOnly? ValidTo, string Title, string Article, DateOnly Date, string Url, string Kind)
{
    internal static FigureSourceView Of(string figure, DateOnly from, DateOnly? to, Source source) =>
        new(figure, from, to, source.Title, source.Article, source.Date, source.Url, source.Kind == SourceKind.Official ? "official" : "secondary");
}
