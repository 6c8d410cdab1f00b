using System.CommandLine;
using Lyra.Cli.Commands;

var root = new RootCommand("Lyra: AI-assisted crypto trading on Azure Functions, and its local host.")
{
    RunCommand.Create(Console.Out, Console.Error),
};
return await root.Parse(args).InvokeAsync();
