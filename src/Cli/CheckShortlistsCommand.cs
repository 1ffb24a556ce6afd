using Spectre.Console;

namespace Matching.Cli;

/// <summary>
/// Ops: asks a running API to compare kept shortlists with fresh computations (GET /v1/consistency) and reports
/// the mismatches. Exit code 0 when every compared list matched, 1 when some did not, 2 when the API failed.
/// </summary>
public static class CheckShortlistsCommand
{
    public static Command Create()
    {
        var api = new Option<string>("--api") { Description = "Base address of the API, e.g. http://127.0.0.1:5080", Required = true };
        var sample = new Option<int>("--sample") { Description = "Lists to compare per side, at random; 0 scans every item", DefaultValueFactory = _ => 200 };
        var seed = new Option<int>("--seed") { Description = "Seed of the random sample", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print the API's report as JSON instead of a table" };
        var command = new Command("check-shortlists", "Compare kept shortlists with fresh computations and report mismatches") { api, sample, seed, json };
        command.SetAction(async (parse, cancel) =>
        {
            if (!Uri.TryCreate(parse.GetValue(api), UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
            {
                await Console.Error.WriteLineAsync("--api must be an absolute http or https address, e.g. http://127.0.0.1:5080");
                return 2;
            }

            using var http = ModelApi.Client(baseAddress, TimeSpan.FromMinutes(30));
            HttpResponseMessage response;
            try
            {
                response = await http.GetAsync($"/v1/consistency?sample={parse.GetValue(sample)}&seed={parse.GetValue(seed)}", cancel);
            }
            catch (HttpRequestException e)
            {
                await Console.Error.WriteLineAsync($"{baseAddress} did not answer: {e.Message}");
                return 2;
            }

            var body = await response.Content.ReadAsStringAsync(cancel);
            if (!response.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync($"{(int)response.StatusCode} {response.ReasonPhrase}: {body}");
                return 2;
            }

            var report = JsonSerializer.Deserialize<Report>(body, JsonSerializerOptions.Web)!;
            if (parse.GetValue(json))
            {
                Console.WriteLine(body);
            }
            else
            {
                Print(report);
            }

            return report.Mismatched == 0 ? 0 : 1;
        });
        return command;
    }

    private static void Print(Report report)
    {
        if (report.BacklogBefore.Pending > 0)
        {
            AnsiConsole.MarkupLine($"[yellow]The backlog was {report.BacklogBefore.Pending} items (oldest {report.BacklogBefore.OldestAgeMs} ms): lists may still be catching up.[/]");
        }

        var color = report.Mismatched == 0 ? "green" : "red";
        AnsiConsole.MarkupLine($"[{color}]{report.Mismatched} of {report.Checked} kept shortlists differ from a fresh computation.[/]");
        if (report.Mismatches.Length == 0)
        {
            return;
        }

        var table = new Table().AddColumns("list", "kept", "fresh");
        foreach (var m in report.Mismatches)
        {
            table.AddRow(Markup.Escape($"{m.Kind} {m.Id}"), Markup.Escape(Ids(m.Kept)), Markup.Escape(Ids(m.Fresh)));
        }

        AnsiConsole.Write(table);
    }

    private static string Ids(ScoredId[] items) => string.Join(", ", items.Select(i => $"{i.Id} {i.Score:0.######}"));

    private sealed record Report(long Checked, long Mismatched, Backlog BacklogBefore, Mismatch[] Mismatches);

    private sealed record Backlog(long Pending, long OldestAgeMs);

    private sealed record Mismatch(string Kind, string Id, ScoredId[] Kept, ScoredId[] Fresh);

    private sealed record ScoredId(string Id, double Score);
}
