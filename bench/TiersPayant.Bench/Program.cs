using BenchmarkDotNet.Running;

namespace TiersPayant.Bench;

/// <summary>
/// Benchmarks: <c>dotnet run -c Release --project bench/TiersPayant.Bench -- &lt;scenario&gt;</c>.
/// <c>seed</c> times the seeding of a fresh SQLite database against a plain insert baseline in
/// the same process; <c>suite</c> runs every benchmark of the suite into <c>bench/results</c>
/// (<c>host</c> is its server process); anything else goes to BenchmarkDotNet's switcher (micro-benchmarks).
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["seed", ..])
        {
            return await SeedBenchmark.RunAsync(args[1..]);
        }

        if (args is ["login-flood", ..])
        {
            return await LoginFloodBenchmark.RunAsync(args[1..]);
        }

        if (args is ["attack-lab", ..])
        {
            return await AttackLab.RunAsync(args[1..]);
        }

        if (args is ["eligibility", ..])
        {
            return await EligibilityBenchmark.RunAsync(args[1..]);
        }

        if (args is ["payments", ..])
        {
            return await PaymentsBenchmark.RunAsync(args[1..]);
        }

        if (args is ["audit", ..])
        {
            return await AuditBenchmark.RunAsync(args[1..]);
        }

        if (args is ["suite", ..])
        {
            return await Suite.SuiteCommand.RunAsync(args[1..]);
        }

        if (args is ["host", ..])
        {
            return await Suite.SuiteHost.RunAsync(args[1..]);
        }

        if (args is ["claims-batch", ..])
        {
            return await ClaimsBatchBenchmark.RunAsync(args[1..]);
        }

        if (args is ["scale", ..])
        {
            return await ScaleBenchmark.RunAsync(args[1..]);
        }

        if (args is ["guard", ..])
        {
            return await GuardBenchmark.RunAsync(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args);
        return 0;
    }
}
