using System.CommandLine;
using System.Diagnostics;

namespace Matching.Load.Generation;

/// <summary><c>generate</c>: writes offers.jsonl, needs.jsonl and judgments.jsonl in API.md's training-file format.</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var offers = new Option<int>("--offers") { Description = "How many offers to write", Required = true };
        var needs = new Option<int>("--needs") { Description = "How many needs to write", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed gives the same files", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory to write the three files to", Required = true };

        var command = new Command("generate", "Write a deterministic bilingual corpus of offers, needs and graded judgments (JSON Lines).")
        {
            offers, needs, seed, output,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var n = parse.GetValue(offers);
            var m = parse.GetValue(needs);
            if (n < 0 || m < 0)
            {
                await Console.Error.WriteLineAsync("--offers and --needs must not be negative");
                return 2;
            }

            return await RunAsync(n, m, parse.GetValue(seed), parse.GetRequiredValue(output), cancellation);
        });
        return command;
    }

    private static async Task<int> RunAsync(int offers, int needs, int seed, DirectoryInfo output, CancellationToken cancellation)
    {
        output.Create();
        var generator = new CorpusGenerator(seed, offers, needs);
        var clock = Stopwatch.StartNew();
        var grades = new long[5];

        // Two independent streams, one per core: offers (with their judgments) and needs.
        var offersTask = Task.Run(() =>
        {
            using var offerFile = new JsonLinesWriter(Path.Combine(output.FullName, "offers.jsonl"));
            using var judgmentFile = new JsonLinesWriter(Path.Combine(output.FullName, "judgments.jsonl"));
            foreach (var offer in generator.Offers())
            {
                cancellation.ThrowIfCancellationRequested();
                offerFile.Write(offer.Id, offer.Data);
                if (offer.Judgment is { } judgment)
                {
                    judgmentFile.Write(judgment);
                    grades[judgment.Grade]++;
                }

                Progress("offers", offerFile.Lines, offers, clock);
            }

            return (offerFile.Bytes, judgmentFile.Lines, judgmentFile.Bytes);
        }, cancellation);
        var needsTask = Task.Run(() =>
        {
            using var needFile = new JsonLinesWriter(Path.Combine(output.FullName, "needs.jsonl"));
            foreach (var need in generator.Needs())
            {
                cancellation.ThrowIfCancellationRequested();
                needFile.Write(need.Id, need.Data);
                Progress("needs", needFile.Lines, needs, clock);
            }

            return needFile.Bytes;
        }, cancellation);

        var (offerBytes, judgments, judgmentBytes) = await offersTask;
        var needBytes = await needsTask;
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"wrote {output.FullName} in {seconds:F1} s (seed {seed})");
        Console.WriteLine($"  offers.jsonl     {offers,10:N0} lines {offerBytes / 1e6,9:F1} MB");
        Console.WriteLine($"  needs.jsonl      {needs,10:N0} lines {needBytes / 1e6,9:F1} MB");
        Console.WriteLine($"  judgments.jsonl  {judgments,10:N0} lines {judgmentBytes / 1e6,9:F1} MB  (judged needs: {generator.JudgedNeeds:N0})");
        Console.WriteLine($"  grades 0..4      {string.Join(" / ", grades.Select(g => g.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))}");
        Console.WriteLine($"  rate             {(offers + needs) / Math.Max(seconds, 1e-9):N0} items/s");
        return 0;
    }

    private static void Progress(string what, long done, int total, Stopwatch clock)
    {
        if (done % 100_000 == 0 && done > 0)
        {
            Console.Error.WriteLine($"  {what}: {done:N0} / {total:N0} after {clock.Elapsed.TotalSeconds:F0} s");
        }
    }
}
