using System.Globalization;
using Matching.Cli;
using Matching.Cli.Training;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var root = new RootCommand("Matching's command line for data scientists and ops.")
{
    CheckShortlistsCommand.Create(),
    ExportFeedbackCommand.Create(),
    PublishCommand.Create(),
    ModelsCommand.Create(),
    ModelsCommand.CreateActivate(),
    KeysCommand.Create(),
    TrainCommand.Create(),
    EvaluateCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
