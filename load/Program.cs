using System.CommandLine;
using System.Globalization;
using Matching.Load.Adhoc;
using Matching.Load.Generation;
using Matching.Load.Quality;

// Numbers in reports and files read the same on every machine.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var root = new RootCommand("Matching load tools: a deterministic corpus generator, an in-process ad-hoc shortlist benchmark and retrieval-quality checks on judged collections.")
{
    GenerateCommand.Create(),
    AdhocCommand.Create(),
    QualityCommand.Create(),
    KppatentCommand.Create(),
    PruningCommand.Create(),
    Matching.Load.Realtime.RealtimeCommand.Create(),
    Matching.Load.Benchmarks.BenchCommand.Create(),
    Matching.Load.Run.RunCommand.Create(), Matching.Load.Run.SweepCommand.Create(),
    Matching.Load.Lucene.LuceneCommand.Create(),
    Matching.Load.Measurement.HeapCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
