using System.Net;
using System.Net.Sockets;

namespace Matching.Contracts;

/// <summary>
/// Whether a webhook may be POSTed to a URL and an address (SSRF): <c>https</c> to public addresses only. Loopback,
/// private, link-local (the cloud metadata address 169.254.169.254 among them), shared, unspecified, multicast and
/// reserved addresses are refused, in IPv4-mapped and NAT64 forms too, unless <see cref="WebhookTargetOptions.AllowedNetworks"/>
/// allows them; plain <c>http</c> only to loopback with <see cref="WebhookTargetOptions.AllowHttpLoopback"/>. The Api
/// checks a registration's resolved addresses, and delivery checks the address it connects to, so that a host name
/// that later resolves elsewhere (DNS rebinding) still reaches nothing inside.
/// </summary>
public sealed class WebhookTargetPolicy
{
    /// <summary>How long a registration waits for DNS; a name that does not resolve in time is checked again at delivery.</summary>
    public static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(2);

    private static readonly (IPNetwork Network, string Kind)[] Blocked =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified"),
        (IPNetwork.Parse("10.0.0.0/8"), "private"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared (carrier-grade NAT)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local"),
        (IPNetwork.Parse("172.16.0.0/12"), "private"),
        (IPNetwork.Parse("192.0.0.0/24"), "reserved"),
        (IPNetwork.Parse("192.168.0.0/16"), "private"),
        (IPNetwork.Parse("198.18.0.0/15"), "reserved"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved"),
        (IPNetwork.Parse("::/128"), "unspecified"),
        (IPNetwork.Parse("::1/128"), "loopback"),
        (IPNetwork.Parse("::/96"), "reserved"),
        (IPNetwork.Parse("fc00::/7"), "private"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("fec0::/10"), "private"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    // NAT64 (RFC 6052) carries an IPv4 address in its last 32 bits: it reaches what that address reaches.
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    private readonly bool _allowHttpLoopback;
    private readonly IPNetwork[] _allowedNetworks;
    private readonly HashSet<string> _allowedHosts;

    /// <summary>A policy of the given options; entries of <see cref="WebhookTargetOptions.AllowedNetworks"/> that are invalid are ignored (see <see cref="InvalidEntries"/>).</summary>
    public WebhookTargetPolicy(WebhookTargetOptions options)
    {
        _allowHttpLoopback = options.AllowHttpLoopback;
        var networks = new List<IPNetwork>();
        _allowedHosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in options.AllowedNetworks)
        {
            if (TryParseNetwork(entry, out var network))
            {
                networks.Add(network);
            }
            else if (Uri.CheckHostName(entry) == UriHostNameType.Dns)
            {
                _allowedHosts.Add(entry.TrimEnd('.'));
            }
        }

        _allowedNetworks = [.. networks];
    }

    /// <summary>The entries of <see cref="WebhookTargetOptions.AllowedNetworks"/> that are neither a CIDR range, an address nor a host name.</summary>
    public static string[] InvalidEntries(WebhookTargetOptions options) =>
        options.AllowedNetworks.Where(e => string.IsNullOrWhiteSpace(e) || (!TryParseNetwork(e, out _) && (e.Contains('/') || Uri.CheckHostName(e) != UriHostNameType.Dns))).ToArray();

    /// <summary>Why the URL's scheme cannot be used, before any address is known; null when it can.</summary>
    public string? SchemeError(Uri url) =>
        url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && _allowHttpLoopback)
            ? null
            : "must use https (plain http is allowed only to loopback, in development, with Webhooks:AllowHttpLoopback)";

    /// <summary>Why <paramref name="url"/> must not be sent to <paramref name="address"/> (one its host resolved to); null when it may.</summary>
    public string? AddressError(Uri url, IPAddress address)
    {
        if (SchemeError(url) is { } scheme)
        {
            return scheme;
        }

        var target = Canonical(address);
        var kind = KindOf(target);
        if (url.Scheme == Uri.UriSchemeHttp)
        {
            return kind == "loopback" ? null : $"must use https: plain http is allowed only to loopback, and {Host(url)} is {target}";
        }

        if (kind is null || _allowedHosts.Contains(Host(url)) || _allowedNetworks.Any(n => n.Contains(target)) || (kind == "loopback" && _allowHttpLoopback))
        {
            return null;
        }

        return $"must not point to a {kind} address ({target}) unless Webhooks:AllowedNetworks allows it";
    }

    /// <summary>
    /// Why a registration's URL cannot receive webhooks, checking every address its host resolves to; null when it can.
    /// A name that does not resolve (yet) is accepted for <c>https</c>: delivery checks the address it connects to.
    /// </summary>
    public async Task<string?> CheckAsync(Uri url, Func<string, CancellationToken, Task<IPAddress[]>> resolve, CancellationToken cancellationToken)
    {
        if (SchemeError(url) is { } scheme)
        {
            return scheme;
        }

        var host = Host(url);
        if (IPAddress.TryParse(host, out var literal))
        {
            return AddressError(url, literal);
        }

        if (url.Scheme == Uri.UriSchemeHttps && _allowedHosts.Contains(host))
        {
            return null;
        }

        IPAddress[] addresses;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ResolveTimeout);
        try
        {
            addresses = await resolve(host, deadline.Token);
        }
        catch (Exception e) when (e is SocketException or ArgumentException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            addresses = [];
        }

        if (addresses.Length == 0)
        {
            return url.Scheme == Uri.UriSchemeHttp ? $"must use https: plain http is allowed only to loopback, and {host} did not resolve" : null;
        }

        return addresses.Select(a => AddressError(url, a)).FirstOrDefault(e => e is not null);
    }

    /// <summary>The host as DNS and address parsing take it: IDN in ASCII, an IPv6 literal without brackets, no trailing dot.</summary>
    public static string Host(Uri url) => url.IdnHost.Trim('[', ']').TrimEnd('.');

    /// <summary>The IPv4 address an IPv4-mapped or NAT64 IPv6 address reaches, else the address itself.</summary>
    private static IPAddress Canonical(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6 && Nat64.Contains(address))
        {
            return new IPAddress(address.GetAddressBytes()[12..]);
        }

        return address;
    }

    /// <summary>The kind of a non-public address, or null for a public one.</summary>
    private static string? KindOf(IPAddress address) =>
        Blocked.Where(b => b.Network.Contains(address)).Select(b => b.Kind).FirstOrDefault();

    private static bool TryParseNetwork(string entry, out IPNetwork network)
    {
        if (IPAddress.TryParse(entry, out var single))
        {
            network = new IPNetwork(single, single.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return IPNetwork.TryParse(entry, out network);
    }
}
