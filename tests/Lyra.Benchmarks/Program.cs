using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Lyra.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Lyra.Benchmarks.BacktestBenchmarks).Assembly).Run(args);
