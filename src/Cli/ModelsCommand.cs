using System.Globalization;
using System.Net;
using Spectre.Console;

namespace Matching.Cli;

/// <summary>
/// Data scientists and ops: <c>models list --api URL [--json]</c> shows the registered models and which is active;
/// <c>activate VERSION --api URL</c> makes one the scorer of every silo (a rollback is activating the previous
/// one). Exit codes as for every model command (<see cref="ModelApi"/>).
/// </summary>
public static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "List the registered models");
        command.Subcommands.Add(List());
        return command;
    }

    private static Command List()
    {
        var api = ModelApi.Option();
        var json = new Option<bool>("--json") { Description = "Print the API's answer as JSON instead of a table" };
        var command = new Command("list", "List the registered models: version, created, trainer, ndcg@3 beside text similarity alone's, and which is active") { api, json };
        command.SetAction((parse, cancel) => ModelApi.RunAsync(parse.GetValue(api), TimeSpan.FromSeconds(30), http => ListAsync(http, parse.GetValue(json), cancel)));
        return command;
    }

    /// <summary>
    /// Prints the API's models as a table (on <paramref name="console"/>, the terminal by default), or its JSON when
    /// <paramref name="json"/>; returns the exit code. A model's ndcg@3 was measured on its own held-out needs, so the
    /// table puts text similarity alone on the same needs beside it (the model file's baseline), and says so.
    /// </summary>
    /// <exception cref="HttpRequestException">The API could not be reached.</exception>
    public static async Task<int> ListAsync(HttpClient http, bool json, CancellationToken cancel = default, IAnsiConsole? console = null)
    {
        var (status, body) = await ModelApi.SendAsync(http, HttpMethod.Get, "/v1/models", null, cancel);
        if (status != HttpStatusCode.OK)
        {
            return ModelApi.Refused("GET /v1/models", status, body);
        }

        if (json)
        {
            Console.WriteLine(body);
            return 0;
        }

        var list = JsonSerializer.Deserialize<ModelList>(body, JsonSerializerOptions.Web)
            ?? throw new ApiException("GET /v1/models answered null.");
        var table = new Table().AddColumns("version", "created", "trainer", OwnHeldOutColumn, TextAloneColumn, "active");
        foreach (var m in list.Models)
        {
            table.AddRow(
                Markup.Escape(m.Version),
                m.CreatedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
                Markup.Escape(m.Trainer),
                Ndcg3(m.Metrics),
                Ndcg3(m.Baseline),
                m.Active ? "[green]active[/]" : "");
        }

        table.Caption("ndcg@3 is measured on each model's own held-out needs, so compare a model with text similarity alone on its row, not models across rows");
        (console ?? AnsiConsole.Console).Write(table);
        return 0;
    }

    /// <summary>The column of a model's ndcg@3, on the held-out needs of its own training split.</summary>
    public const string OwnHeldOutColumn = "ndcg@3 (own held-out)";

    /// <summary>The column of text similarity alone's ndcg@3 on the same needs.</summary>
    public const string TextAloneColumn = "text alone";

    private static string Ndcg3(Dictionary<string, double>? metrics) =>
        metrics is not null && metrics.TryGetValue("ndcg@3", out var ndcg) ? ndcg.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    /// <summary>Activates a registered version; prints the outcome and returns the exit code.</summary>
    /// <exception cref="HttpRequestException">The API could not be reached.</exception>
    public static async Task<int> ActivateAsync(HttpClient http, string version, CancellationToken cancel = default)
    {
        var path = $"/v1/models/{Uri.EscapeDataString(version)}/activate";
        var (status, body) = await ModelApi.SendAsync(http, HttpMethod.Post, path, null, cancel);
        if (status != HttpStatusCode.OK)
        {
            return ModelApi.Refused($"POST {path}", status, body);
        }

        AnsiConsole.MarkupLine($"[green]Active: {Markup.Escape(version)}[/] (every silo serves it within its poll interval)");
        return 0;
    }

    /// <summary><c>activate VERSION --api URL</c>: a top-level command, as the issue names it (rollback is activating an earlier version).</summary>
    public static Command CreateActivate()
    {
        var api = ModelApi.Option();
        var version = new Argument<string>("version") { Description = "The registered version to serve (default-3 is the bundled default)" };
        var command = new Command("activate", "Make a registered model the scorer of every silo, without a restart") { version, api };
        command.SetAction((parse, cancel) => ModelApi.RunAsync(parse.GetValue(api), TimeSpan.FromMinutes(2), http =>
            ActivateAsync(http, parse.GetValue(version)!, cancel)));
        return command;
    }

    private sealed record ModelList(string Active, ModelEntry[] Models);

    // Baseline is null from an API older than the field.
    private sealed record ModelEntry(string Version, DateTimeOffset CreatedAt, bool Active, string Trainer, Dictionary<string, double> Metrics, Dictionary<string, double>? Baseline);
}
