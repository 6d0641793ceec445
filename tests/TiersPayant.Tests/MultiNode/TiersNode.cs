using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TiersPayant.Tests.MultiNode;

/// <summary>
/// One <c>tiers serve</c> as a real child process on a loopback port of its own, configured by
/// environment variables as an operator would, with a data folder of its own.
/// </summary>
internal sealed class TiersNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _printed = new();

    private readonly string _data;

    private TiersNode(string name, Uri address, Process process, string data)
    {
        Name = name;
        Address = address;
        _process = process;
        _data = data;
    }

    public string Name { get; }

    public Uri Address { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>What the node printed, for a failing assertion's message.</summary>
    public string Printed
    {
        get
        {
            lock (_printed)
            {
                return _printed.ToString();
            }
        }
    }

    /// <summary>Starts the node and waits until its <c>/health</c> answers 200.</summary>
    public static Task<TiersNode> StartAsync(string name, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellation) =>
        StartAsync(name, settings, ["serve"], cancellation);

    /// <summary>Starts <c>tiers proxy</c> in front of <paramref name="backends"/> and waits until it answers <c>/health</c> through one of them.</summary>
    public static Task<TiersNode> StartProxyAsync(IEnumerable<TiersNode> backends, CancellationToken cancellation) =>
        StartProxyAsync(backends.Select(b => b.Address), [], cancellation);

    /// <summary>Starts <c>tiers proxy</c> in front of any servers that answer <c>/health</c>, with more of its options.</summary>
    public static Task<TiersNode> StartProxyAsync(IEnumerable<Uri> backends, string[] options, CancellationToken cancellation) =>
        StartAsync("proxy", new Dictionary<string, string?>(), ["proxy", .. backends.SelectMany(b => new[] { "--backend", b.ToString() }), .. options], cancellation);

    private static async Task<TiersNode> StartAsync(string name, IReadOnlyDictionary<string, string?> settings, string[] verb, CancellationToken cancellation)
    {
        var data = Directory.CreateTempSubdirectory($"tierspayant-{name}-").FullName;
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = data,
        };
        string[] arguments = ["exec", typeof(TiersPayant.Cli.TiersCli).Assembly.Location, .. verb, "--urls", address.ToString().TrimEnd('/'), "--data", data];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["TiersPayant__DataDirectory"] = data;
        var node = new TiersNode(name, address, Process.Start(start)!, data);
        node._process.OutputDataReceived += (_, e) => node.Print(e.Data);
        node._process.ErrorDataReceived += (_, e) => node.Print(e.Data);
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            Assert.False(node.HasExited, $"{name} stopped while starting:\n{node.Printed}");
            try
            {
                using var health = await http.GetAsync(new Uri("/health", UriKind.Relative), cancellation);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return node;
                }
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellation.IsCancellationRequested))
            {
                // not listening yet, or still starting (a loaded machine)
            }

            Assert.True(DateTime.UtcNow < deadline, $"{name} did not answer /health within two minutes:\n{node.Printed}");
            await Task.Delay(200, cancellation);
        }
    }

    /// <summary>An HTTP client for this node; <paramref name="cookies"/> shared between nodes make one browser behind a balancer.</summary>
    public HttpClient Client(CookieContainer? cookies = null)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = cookies is not null, CookieContainer = cookies ?? new CookieContainer() };
        var client = new HttpClient(handler) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(Accounts.PortalBrowser.Chrome);
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return client;
    }

    /// <summary>SIGKILL: no finally block runs, nothing is flushed, as when a machine dies.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // left to the system's temporary-file cleaning
        }
    }

    private void Print(string? line)
    {
        lock (_printed)
        {
            _printed.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
