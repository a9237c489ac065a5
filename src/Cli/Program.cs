using System.CommandLine;
using HybridAI.Cli.Commands;
using Spectre.Console;

// Piped or logged output has no terminal width; keep the plan and trace tables readable there too.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 180;
}

var root = new RootCommand("hybridai: submit and follow hybrid text-to-image jobs, issue node credentials");
root.Subcommands.Add(SubmitCommand.Create());
root.Subcommands.Add(CredentialCommand.Create());
return await root.Parse(args).InvokeAsync();
