using System.CommandLine;
using System.Globalization;
using Matching.Load.Adhoc;
using Matching.Load.Generation;

// Numbers in reports and files read the same on every machine.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var root = new RootCommand("Matching load tools: a deterministic corpus generator and an in-process ad-hoc shortlist benchmark.")
{
    GenerateCommand.Create(),
    AdhocCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
