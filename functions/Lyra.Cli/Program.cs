using System.CommandLine;
using Lyra.Cli.Commands;

Lyra.Workflows.Signals.AiSignalStrategy.Register();
var root = new RootCommand("Lyra: AI-assisted crypto trading on Azure Functions, its local host and research tools.")
{
    RunCommand.Create(Console.Out, Console.Error),
    BacktestCommand.Create(Console.Out, Console.Error),
    OptimizeCommand.Create(Console.Out, Console.Error),
    IndicatorsCommand.Create(Console.Out, Console.Error),
    DataCommand.Create(Console.Out, Console.Error),
};
return await root.Parse(args).InvokeAsync();
