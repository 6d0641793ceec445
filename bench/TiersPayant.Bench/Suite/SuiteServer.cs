using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace TiersPayant.Bench.Suite;

/// <summary>
/// The platform under test in a process of its own (<see cref="SuiteHost"/>), pinned to one core
/// with <c>taskset</c>, configured through its environment (keys never on a command line).
/// </summary>
internal sealed class SuiteServer : IAsyncDisposable
{
    private readonly Process _process;

    private SuiteServer(Process process, SuiteReady ready) => (_process, Ready) = (process, ready);

    public SuiteReady Ready { get; }

    public Uri Url => new(Ready.Url);

    public static async Task<SuiteServer> StartAsync(int core, DirectoryInfo data, IReadOnlyDictionary<string, string?> settings, int clients)
    {
        var ready = Path.Combine(data.FullName, "suite-ready.json");
        File.Delete(ready);
        var start = new ProcessStartInfo("taskset") { RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-c", core.ToString(CultureInfo.InvariantCulture), .. Self(),
            "host", "--data", data.FullName, "--ready", ready, "--clients", clients.ToString(CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the server process did not start");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(ready))
        {
            if (process.HasExited || clock.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new InvalidOperationException("the server process did not get ready");
            }

            await Task.Delay(200);
        }

        return new SuiteServer(process, JsonSerializer.Deserialize<SuiteReady>(await File.ReadAllTextAsync(ready))!);
    }

    /// <summary>How to start this benchmark program again: its apphost, or <c>dotnet</c> and its assembly.</summary>
    public static string[] Self()
    {
        var path = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(path) == "dotnet" ? [path, typeof(SuiteServer).Assembly.Location] : [path];
    }

    /// <summary>The server's CPU time so far (user and system), from <c>/proc</c>.</summary>
    public TimeSpan Cpu() => ProcessCpu(_process.Id);

    public static TimeSpan ProcessCpu(int processId)
    {
        // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
