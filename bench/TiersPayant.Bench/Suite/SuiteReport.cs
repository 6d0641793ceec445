using System.Diagnostics;
using System.Globalization;
using System.Text;
using ScottPlot;

namespace TiersPayant.Bench.Suite;

/// <summary>
/// One row of the suite's table: a figure, the limit it is measured against in the same run, their
/// ratio and the aim. <see cref="AtLeast"/> says which way the aim goes (≥ for rates, ≤ for
/// slow-downs). A row without a figure says why in <see cref="Note"/>.
/// </summary>
internal sealed record SuiteRow(string Id, string Name, double? Measured, double? Limit, string Unit, double? Aim, bool AtLeast, string Note = "")
{
    public double? Ratio => Measured is { } m && Limit is { } l && l > 0 ? m / l : null;

    public bool? Met => Ratio is { } r && Aim is { } a ? (AtLeast ? r >= a : r <= a) : null;
}

/// <summary>The results: a Markdown table with the machine, date and commit, and a chart of each ratio against its aim.</summary>
internal static class SuiteReport
{
    public static async Task<string> WriteAsync(DirectoryInfo output, List<SuiteRow> rows, List<string> context, List<string> details)
    {
        output.Create();
        var commit = Git("rev-parse", "--short=12", "HEAD");
        var dirty = Git("status", "--porcelain", "--untracked-files=no").Length > 0 ? " (with uncommitted changes)" : "";
        var now = DateTime.UtcNow;
        var stem = string.Create(CultureInfo.InvariantCulture, $"{now:yyyy-MM-dd}-{commit}");
        var markdown = new StringBuilder();
        markdown.AppendLine(CultureInfo.InvariantCulture, $"# Benchmark suite, {now:yyyy-MM-dd HH:mm} UTC, commit {commit}{dirty}");
        markdown.AppendLine();
        foreach (var line in (string[])[$"machine: {Machine()}", .. context])
        {
            markdown.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
        }

        markdown.AppendLine();
        markdown.AppendLine("| benchmark | measured | limit (same run) | ratio | aim | met | why (for a missed aim, by hand) |");
        markdown.AppendLine("| --- | ---: | ---: | ---: | ---: | --- | --- |");
        foreach (var row in rows)
        {
            markdown.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Id} {row.Name} | {Figure(row.Measured, row.Unit)} | {Figure(row.Limit, row.Unit)} | {(row.Ratio is { } r ? r.ToString("F3", CultureInfo.InvariantCulture) : "—")} | {(row.Aim is { } a ? (row.AtLeast ? "≥ " : "≤ ") + a.ToString("0.00", CultureInfo.InvariantCulture) : "—")} | {row.Met switch { true => "yes", false => "**no**", null => "—" }} | {row.Note} |");
        }

        markdown.AppendLine();
        markdown.AppendLine(CultureInfo.InvariantCulture, $"![ratio against aim]({stem}.png)");
        markdown.AppendLine();
        markdown.AppendLine("## Steps");
        markdown.AppendLine();
        markdown.AppendLine("```");
        details.ForEach(d => markdown.AppendLine(d));
        markdown.AppendLine("```");

        var text = markdown.ToString();
        await File.WriteAllTextAsync(Path.Combine(output.FullName, stem + ".md"), text);
        await File.WriteAllTextAsync(Path.Combine(output.FullName, "latest.md"), text.Replace($"]({stem}.png)", "](latest.png)", StringComparison.Ordinal));
        var chart = Chart(rows, $"{now:yyyy-MM-dd} {commit}");
        chart.SavePng(Path.Combine(output.FullName, stem + ".png"), 900, 420);
        chart.SavePng(Path.Combine(output.FullName, "latest.png"), 900, 420);
        return Path.Combine(output.FullName, stem + ".md");
    }

    private static Plot Chart(List<SuiteRow> rows, string title)
    {
        var shown = rows.Where(r => r.Ratio is not null).ToList();
        var plot = new Plot();
        plot.Title("Ratio to the limit measured in the same run, and the aim — " + title);
        var bars = shown.Select((r, i) => new Bar
        {
            Position = i, Value = r.Ratio!.Value, Size = 0.6,
            FillColor = r.Met == false ? Colors.OrangeRed : r.Met == true ? Colors.SeaGreen : Colors.SteelBlue,
        }).ToList();
        plot.Add.Bars(bars);
        foreach (var (row, i) in shown.Select((r, i) => (r, i)).Where(x => x.r.Aim is not null))
        {
            var aim = plot.Add.Line(i - 0.4, row.Aim!.Value, i + 0.4, row.Aim!.Value);
            aim.Color = Colors.Black;
            aim.LineWidth = 3;
        }

        // A ratio far above its aim would flatten every other bar: the axis stops at 3 and each bar
        // carries its value.
        var top = Math.Max(3, shown.Max(r => r.Aim ?? 0) * 1.5);
        foreach (var (row, i) in shown.Select((r, i) => (r, i)))
        {
            var label = plot.Add.Text(row.Ratio!.Value.ToString("0.###", CultureInfo.InvariantCulture), i, Math.Min(row.Ratio!.Value, top * 0.95));
            label.LabelAlignment = Alignment.LowerCenter;
            label.LabelFontSize = 13;
        }

        plot.Axes.Bottom.SetTicks([.. shown.Select((_, i) => (double)i)], [.. shown.Select(r => r.Id)]);
        plot.Axes.SetLimitsY(0, top);
        plot.YLabel("measured / limit (black: aim)");
        return plot;
    }

    private static string Figure(double? value, string unit) => value switch
    {
        null => "—",
        >= 100 => value.Value.ToString("N0", CultureInfo.InvariantCulture) + " " + unit,
        _ => value.Value.ToString("0.###", CultureInfo.InvariantCulture) + " " + unit,
    };

    /// <summary>Logical cores, CPU model and memory, from <c>/proc</c>.</summary>
    public static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo") ? File.ReadAllLines("/proc/cpuinfo") : [];
        var model = cpu.FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var cores = cpu.Count(l => l.StartsWith("processor", StringComparison.Ordinal));
        var memory = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] : "0";
        return string.Create(CultureInfo.InvariantCulture,
            $"{cores} logical cores, {model}, {long.Parse(memory, CultureInfo.InvariantCulture) / 1024.0 / 1024.0:F1} GiB memory, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
    }

    private static string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start);
        var output = process?.StandardOutput.ReadToEnd().Trim() ?? "";
        process?.WaitForExit();
        return process?.ExitCode == 0 ? output : "unknown";
    }
}
