using System.Net;
using System.Net.Http.Headers;
using Spectre.Console;

namespace Matching.Cli;

/// <summary>
/// Data scientists: <c>publish model.zip --api URL [--activate]</c> registers a model file written by <c>train</c>
/// (POST /v1/models) and, when asked, activates it. The API validates the file; a refusal prints why. Exit codes
/// as for every model command (<see cref="ModelApi"/>): 0 done, 1 refused, 2 unreachable or unreadable file.
/// </summary>
public static class PublishCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("model") { Description = "The model file (a zip written by train)" };
        var api = ModelApi.Option();
        var activate = new Option<bool>("--activate") { Description = "Activate the model once it is registered" };
        var command = new Command("publish", "Register a model file with the API, and optionally activate it") { file, api, activate };
        command.SetAction(async (parse, cancel) =>
        {
            var path = parse.GetValue(file)!;
            byte[] bytes;
            try
            {
                bytes = await File.ReadAllBytesAsync(path, cancel);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                await Console.Error.WriteLineAsync($"Could not read {path}: {e.Message}");
                return 2;
            }

            // Uploading a large model over a slow link takes a while; so does the server's validation of it.
            return await ModelApi.RunAsync(parse.GetValue(api), TimeSpan.FromMinutes(10), http => PublishAsync(http, bytes, parse.GetValue(activate), cancel));
        });
        return command;
    }

    /// <summary>
    /// Registers <paramref name="file"/> with the API at <paramref name="http"/>'s base address, then activates it when
    /// <paramref name="activate"/>; prints the outcome and returns the exit code (0 or 1; 2 when the API failed).
    /// </summary>
    /// <exception cref="HttpRequestException">The API could not be reached.</exception>
    public static async Task<int> PublishAsync(HttpClient http, byte[] file, bool activate, CancellationToken cancel = default)
    {
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        var (status, body) = await ModelApi.SendAsync(http, HttpMethod.Post, "/v1/models", content, cancel);
        if (status != HttpStatusCode.Created)
        {
            return ModelApi.Refused("POST /v1/models", status, body);
        }

        var version = JsonSerializer.Deserialize<Registered>(body, JsonSerializerOptions.Web)?.Version
            ?? throw new ApiException("POST /v1/models answered no version.");
        AnsiConsole.MarkupLine($"[green]Registered: {Markup.Escape(version)}[/]");
        return activate ? await ModelsCommand.ActivateAsync(http, version, cancel) : 0;
    }

    private sealed record Registered(string? Version);
}
