using System.Net;
using System.Net.Sockets;
using Matching.Contracts;

namespace Matching.Tests.Unit;

public sealed class WebhookTargetPolicyTests
{
    private static readonly WebhookTargetPolicy Default = new(new WebhookTargetOptions());
    private static readonly WebhookTargetPolicy Development = new(new WebhookTargetOptions { AllowHttpLoopback = true });

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.8.9.10", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("64:ff9b::7f00:1", "loopback")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("::ffff:10.0.0.1", "private")]
    [InlineData("fd00::1", "private")]
    [InlineData("fc00::1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("::ffff:169.254.169.254", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("100.64.0.1", "shared")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("255.255.255.255", "reserved")]
    [InlineData("::7f00:1", "reserved")]
    public void A_non_public_address_is_refused_naming_its_kind(string address, string kind)
    {
        var error = Default.AddressError(new Uri("https://receiver.example/hook"), IPAddress.Parse(address));

        Assert.NotNull(error);
        Assert.Contains($"{kind}", error);
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946")]
    [InlineData("::ffff:93.184.216.34")]
    public void A_public_address_over_https_is_allowed(string address)
    {
        Assert.Null(Default.AddressError(new Uri("https://receiver.example/hook"), IPAddress.Parse(address)));
    }

    [Fact]
    public void Plain_http_is_refused_unless_development_allows_it_to_loopback_only()
    {
        var http = new Uri("http://receiver.example/hook");

        Assert.Contains("https", Default.SchemeError(http));
        Assert.Contains("https", Default.AddressError(http, IPAddress.Loopback));
        Assert.Null(Development.SchemeError(http));
        Assert.Null(Development.AddressError(http, IPAddress.Loopback));
        Assert.Null(Development.AddressError(http, IPAddress.IPv6Loopback));
        Assert.Null(Development.AddressError(http, IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.Contains("https", Development.AddressError(http, IPAddress.Parse("93.184.216.34")));
        Assert.Contains("https", Development.AddressError(http, IPAddress.Parse("10.0.0.1")));
        Assert.Contains("private", Development.AddressError(new Uri("https://receiver.example/hook"), IPAddress.Parse("10.0.0.1")));
    }

    [Fact]
    public void Allowed_networks_and_hosts_open_exactly_those_private_targets_over_https()
    {
        var policy = new WebhookTargetPolicy(new WebhookTargetOptions { AllowedNetworks = ["10.20.0.0/16", "fd00::5", "Hooks.Internal"] });
        var https = new Uri("https://receiver.example/hook");

        Assert.Null(policy.AddressError(https, IPAddress.Parse("10.20.3.4")));
        Assert.Null(policy.AddressError(https, IPAddress.Parse("::ffff:10.20.3.4")));
        Assert.Null(policy.AddressError(https, IPAddress.Parse("fd00::5")));
        Assert.NotNull(policy.AddressError(https, IPAddress.Parse("10.21.0.1")));
        Assert.NotNull(policy.AddressError(https, IPAddress.Parse("fd00::6")));
        Assert.NotNull(policy.AddressError(https, IPAddress.Loopback));
        Assert.Null(policy.AddressError(new Uri("https://hooks.internal/x"), IPAddress.Parse("192.168.0.9")));
        Assert.NotNull(policy.AddressError(new Uri("http://hooks.internal/x"), IPAddress.Parse("192.168.0.9")));
    }

    [Fact]
    public void Invalid_allowed_entries_are_named()
    {
        var options = new WebhookTargetOptions { AllowedNetworks = ["10.0.0.0/8", "10.0.0.0/33", "not a host", "", "hooks.internal", "::1"] };

        Assert.Equal(["10.0.0.0/33", "not a host", ""], WebhookTargetPolicy.InvalidEntries(options));
    }

    [Fact]
    public async Task A_host_name_resolving_to_loopback_is_refused()
    {
        var error = await Default.CheckAsync(new Uri("https://localhost:8443/hook"), Dns.GetHostAddressesAsync, CancellationToken.None);

        Assert.NotNull(error);
        Assert.Contains("loopback", error);
    }

    [Fact]
    public async Task A_name_is_refused_when_any_of_its_addresses_is_not_public()
    {
        var error = await Default.CheckAsync(new Uri("https://rebind.example/hook"),
            (_, _) => Task.FromResult(new[] { IPAddress.Parse("93.184.216.34"), IPAddress.Parse("169.254.169.254") }), CancellationToken.None);

        Assert.Contains("link-local", error);
    }

    [Theory]
    [InlineData("https://127.0.0.1/x", "loopback")]
    [InlineData("https://[::1]/x", "loopback")]
    [InlineData("https://[::ffff:127.0.0.1]/x", "loopback")]
    [InlineData("https://[::ffff:a9fe:a9fe]/x", "link-local")]
    [InlineData("https://2130706433/x", "loopback")]
    [InlineData("https://0x7f.1/x", "loopback")]
    [InlineData("http://127.0.0.1/x", "https")]
    public async Task Literal_addresses_are_checked_without_resolving(string url, string reason)
    {
        var error = await Default.CheckAsync(new Uri(url), (_, _) => throw new InvalidOperationException("must not resolve"), CancellationToken.None);

        Assert.Contains(reason, error);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_left_to_delivery_over_https_only()
    {
        Task<IPAddress[]> Unknown(string host, CancellationToken _) => throw new SocketException((int)SocketError.HostNotFound);

        Assert.Null(await Default.CheckAsync(new Uri("https://not-yet.example/hook"), Unknown, CancellationToken.None));
        Assert.Contains("https", await Development.CheckAsync(new Uri("http://not-yet.example/hook"), Unknown, CancellationToken.None));
    }
}
