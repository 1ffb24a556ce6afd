using System.CommandLine;

namespace Matching.Load.Adhoc;

/// <summary><c>adhoc</c>: the in-process ad-hoc shortlist benchmark.</summary>
public static class AdhocCommand
{
    public static Command Create()
    {
        var offers = new Option<int>("--offers") { Description = "Offers to load", Required = true };
        var queries = new Option<int>("--queries") { Description = "Timed queries (after a warm-up of 200)", DefaultValueFactory = _ => 2000 };
        var seed = new Option<int>("--seed") { Description = "Generator seed", DefaultValueFactory = _ => 1 };
        var shards = new Option<int>("--shards") { Description = "Index shards per side (Matching:ShardCount)", DefaultValueFactory = _ => 8 };
        var concurrency = new Option<int>("--concurrency") { Description = "Queries in flight at once (closed loop)", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Also print every number as one JSON line (the last line of stdout)" };

        var command = new Command("adhoc", "Host a silo in this process, load generated offers and time ad-hoc shortlists; then the index alone.")
        {
            offers, queries, seed, shards, concurrency, json,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var settings = new AdhocSettings(parse.GetValue(offers), parse.GetValue(queries), parse.GetValue(seed), parse.GetValue(shards), parse.GetValue(concurrency));
            if (settings.Offers < 1 || settings.Queries < 1 || settings.Shards is < 1 or > 1024 || settings.Concurrency < 1)
            {
                await Console.Error.WriteLineAsync("--offers, --queries and --concurrency must be positive; --shards 1 to 1024");
                return 2;
            }

            var report = await new AdhocBenchmark(settings, Console.Error).RunAsync(cancellation);
            report.Print(Console.Out);
            if (parse.GetValue(json))
            {
                Console.WriteLine(report.ToJson());
            }

            return 0;
        });
        return command;
    }
}
