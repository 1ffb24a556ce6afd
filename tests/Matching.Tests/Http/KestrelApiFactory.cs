using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Tests.Http;

/// <summary>
/// The Api with its embedded silo on real Kestrel, on a loopback port the system picks (the silo's ports picked free
/// too), for clients that speak HTTP over sockets: the load runner, a browser.
/// </summary>
public sealed class KestrelApiFactory : WebApplicationFactory<Program>
{
    public KestrelApiFactory() => UseKestrel(0);

    /// <summary>Starts the server if it is not started, and returns the address it listens on (<c>http://127.0.0.1:PORT</c>).</summary>
    public string Address
    {
        get
        {
            StartServer();
            return Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Orleans:SiloPort", FreePort());
        builder.UseSetting("Orleans:GatewayPort", FreePort());
        builder.UseSetting("Matching:ShardCount", "4");
        builder.UseSetting("Matching:ModelsPath", Path.Combine(Path.GetTempPath(), "matching-tests", "models-" + Guid.NewGuid().ToString("N")));
        // The tests' own output is worth reading; placement retries while the silo stops are not.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Polly", "Error");
    }

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }
}
