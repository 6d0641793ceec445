using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using TiersPayant.Demo;

namespace TiersPayant.Cli;

/// <summary><c>tiers seed</c>: synthetic, realistic data and the demo credentials file.</summary>
internal static class SeedCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var data = CommonOptions.Data();
        var beneficiaries = new Option<int>("--beneficiaries") { Description = "Number of insured people to create.", DefaultValueFactory = _ => 10_000 };
        var practices = new Option<int>("--practices") { Description = "Number of practices (professions in turn; 8 or more covers every profession).", DefaultValueFactory = _ => 16 };
        var credentials = new Option<FileInfo?>("--credentials") { Description = "Where to write the demo credentials file (default DATA/demo-credentials.json)." };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same people on the same day.", DefaultValueFactory = _ => 1 };
        var baseUrl = new Option<string>("--base-url") { Description = "Portal address written in the credentials file.", DefaultValueFactory = _ => Hosting.TiersPayantHost.DefaultUrl };
        CommonOptions.Range(beneficiaries, 1, 50_000_000);
        CommonOptions.Range(practices, 1, 80_000);

        var command = new Command("seed", "Replaces the demo data with synthetic insurers, families (twins, Corsican and overseas births, expired and future rights) and practices of every profession; writes the demo credentials file. Refuses a database holding real data.")
        {
            data, beneficiaries, practices, credentials, seed, baseUrl,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var dataDir = parse.GetValue(data)!;
            var path = parse.GetValue(credentials)?.FullName ?? Path.Combine(dataDir.FullName, DemoCredentials.FileName);
            var request = new DemoSeeder.Request(parse.GetValue(beneficiaries), parse.GetValue(practices), parse.GetValue(seed), path, parse.GetValue(baseUrl)!);
            return await CliHost.RunAsync(dataDir, async services =>
            {
                var clock = Stopwatch.StartNew();
                try
                {
                    // Past a few hundred thousand people a seed takes minutes: say how far it is, and how fast.
                    var progress = new InlineProgress<int>(done => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"seed: {done:N0} / {request.Beneficiaries:N0} beneficiaries, {done / clock.Elapsed.TotalSeconds:N0}/s")));
                    var result = await services.GetRequiredService<DemoSeeder>().SeedAsync(request, cancellation, request.Beneficiaries >= 500_000 ? progress : null);
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"seed: {result.Beneficiaries} beneficiaries, {result.Practices} practices, {result.Insurers} insurers in {clock.Elapsed.TotalSeconds:F1} s; demo credentials in {path}"));
                    return 0;
                }
                catch (SeedRefusedException refused)
                {
                    await error.WriteLineAsync($"seed: {refused.Message}");
                    return TiersCli.Problem;
                }
            }, cancellation);
        });
        return command;
    }
}
