using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TiersPayant.Bench.Suite;

/// <summary>
/// The product's <c>tiers proxy</c> in front of the suite's server, in a process of its own pinned
/// to a given core, with its defaults (the login bucket per address included), as an operator runs it.
/// </summary>
internal sealed class SuiteProxy : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _data;

    private SuiteProxy(Process process, DirectoryInfo data, Uri url) => (_process, _data, Url) = (process, data, url);

    public Uri Url { get; }

    public static async Task<SuiteProxy> StartAsync(int core, Uri backend)
    {
        var data = Directory.CreateTempSubdirectory("tierspayant-suite-proxy-");
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("taskset") { UseShellExecute = false };
        foreach (var argument in (string[])["-c", core.ToString(CultureInfo.InvariantCulture), "dotnet", "exec", typeof(Cli.TiersCli).Assembly.Location,
            "proxy", "--urls", url.ToString().TrimEnd('/'), "--backend", backend.ToString(), "--data", data.FullName])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the proxy did not start");
        var proxy = new SuiteProxy(process, data, url);
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return proxy;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            if (process.HasExited || clock.Elapsed > TimeSpan.FromMinutes(1))
            {
                await proxy.DisposeAsync();
                throw new InvalidOperationException("the proxy did not answer /health through the server within a minute");
            }

            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _data.Delete(recursive: true);
    }
}
