using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Spectre.Console;

namespace Matching.Cli;

/// <summary>
/// Ops: <c>keys create --tenant T --role R --name N --api URL</c> prints a new key's secret (shown once);
/// <c>keys list --api URL [--json]</c> lists keys without secrets; <c>keys revoke ID --api URL</c> revokes one.
/// The caller's own key is read from <c>MATCHING_API_KEY</c> (<see cref="ModelApi"/>).
/// </summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "Create, list and revoke API keys (an ops key in MATCHING_API_KEY)");
        command.Subcommands.Add(CreateKey());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Revoke());
        return command;
    }

    private static Command CreateKey()
    {
        var api = ModelApi.Option();
        var tenant = new Option<string>("--tenant") { Description = "The tenant the key acts for", Required = true };
        var role = new Option<string>("--role") { Description = "portal, datascience or ops", Required = true };
        var name = new Option<string>("--name") { Description = "Who holds the key", Required = true };
        var command = new Command("create", "Create a key; its secret is printed once and stored nowhere") { tenant, role, name, api };
        command.SetAction((parse, cancel) => ModelApi.RunAsync(parse.GetValue(api), TimeSpan.FromSeconds(30), async http =>
        {
            var content = JsonContent.Create(new { tenant = parse.GetValue(tenant), role = parse.GetValue(role), name = parse.GetValue(name) });
            var (status, body) = await ModelApi.SendAsync(http, HttpMethod.Post, "/v1/keys", content, cancel);
            if (status != HttpStatusCode.Created)
            {
                return ModelApi.Refused("POST /v1/keys", status, body);
            }

            var key = JsonSerializer.Deserialize<KeyEntry>(body, JsonSerializerOptions.Web) ?? throw new ApiException("POST /v1/keys answered null.");
            Console.Error.WriteLine($"created {key.Id} ({key.Role} of {key.Tenant}); the secret below is shown once:");
            Console.WriteLine(key.Key);
            return 0;
        }));
        return command;
    }

    private static Command List()
    {
        var api = ModelApi.Option();
        var json = new Option<bool>("--json") { Description = "Print the API's answer as JSON instead of a table" };
        var command = new Command("list", "List the keys: id, tenant, role, name, created (never a secret)") { api, json };
        command.SetAction((parse, cancel) => ModelApi.RunAsync(parse.GetValue(api), TimeSpan.FromSeconds(30), async http =>
        {
            var (status, body) = await ModelApi.SendAsync(http, HttpMethod.Get, "/v1/keys", null, cancel);
            if (status != HttpStatusCode.OK)
            {
                return ModelApi.Refused("GET /v1/keys", status, body);
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(body);
                return 0;
            }

            var list = JsonSerializer.Deserialize<KeyList>(body, JsonSerializerOptions.Web) ?? throw new ApiException("GET /v1/keys answered null.");
            var table = new Table().AddColumns("id", "tenant", "role", "name", "created");
            foreach (var k in list.Keys)
            {
                table.AddRow(k.Id, k.Tenant, k.Role, Markup.Escape(k.Name), k.CreatedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }

    private static Command Revoke()
    {
        var api = ModelApi.Option();
        var id = new Argument<string>("id") { Description = "The key's id (keys list shows it)" };
        var command = new Command("revoke", "Revoke a key: every API process refuses it within seconds") { id, api };
        command.SetAction((parse, cancel) => ModelApi.RunAsync(parse.GetValue(api), TimeSpan.FromSeconds(30), async http =>
        {
            var path = $"/v1/keys/{Uri.EscapeDataString(parse.GetValue(id)!)}";
            var (status, body) = await ModelApi.SendAsync(http, HttpMethod.Delete, path, null, cancel);
            if (status != HttpStatusCode.NoContent)
            {
                return ModelApi.Refused($"DELETE {path}", status, body);
            }

            Console.Error.WriteLine($"revoked {parse.GetValue(id)}");
            return 0;
        }));
        return command;
    }

    private sealed record KeyEntry(string Id, string Tenant, string Role, string Name, DateTimeOffset CreatedAt, string? Key);

    private sealed record KeyList(KeyEntry[] Keys);
}
