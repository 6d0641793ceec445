using BenchmarkDotNet.Running;

// Benchmarks: `dotnet run -c Release --project bench/TiersPayant.Bench -- <scenario>`.
// BenchmarkDotNet switcher for micro-benchmarks; macro scenarios are added beside it.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
