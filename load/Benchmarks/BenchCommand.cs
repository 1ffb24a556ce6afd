using System.CommandLine;
using BenchmarkDotNet.Running;

namespace Matching.Load.Benchmarks;

/// <summary>
/// <c>load -- bench [BenchmarkDotNet arguments]</c>: the BenchmarkDotNet suites of this project, e.g.
/// <c>dotnet run -c Release --project load -- bench --filter '*RankingBenchmarks*'</c>.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var rest = new Argument<string[]>("arguments") { Description = "Arguments for BenchmarkDotNet (e.g. --filter '*Ranking*')", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("bench", "Run BenchmarkDotNet suites (hot paths per call, with allocations)") { rest };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse =>
        {
            var args = (parse.GetValue(rest) ?? []).Concat(parse.UnmatchedTokens).ToArray();
            BenchmarkSwitcher.FromAssembly(typeof(BenchCommand).Assembly).Run(args);
            return 0;
        });
        return command;
    }
}
