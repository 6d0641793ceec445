using System.CommandLine;
using TiersPayant.Hosting.SeveralNodes;

namespace TiersPayant.Cli;

/// <summary><c>tiers proxy</c>: a reverse proxy in front of several <c>tiers serve</c> nodes.</summary>
internal static class ProxyCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses the proxy listens on.",
            DefaultValueFactory = _ => "http://127.0.0.1:8080",
        };
        var backends = new Option<string[]>("--backend")
        {
            Description = "A node's address (repeat for each node), e.g. --backend http://127.0.0.1:5081 --backend http://127.0.0.1:5082. " +
                "Each node must list the proxy's address in Network:TrustedProxies to see the clients' addresses.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var loginPerMinute = new Option<int>("--login-per-minute")
        {
            Description = "Login posts a minute per client address let through to the nodes (a token bucket, in this proxy's memory); the rest get 429 with Retry-After "
                + $"before any node works on them. 0 lets every post through (the nodes' own limit still holds). Default {NodeProxy.LoginPerMinute}.",
            DefaultValueFactory = _ => NodeProxy.LoginPerMinute,
        };
        loginPerMinute.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 0) { r.AddError("--login-per-minute must be 0 or more."); } });
        var data = CommonOptions.Data();
        var command = new Command("proxy", "Runs a reverse proxy (YARP) in front of several 'tiers serve' nodes sharing one PostgreSQL and one Redis: round-robin over the healthy nodes (/health), "
            + "forwarding the client's address, and turning a login flood away per client address before it reaches a node.")
        {
            urls, backends, loginPerMinute, data,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var nodes = new List<Uri>();
            foreach (var backend in parse.GetValue(backends)!)
            {
                if (!Uri.TryCreate(backend, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    await error.WriteLineAsync($"--backend: '{backend}' is not an http:// or https:// address.");
                    return TiersCli.BadUsage;
                }

                nodes.Add(uri);
            }

            await using var app = NodeProxy.Build(parse.GetValue(urls)!, nodes, parse.GetValue(loginPerMinute));
            await app.StartAsync(cancellation);
            foreach (var address in app.Urls)
            {
                await output.WriteLineAsync($"TiersPayant proxy: {address}/ -> {string.Join(", ", nodes)}");
            }

            await app.WaitForShutdownAsync(cancellation);
            return 0;
        });
        return command;
    }
}
