using System.Net;

namespace Matching.Cli;

/// <summary>
/// What the model commands share. Exit codes: 0 done; 1 the API refused (a 4xx: its problem's detail is printed);
/// 2 the address is not usable, the API did not answer or failed (5xx, e.g. its cluster is down), or a file could not be read.
/// </summary>
internal static class ModelApi
{
    public static Option<string> Option() =>
        new("--api") { Description = "Base address of the API, e.g. http://127.0.0.1:5080", Required = true };

    /// <summary>Runs <paramref name="action"/> with a client for <paramref name="api"/>, turning an unreachable API into exit code 2.</summary>
    public static async Task<int> RunAsync(string? api, TimeSpan timeout, Func<HttpClient, Task<int>> action)
    {
        // System.CommandLine 2.0.0 cannot bind Option<Uri>: the address is parsed here.
        if (!Uri.TryCreate(api, UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            await Console.Error.WriteLineAsync("--api must be an absolute http or https address, e.g. http://127.0.0.1:5080");
            return 2;
        }

        using var http = Client(baseAddress, timeout);
        try
        {
            return await action(http);
        }
        catch (HttpRequestException e)
        {
            await Console.Error.WriteLineAsync($"{baseAddress} did not answer: {e.Message}");
            return 2;
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            await Console.Error.WriteLineAsync($"{baseAddress} did not answer within {timeout.TotalSeconds:0} s");
            return 2;
        }
        catch (Exception e) when (e is ApiException or JsonException)
        {
            await Console.Error.WriteLineAsync($"{baseAddress} did not answer as the API does: {e.Message}");
            return 2;
        }
    }

    /// <summary>The environment variable that holds the caller's API key, sent as <c>Authorization: Bearer</c>.</summary>
    public const string KeyVariable = "MATCHING_API_KEY";

    /// <summary>A client for the API, with the caller's key when <see cref="KeyVariable"/> is set.</summary>
    public static HttpClient Client(Uri baseAddress, TimeSpan timeout)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = timeout };
        if (Environment.GetEnvironmentVariable(KeyVariable) is { Length: > 0 } key)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        return http;
    }

    /// <summary>Sends one request and reads the whole answer.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient http, HttpMethod method, string path, HttpContent? content, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await http.SendAsync(request, cancel);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancel));
    }

    /// <summary>Prints why the API said no: the problem document's detail when there is one. 1 for a 4xx, 2 otherwise.</summary>
    public static int Refused(string what, HttpStatusCode status, string body)
    {
        var detail = body;
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.ValueKind == JsonValueKind.Object &&
                problem.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String)
            {
                detail = d.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's error page): the body as it is.
        }

        Console.Error.WriteLine($"{what} answered {(int)status}: {detail}");
        return (int)status is >= 400 and < 500 ? 1 : 2;
    }
}
