using Microsoft.AspNetCore.Mvc.Testing;

namespace Matching.Tests.Http;

/// <summary>The test Api with the webhook target policy's production defaults: https to public addresses only, no development option.</summary>
public sealed class ProductionWebhooksFactory : IDisposable
{
    private readonly ApiFactory _base = new();

    public ProductionWebhooksFactory() =>
        Factory = _base.WithWebHostBuilder(b => b.UseSetting("Webhooks:AllowHttpLoopback", "false"));

    public WebApplicationFactory<Program> Factory { get; }

    public void Dispose()
    {
        Factory.Dispose();
        _base.Dispose();
    }
}
