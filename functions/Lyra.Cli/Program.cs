using System.CommandLine;
using Lyra.Cli.Commands;
using Lyra.Workflows.Signals;

var strategies = AiSignalStrategies.Factory();
var root = new RootCommand("Lyra: AI-assisted crypto trading on Azure Functions, its local host and research tools.")
{
    RunCommand.Create(Console.Out, Console.Error),
    BacktestCommand.Create(strategies, Console.Out, Console.Error),
    OptimizeCommand.Create(strategies, Console.Out, Console.Error),
    IndicatorsCommand.Create(Console.Out, Console.Error),
    DataCommand.Create(Console.Out, Console.Error),
    VaultCommand.Create(Console.In, Console.Out, Console.Error),
    DoctorCommand.Create(Console.Out, Console.Error),
};
// lyra run handles SIGINT and SIGTERM itself (an ordered shutdown within 10 s); the other commands stop at once.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
