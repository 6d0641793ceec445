using BenchmarkDotNet.Running;

namespace TiersPayant.Bench;

/// <summary>
/// Benchmarks: <c>dotnet run -c Release --project bench/TiersPayant.Bench -- &lt;scenario&gt;</c>.
/// </summary>
public static class BenchProgram
{
    public static int Main(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args);
        return 0;
    }
}
