using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Matching.Tests.Processes;

/// <summary>An Orleans client for the management grain; disposing it stops the client.</summary>
public sealed class OrleansProbe(IHost host) : IAsyncDisposable
{
    public IClusterClient Client { get; } = host.Services.GetRequiredService<IClusterClient>();

    public IManagementGrain Management => Client.GetGrain<IManagementGrain>(0);

    /// <summary>The addresses of the active silos listening on <paramref name="siloPorts"/> (a killed one may still be listed as active for a while).</summary>
    public async Task<SiloAddress[]> ActiveSilosAsync(IEnumerable<int> siloPorts)
    {
        var ports = siloPorts.ToHashSet();
        var hosts = await Management.GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(15));
        return hosts.Keys.Where(a => ports.Contains(a.Endpoint.Port)).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A client whose gateways died stops abruptly; nothing to keep.
        }

        host.Dispose();
    }
}
