using System.Diagnostics;
using System.Text.Json;
using TiersPayant.Tests.Infrastructure;

namespace TiersPayant.Tests.Web;

/// <summary>
/// Redocly's OpenAPI linter, pinned in <c>tools/openapi-lint</c> (package.json and its lock), run
/// with Node.js: installed there once with <c>npm ci</c>, then <c>redocly lint --format=json</c>
/// under that folder's <c>redocly.yaml</c> (the recommended rules).
/// </summary>
internal static class RedoclyLint
{
    /// <summary>One problem the linter reported.</summary>
    public sealed record Problem(string RuleId, string Severity, string Message, string Where)
    {
        public override string ToString() => $"{Severity} {RuleId} at {Where}: {Message}";
    }

    private static readonly SemaphoreSlim Install = new(1, 1);

    /// <summary>The linter's folder with its pinned version installed, or a skip (a failure under CI) saying how to get Node.js.</summary>
    public static async Task<string> RequireAsync(CancellationToken cancellation)
    {
        var folder = Path.Combine(RepositoryRoot(), "tools", "openapi-lint");
        const string how = "The OpenAPI lint needs Node.js 20.19 or later and npm on PATH (Debian packages nodejs and npm; `bash .ci/run` installs them); "
            + "it then runs `npm ci` in tools/openapi-lint to install the pinned @redocly/cli.";
        if ((await RunAsync("node", folder, cancellation, "--version")).ExitCode != 0 || (await RunAsync("npm", folder, cancellation, "--version")).ExitCode != 0)
        {
            if (TestEnvironment.IsCi)
            {
                Assert.Fail("CI=true but Node.js or npm is missing. " + how);
            }

            Assert.Skip(how);
        }

        await Install.WaitAsync(cancellation);
        try
        {
            if (InstalledVersion(folder) != PinnedVersion(folder))
            {
                var installed = await RunAsync("npm", folder, cancellation, "ci", "--no-audit", "--no-fund");
                Assert.True(installed.ExitCode == 0, "npm ci in tools/openapi-lint failed:\n" + installed.Output + installed.Error);
            }
        }
        finally
        {
            Install.Release();
        }

        Assert.Equal(PinnedVersion(folder), InstalledVersion(folder));
        return folder;
    }

    /// <summary>Lints <paramref name="document"/> (an OpenAPI JSON file) and returns the totals and every problem.</summary>
    public static async Task<(int Errors, int Warnings, IReadOnlyList<Problem> Problems)> LintAsync(string folder, string document, CancellationToken cancellation)
    {
        var run = await RunAsync("node", folder, cancellation,
            Path.Combine("node_modules", "@redocly", "cli", "bin", "cli.js"), "lint", document, "--config", "redocly.yaml", "--format=json");
        JsonDocument report;
        try
        {
            report = JsonDocument.Parse(run.Output);
        }
        catch (JsonException)
        {
            throw new Xunit.Sdk.XunitException($"redocly lint wrote no JSON report (exit {run.ExitCode}):\n{run.Output}\n{run.Error}");
        }

        using (report)
        {
            var totals = report.RootElement.GetProperty("totals");
            var problems = report.RootElement.GetProperty("problems").EnumerateArray().Select(p => new Problem(
                p.GetProperty("ruleId").GetString()!, p.GetProperty("severity").GetString()!, p.GetProperty("message").GetString()!,
                string.Join(", ", p.GetProperty("location").EnumerateArray().Select(l => l.TryGetProperty("pointer", out var pointer) ? pointer.GetString() : "?"))))
                .ToList();
            return (totals.GetProperty("errors").GetInt32(), totals.GetProperty("warnings").GetInt32(), problems);
        }
    }

    private static string PinnedVersion(string folder)
    {
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "package.json")));
        return package.RootElement.GetProperty("devDependencies").GetProperty("@redocly/cli").GetString()!;
    }

    private static string? InstalledVersion(string folder)
    {
        var installed = Path.Combine(folder, "node_modules", "@redocly", "cli", "package.json");
        if (!File.Exists(installed))
        {
            return null;
        }

        using var package = JsonDocument.Parse(File.ReadAllText(installed));
        return package.RootElement.GetProperty("version").GetString();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TiersPayant.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("No TiersPayant.slnx above " + AppContext.BaseDirectory);
    }

    private sealed record Run(int ExitCode, string Output, string Error);

    private static async Task<Run> RunAsync(string program, string folder, CancellationToken cancellation, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No usage telemetry leaves a test run; no update check either.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_UPDATE_NOTIFIER"] = "1";
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new Run(-1, "", program + " could not start: " + e.Message); // not installed
        }

        using (process)
        {
            if (process is null)
            {
                return new Run(-1, "", program + " did not start");
            }

            var output = process.StandardOutput.ReadToEndAsync(cancellation);
            var error = process.StandardError.ReadToEndAsync(cancellation);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(TimeSpan.FromMinutes(5));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return new Run(process.ExitCode, await output, await error);
        }
    }
}
