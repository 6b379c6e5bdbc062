using System.Net;
using RiskMap.Api.Features.Notifications;

namespace RiskMap.UnitTests.Features;

/// <summary>The address classes a webhook may not reach, one case per class and its edges.</summary>
public sealed class WebhookAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1")] [InlineData("127.255.0.9")] [InlineData("::1")] // loopback
    [InlineData("10.0.0.1")] [InlineData("172.16.0.1")] [InlineData("172.31.255.254")] [InlineData("192.168.1.1")] [InlineData("fc00::1")] [InlineData("fd12:3456::1")] // private
    [InlineData("169.254.169.254")] [InlineData("fe80::1")] [InlineData("febf::1")] // link-local
    [InlineData("0.0.0.0")] [InlineData("0.1.2.3")] [InlineData("::")] // unspecified, this network
    [InlineData("224.0.0.1")] [InlineData("239.255.255.250")] [InlineData("255.255.255.255")] [InlineData("ff02::1")] // multicast, broadcast
    [InlineData("::ffff:10.1.2.3")] [InlineData("::ffff:127.0.0.1")] // IPv4-mapped
    [InlineData("100.64.0.1")] [InlineData("100.127.255.254")] [InlineData("198.18.0.1")] [InlineData("198.19.255.1")] // shared (CGNAT), benchmarking
    [InlineData("192.0.2.1")] [InlineData("198.51.100.7")] [InlineData("203.0.113.9")] [InlineData("240.0.0.1")] // documentation, reserved
    [InlineData("2001:db8::1")] [InlineData("fec0::1")] [InlineData("2001::1")] // documentation, site-local, Teredo
    [InlineData("64:ff9b::a00:1")] [InlineData("64:ff9b::7f00:1")] [InlineData("::a00:1")] [InlineData("2002:a00:1::")] [InlineData("::ffff:0:a00:1")] // IPv4 carried in IPv6
    public void Loopback_private_link_local_unspecified_and_multicast_addresses_are_forbidden(string address)
        => Assert.True(WebhookAddresses.IsForbidden(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")] [InlineData("172.15.255.255")] [InlineData("172.32.0.1")] [InlineData("192.169.0.1")] [InlineData("169.253.0.1")]
    [InlineData("223.255.255.255")] [InlineData("101.226.4.6")] [InlineData("2400:3200::1")] [InlineData("100.128.0.1")]
    [InlineData("::ffff:8.8.4.4")] [InlineData("64:ff9b::808:808")] [InlineData("2002:808:808::1")]
    public void Public_addresses_are_not(string address)
        => Assert.False(WebhookAddresses.IsForbidden(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://10.0.0.5/send", "10.0.0.5")]
    [InlineData("http://[fe80::1]/send", "fe80::1")]
    [InlineData("http://localhost:9/send", "127.0.0.1")]
    [InlineData("http://robot.localhost/send", "127.0.0.1")]
    [InlineData("http://localhost./send", "127.0.0.1")]
    [InlineData("http://192.168.1.1./send", "192.168.1.1")]
    [InlineData("http://8.8.8.8/send", null)]
    public async Task A_registered_host_is_checked_as_written_and_an_allowed_host_is_exempt(string url, string? forbidden)
    {
        var host = new Uri(url).Host;
        Assert.Equal(forbidden, (await WebhookAddresses.ForbiddenAddressAsync(host, [], TimeSpan.FromSeconds(1), default))?.ToString());
        Assert.Null(await WebhookAddresses.ForbiddenAddressAsync(host, [host.ToUpperInvariant()], TimeSpan.FromSeconds(1), default));
    }
}
