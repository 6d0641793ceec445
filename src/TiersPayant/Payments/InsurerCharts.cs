using ScottPlot;
using TiersPayant.Accounts;
using TiersPayant.Guard;
using TiersPayant.Security.Accounts;

namespace TiersPayant.Payments;

/// <summary>
/// The insurer back-office's chart, drawn on the server (ScottPlot) as SVG like the security
/// console's: the manager's own insurer's invoices per month, stacked by domain, the last twelve
/// months. Counts, never whom.
/// </summary>
internal static class InsurerCharts
{
    public const string PerMonth = "/assureur/graphiques/factures.svg";

    public static IEndpointRouteBuilder MapInsurerCharts(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PerMonth, async (HttpContext context, Actors actors, InsurerStatements statements, TimeProvider time, CancellationToken cancellation) =>
        {
            if (await actors.StaffOfAsync(context, StaffRoles.InsurerManager, cancellation) is not { InsurerAmc: { } insurer })
            {
                return Results.Forbid();
            }

            var (months, byDomain) = await statements.PerMonthAsync(insurer, Web.Localization.ParisTime.Today(time), cancellation);
            var plot = new Plot();
            plot.Title("Factures par mois et par domaine (12 mois)");
            var below = new double[months.Count];
            var palette = new ScottPlot.Palettes.Category10();
            var index = 0;
            foreach (var (domain, counts) in byDomain.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                var color = palette.GetColor(index++);
                var bars = months.Select((m, i) => new Bar
                {
                    Position = i, ValueBase = below[i], Value = below[i] + counts[i], FillColor = color, Size = 0.7,
                }).ToList();
                plot.Add.Bars(bars);
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = domain, FillColor = color });
                for (var i = 0; i < months.Count; i++)
                {
                    below[i] += counts[i];
                }
            }

            plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, months.Count).Select(i => (double)i)],
                [.. months.Select(m => m.ToString("MM/yyyy", System.Globalization.CultureInfo.InvariantCulture))]);
            plot.Axes.Margins(bottom: 0);
            plot.ShowLegend(Alignment.UpperLeft);
            return Results.Content(plot.GetSvgXml(860, 320), "image/svg+xml");
        }).RequireAuthorization(PortalPolicies.InsurerBackOffice).ExcludeFromDescription().NoPersonalData();
        return endpoints;
    }
}
