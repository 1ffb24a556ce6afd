using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Matching.Tests.Http;

/// <summary>The real Api with its embedded silo, over the test server's HTTP pipeline; silo ports picked free.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Orleans:SiloPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Matching:ShardCount", "4");
        // Load shedding depends on the machine's speed, which tests do not measure: only AdmissionTests sets a bound.
        builder.UseSetting("Matching:AdmissionBound", "00:01:00");
        builder.UseSetting("Matching:ModelsPath", Path.Combine(Path.GetTempPath(), "matching-tests", "models-" + Guid.NewGuid().ToString("N"))); // a fresh store per test host: never the models of the developer's own store
        // Push tests wait for keep-alives and retries: short intervals keep them fast.
        builder.UseSetting("Push:KeepAliveInterval", "00:00:00.5");
        builder.UseSetting("Webhooks:FirstRetryDelay", "00:00:00.05");
        builder.UseSetting("Webhooks:MaxRetryDelay", "00:00:00.5");
        builder.UseSetting("Webhooks:MaxAttempts", "3");
        // The tests' webhook receivers listen on plain http on loopback: the development option allows exactly that.
        builder.UseSetting("Webhooks:AllowHttpLoopback", "true");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
