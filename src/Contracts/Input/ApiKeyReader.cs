using System.Text.Json;

namespace Matching.Contracts.Input;

/// <summary>Reads a new key's request strictly: <c>tenant</c>, <c>role</c> and <c>name</c>, every problem at once.</summary>
public static class ApiKeyReader
{
    private static readonly string[] Fields = ["tenant", "role", "name"];

    /// <summary>The request as read, or null and every problem by field in <paramref name="errors"/>.</summary>
    public static (string Tenant, ApiRole Role, string Name)? Read(JsonElement json, out Dictionary<string, string[]> errors)
    {
        var body = new StrictObject(json, Fields);
        var tenant = body.Text("tenant", required: true);
        var role = body.Text("role", required: true);
        var name = body.Text("name", required: true);
        if (tenant is not null && !ApiKeyRules.IsValidTenant(tenant))
        {
            body.Add("tenant", ApiKeyRules.TenantMessage);
        }

        if (!ApiKeyRules.TryParseRole(role, out var parsed) && role is not null)
        {
            body.Add("role", "must be one of portal, datascience, ops");
        }

        if (name is not null && !ApiKeyRules.IsValidName(name))
        {
            body.Add("name", ApiKeyRules.NameMessage);
        }

        errors = body.Errors();
        return body.HasErrors ? null : (tenant!, parsed, name!);
    }
}
