using System.Globalization;
using System.Text;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace TiersPayant.Browser.Tests;

/// <summary>
/// Looks at a page state at a phone's width (360 px) and a desktop's (1280 px): the page must not
/// scroll sideways, no element may stick out of the viewport (an element inside a box that scrolls
/// on its own, such as a wide table's region, is that box's business), and axe-core must find no
/// violation. Every state is looked at before anything is asserted, so one run reports them all.
/// </summary>
/// <remarks>
/// axe-core is the build Deque ships for .NET (Deque.AxeCore.Commons), put once into each page
/// state and run there. Deque.AxeCore.Playwright's <c>RunAxe</c> embeds it twice per call and
/// finishes each run in a new blank page: 3.5 to 7 s a run on the CI machine against 0.1 to 0.3 s,
/// which for about 90 runs is the difference between minutes and seconds.
/// </remarks>
internal sealed class LayoutCheck
{
    public static readonly int[] Widths = [360, 1280];

    // Elements outside the viewport's width, not counting those inside a box that clips or
    // scrolls (that box is measured itself) nor hidden ones.
    private const string MeasureScript = """
        () => {
            const root = document.documentElement;
            const width = root.clientWidth;
            const inBox = el => {
                for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                    if (getComputedStyle(p).overflowX !== 'visible') return true;
                }
                return false;
            };
            const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.classList.length ? '.' + [...el.classList].join('.') : '');
            const wide = [];
            for (const el of document.body.querySelectorAll('*')) {
                const r = el.getBoundingClientRect();
                if (r.width === 0 || r.height === 0 || inBox(el)) continue;
                if (r.right > width + 0.5 || r.left < -0.5) wide.push(name(el) + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
            }
            return [String(root.scrollWidth), String(width), ...wide.slice(0, 4)];
        }
        """;

    private static readonly Lazy<string> AxeSource = new(() =>
    {
        using var stream = typeof(AxeRunOptions).Assembly.GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
            ?? throw new InvalidOperationException("axe-core is not in Deque.AxeCore.Commons any more");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    // Every rule axe-core runs by default (WCAG 2.x A and AA, best practices); violations only.
    private const string AxeScript = """
        async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.map(v =>
            v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))
        """;

    private readonly List<Result> _results = [];

    private sealed record Result(string State, int Width, int ScrollWidth, int ClientWidth, IReadOnlyList<string> Wide, IReadOnlyList<string> Violations)
    {
        public bool Fits => ScrollWidth <= ClientWidth && Wide.Count == 0;
    }

    /// <summary>Measures and audits the page as it stands at each width (resized, not reloaded: a posted state stays).</summary>
    public async Task LookAsync(IPage page, string state)
    {
        await DocumentLoadedAsync(page);
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 800);
            var measured = await page.EvaluateAsync<string[]>(MeasureScript);
            if (!await page.EvaluateAsync<bool>("() => typeof axe === 'object'"))
            {
                await page.EvaluateAsync(AxeSource.Value);
            }

            var violations = await page.EvaluateAsync<string[]>(AxeScript);
            _results.Add(new Result(state, width, int.Parse(measured[0], CultureInfo.InvariantCulture), int.Parse(measured[1], CultureInfo.InvariantCulture), measured[2..], violations));
            if (width == Widths[0])
            {
                var file = string.Concat(state.Select(c => char.IsLetterOrDigit(c) ? c : '-'));
                await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.Artefacts, "layout", file + "-" + width + ".png"), FullPage = true });
            }
        }
    }

    /// <summary>
    /// Waits until the document in the page has loaded its stylesheet and images: a click that
    /// navigates returns once the new document commits, before that. The document is asked
    /// (<c>readyState</c>), polled and re-asked in a new document if one replaces it, rather than
    /// waiting for the "load" lifecycle event: with Debian's Chromium (newer than the one this
    /// Playwright ships for) that event was sometimes never reported although the page had loaded
    /// and the network was idle, and the wait ran into its 30 s timeout.
    /// </summary>
    public static async Task DocumentLoadedAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'", null, new() { PollingInterval = 50 });

    /// <summary>Writes every state's figures (test output and a file among the artefacts), then fails on any that does not fit or has a violation.</summary>
    public void AssertAll(string name)
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{"state",-52} {"width",5} {"scrollWidth",11} {"clientWidth",11} axe");
        foreach (var r in _results)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"{r.State,-52} {r.Width,5} {r.ScrollWidth,11} {r.ClientWidth,11} {r.Violations.Count}");
            foreach (var w in r.Wide)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"    wider than the viewport: {w}");
            }

            foreach (var v in r.Violations)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"    axe: {v}");
            }
        }

        var text = report.ToString();
        Directory.CreateDirectory(Path.Combine(PortalServer.Artefacts, "layout"));
        File.WriteAllText(Path.Combine(PortalServer.Artefacts, "layout", name + ".txt"), text);
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        var failed = _results.Where(r => !r.Fits || r.Violations.Count > 0).Select(r => $"{r.State} at {r.Width} px").ToList();
        Assert.True(failed.Count == 0, "Pages that scroll sideways or break an axe rule: " + string.Join(", ", failed) + Environment.NewLine + text);
    }
}
