using Microsoft.EntityFrameworkCore;
using ScottPlot;
using TiersPayant.Accounts;
using TiersPayant.Data;
using TiersPayant.Security.Guard;
using TiersPayant.Web.Localization;

namespace TiersPayant.Guard;

/// <summary>
/// The security console's charts, drawn on the server (ScottPlot) as SVG images, so they show
/// under the strict content security policy without a line of script: the platform's last two
/// days hour by hour (new people per profession, cards that matched nobody and their share,
/// failed logins), and one alert's account or client against what is usual for it. Counts, never whom.
/// </summary>
internal static class GuardCharts
{
    public const string People = "/securite/graphiques/personnes.svg";
    public const string NoMatch = "/securite/graphiques/cartes-inconnues.svg";
    public const string Logins = "/securite/graphiques/connexions.svg";

    public static string Alert(Guid id) => $"/securite/alerte/{id}/graphique.svg";

    public static IEndpointRouteBuilder MapGuardCharts(this IEndpointRouteBuilder endpoints)
    {
        var charts = endpoints.MapGroup(string.Empty).RequireAuthorization(PortalPolicies.SecurityConsole).ExcludeFromDescription();
        charts.MapGet(People, async (GuardStatistics statistics, TimeProvider time, CancellationToken cancellation) =>
        {
            var platform = await PlatformAsync(statistics, time, cancellation);
            var plot = Plot("Demandes et nouvelles personnes par heure, par profession (48 h)");
            var requests = plot.Add.Scatter(Times(platform.Hours), platform.Requests.Select(c => (double)c).ToArray());
            requests.LegendText = "demandes (toutes professions)";
            requests.LinePattern = LinePattern.Dashed;
            foreach (var (profession, counts) in platform.PeopleByProfession.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                plot.Add.Scatter(Times(platform.Hours), counts.Select(c => (double)c).ToArray()).LegendText = profession;
            }

            return Svg(plot, true);
        }).NoPersonalData();
        charts.MapGet(NoMatch, async (GuardStatistics statistics, TimeProvider time, CancellationToken cancellation) =>
        {
            var platform = await PlatformAsync(statistics, time, cancellation);
            var plot = Plot("Cartes inconnues par heure et part des demandes (48 h)");
            var found = Enumerable.Range(0, platform.Hours.Count).Select(h => platform.PeopleByProfession.Values.Sum(c => c[h])).ToArray();
            var bars = plot.Add.Bars(Times(platform.Hours), platform.NoMatch.Select(c => (double)c).ToArray());
            bars.LegendText = "cartes inconnues";
            HourWide(bars);

            var share = plot.Add.Scatter(Times(platform.Hours), [.. platform.NoMatch.Select((n, h) => n + found[h] == 0 ? 0 : 100.0 * n / (n + found[h]))]);
            share.LegendText = "part des demandes (%)";
            share.Axes.YAxis = plot.Axes.Right;
            return Svg(plot, true);
        }).NoPersonalData();
        charts.MapGet(Logins, async (GuardStatistics statistics, TimeProvider time, CancellationToken cancellation) =>
        {
            var platform = await PlatformAsync(statistics, time, cancellation);
            var plot = Plot("Échecs de connexion par heure (48 h)");
            var bars = plot.Add.Bars(Times(platform.Hours), platform.LoginFailures.Select(c => (double)c).ToArray());
            HourWide(bars);

            return Svg(plot, true);
        }).NoPersonalData();
        charts.MapGet("/securite/alerte/{id:guid}/graphique.svg", async (Guid id, TiersPayantDbContext db, GuardStatistics statistics, CancellationToken cancellation) =>
        {
            var alert = await db.Containments.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellation);
            if (alert is null)
            {
                return Results.NotFound();
            }

            var to = alert.ContainedAt.AddHours(1);
            var hours = await statistics.ReachPerHourAsync(alert.Scope, to.AddHours(-24), to, cancellation);
            var plot = Plot("Nouvelles personnes par heure, 24 h avant la suspension");
            var bars = plot.Add.Bars(Times([.. hours.Select(h => h.Hour)]), [.. hours.Select(h => (double)h.People)]);
            bars.LegendText = "nouvelles personnes";
            HourWide(bars);

            if (await statistics.BaselineAsync(alert.Scope, cancellation) is { } own)
            {
                plot.Add.HorizontalLine(own.MaxHourly).LegendText = $"habituel pour ce compte : {own.MaxHourly}";
            }

            var practice = alert.PracticeId is { } p ? await db.Practices.AsNoTracking().Where(x => x.Id == p).Select(x => x.Profession).SingleOrDefaultAsync(cancellation) : null;
            if (practice is not null && await statistics.BaselineAsync("profession:" + practice, cancellation) is { } profession)
            {
                var line = plot.Add.HorizontalLine(profession.MaxHourly);
                line.LegendText = $"habituel pour la profession : {profession.MaxHourly}";
                line.LinePattern = LinePattern.Dashed;
            }

            return Svg(plot, true);
        }).NoPersonalData();
        return endpoints;
    }

    // One bar per hour on a date axis counted in days.
    private static void HourWide(ScottPlot.Plottables.BarPlot bars)
    {
        foreach (var bar in bars.Bars)
        {
            bar.Size = 1.0 / 24 * 0.8;
        }
    }

    private static Task<PlatformHours> PlatformAsync(GuardStatistics statistics, TimeProvider time, CancellationToken cancellation)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return statistics.PlatformPerHourAsync(now.AddHours(-47), now.AddHours(1), cancellation);
    }

    private static Plot Plot(string title)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.Axes.DateTimeTicksBottom();
        return plot;
    }

    // Paris time on the axis, as the analysts read it.
    private static double[] Times(IReadOnlyList<DateTime> hours) =>
        [.. hours.Select(h => ParisTime.Of(new DateTimeOffset(DateTime.SpecifyKind(h, DateTimeKind.Utc))).DateTime.ToOADate())];

    private static IResult Svg(Plot plot, bool legend)
    {
        if (legend)
        {
            plot.ShowLegend(Alignment.UpperLeft);
        }

        return Results.Content(plot.GetSvgXml(860, 320), "image/svg+xml");
    }
}
