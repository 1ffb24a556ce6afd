using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Matching.Tests.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Matching.Tests.Keys;

/// <summary>
/// The embedded Api with keys checked (an admin key configured), and one key of each role created through the API:
/// portals of two tenants, a data scientist of tenant A, and ops.
/// </summary>
public sealed class KeyedApi : IAsyncLifetime
{
    public const string AdminKey = "keyed-api-admin-key-0123456789abcdef";

    private readonly ApiFactory _root = new();

    public KeyedApi() => Factory = _root.WithWebHostBuilder(b => b.UseSetting("Auth:AdminKey", AdminKey));

    public WebApplicationFactory<Program> Factory { get; }

    public string TenantA { get; } = "a-" + Guid.NewGuid().ToString("N")[..8];

    public string TenantB { get; } = "b-" + Guid.NewGuid().ToString("N")[..8];

    public HttpClient Anonymous { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient PortalA { get; private set; } = null!;

    public HttpClient PortalB { get; private set; } = null!;

    public HttpClient DataScienceA { get; private set; } = null!;

    public HttpClient OpsKey { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Anonymous = Factory.CreateClient();
        Admin = Client(AdminKey);
        PortalA = Client(await CreateKeyAsync(TenantA, "portal"));
        PortalB = Client(await CreateKeyAsync(TenantB, "portal"));
        DataScienceA = Client(await CreateKeyAsync(TenantA, "datascience"));
        OpsKey = Client(await CreateKeyAsync(TenantA, "ops"));
    }

    /// <summary>A client that sends <paramref name="key"/> as its bearer token.</summary>
    public HttpClient Client(string key)
    {
        var http = Factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    /// <summary>Creates a key with the admin key; returns its secret.</summary>
    public async Task<string> CreateKeyAsync(string tenant, string role)
    {
        var response = await Admin.PostAsJsonAsync("/v1/keys", new { tenant, role, name = $"{role} of {tenant}" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /v1/keys: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["key"]!.GetValue<string>();
    }

    public Task DisposeAsync() => _root.DisposeAsync().AsTask(); // the derived factory with it
}
