using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersPayant.Data;
using TiersPayant.Domain;
using TiersPayant.Hosting;
using TiersPayant.Security.Accounts.ApiClients;

namespace TiersPayant.Bench.Suite;

/// <summary>
/// <c>host --data DIR --ready FILE [--clients N]</c>: the real platform (the product's own
/// <see cref="TiersPayantHost"/>, configured from the environment) in a process of its own, so the
/// suite can pin it to a core apart from the load. Two calibration endpoints exist here only, never
/// in the product, behind the same bearer token as the API: <c>/bench/json</c> (Kestrel, routing,
/// token validation) and <c>/bench/db</c> (the same, plus one row read through the platform's own
/// DbContext and connection pool). Once started it registers <c>--clients</c> API clients, one per
/// pharmacy, writes the address and their credentials to the ready file, and serves until its
/// standard input closes.
/// </summary>
internal static class SuiteHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var data = new DirectoryInfo(BenchArgs.Text(args, "--data") ?? throw new ArgumentException("--data DIR is required"));
        var ready = BenchArgs.Text(args, "--ready") ?? throw new ArgumentException("--ready FILE is required");
        var clients = BenchArgs.Option(args, "--clients", 64);
        var app = TiersPayantHost.Build(["--urls=http://127.0.0.1:0", "--environment=Production"], data);
        app.MapGet("/bench/json", () => TypedResults.Ok(new { status = "ok", reference = "BENCH", coverage = Array.Empty<object>() }))
            .RequireAuthorization("practice-software");
        var practices = await PharmaciesAsync(app, clients);
        app.MapGet("/bench/db", async (TiersPayantDbContext db, CancellationToken cancellation) =>
        {
            var id = practices[Random.Shared.Next(practices.Count)];
            var name = await db.Practices.AsNoTracking().Where(p => p.Id == id).Select(p => p.Name).SingleAsync(cancellation);
            return TypedResults.Ok(new { status = "ok", reference = name.Length.ToString(CultureInfo.InvariantCulture), coverage = Array.Empty<object>() });
        }).RequireAuthorization("practice-software");
        await app.StartAsync();
        try
        {
            var credentials = new List<SuiteClient>();
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var registry = scope.ServiceProvider.GetRequiredService<ApiClientRegistry>();
                foreach (var practice in practices)
                {
                    var (id, secret) = await registry.AddDemoAsync(new PracticeId(practice), CancellationToken.None);
                    credentials.Add(new SuiteClient(id, secret));
                }
            }

            var temporary = ready + ".tmp";
            await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(new SuiteReady(app.Urls.First(), Environment.ProcessId, credentials)));
            File.Move(temporary, ready, overwrite: true);
            while (await Console.In.ReadLineAsync() is not null)
            {
                // The suite closes our standard input when it is done.
            }

            return 0;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task<List<Guid>> PharmaciesAsync(WebApplication app, int count)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersPayantDbContext>();
        var practices = await db.Practices.AsNoTracking().Where(p => p.Profession == "pharmacien").OrderBy(p => p.Id).Select(p => p.Id).Take(count).ToListAsync();
        return practices.Count > 0 ? practices : throw new InvalidOperationException("the benchmark's database holds no pharmacy");
    }
}

/// <summary>An API client's credentials, as the host registered them for the suite.</summary>
internal sealed record SuiteClient(string Id, string Secret);

/// <summary>What the host writes once it serves.</summary>
internal sealed record SuiteReady(string Url, int ProcessId, List<SuiteClient> Clients);
