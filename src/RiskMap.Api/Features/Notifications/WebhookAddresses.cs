using System.Net;
using System.Net.Sockets;

namespace RiskMap.Api.Features.Notifications;

/// <summary>
/// The network addresses a webhook may reach. The service never posts to loopback (127.0.0.0/8, ::1), private
/// (RFC 1918: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16; RFC 4193: fc00::/7), link-local (169.254.0.0/16, fe80::/10),
/// unspecified or "this network" (0.0.0.0/8, ::), broadcast or multicast (224.0.0.0/4, ff00::/8) addresses, so that a
/// webhook cannot make it call into the office network or its own host. The check is made when a webhook is registered
/// (an address in the URL, or the addresses its name resolves to then) and again on every send, on the addresses the
/// connection actually uses (<see cref="ConnectAsync"/>), so a name re-pointed after registration (DNS rebinding) is
/// refused too. Hosts named in <see cref="NotificationOptions.AllowedWebhookHosts"/> (exact host names or addresses, for a
/// robot gateway inside the office network) are exempt.
/// </summary>
public static class WebhookAddresses
{
    /// <summary>
    /// IPv4 blocks of the IANA special-purpose address registry (RFC 6890 and its updates) that are not the public
    /// internet: "this network", private, shared address space for carrier-grade NAT (RFC 6598), loopback, link-local,
    /// IETF protocol assignments, documentation (TEST-NET-1..3), benchmarking (RFC 2544), multicast, reserved and broadcast.
    /// </summary>
    private static readonly IPNetwork[] ForbiddenV4 =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
            "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/3",
        }.Select(IPNetwork.Parse),
    ];

    /// <summary>
    /// IPv6 blocks refused outright: IPv4-compatible and unspecified/loopback (::/96), IPv4-translated (::ffff:0:0:0/96, RFC 2765), discard (100::/64), Teredo
    /// (2001::/32), documentation (2001:db8::/32), unique local (fc00::/7), link-local (fe80::/10), site-local (fec0::/10),
    /// multicast (ff00::/8).
    /// </summary>
    private static readonly IPNetwork[] ForbiddenV6 =
        [.. new[] { "::/96", "::ffff:0:0:0/96", "100::/64", "2001::/32", "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8" }.Select(IPNetwork.Parse)];

    /// <summary>
    /// True when the service must not post to <paramref name="address"/>: the blocks above; an IPv6 address that carries
    /// an IPv4 address (IPv4-mapped ::ffff:0:0/96, the NAT64 prefixes 64:ff9b::/96 and 64:ff9b:1::/48 of RFC 6052/8215, 6to4
    /// 2002::/16 of RFC 3056) is judged by the IPv4 address it carries.
    /// </summary>
    public static bool IsForbidden(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork) return ForbiddenV4.Any(n => n.Contains(address));
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return true;
        var v6 = address.GetAddressBytes();
        if (ForbiddenV6.Any(n => n.Contains(address))) return true;
        if (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xFF && v6[3] == 0x9B) return IsForbidden(new IPAddress(v6[12..16]));
        if (v6[0] == 0x20 && v6[1] == 0x02) return IsForbidden(new IPAddress(v6[2..6]));
        return false;
    }

    /// <summary>True when <paramref name="host"/> (a URL's host, brackets of an IPv6 literal ignored) is one of <paramref name="allowed"/>, case-insensitive.</summary>
    public static bool IsAllowedHost(string host, IEnumerable<string> allowed)
        => allowed.Any(a => string.Equals(Bare(a.Trim()), Bare(host), StringComparison.OrdinalIgnoreCase));

    /// <summary>A URL's host without the brackets of an IPv6 literal and the root dot ("localhost." and "10.0.0.1." name the same hosts).</summary>
    private static string Bare(string host) => host.Trim('[', ']').TrimEnd('.');

    /// <summary>
    /// The first address of <paramref name="host"/> the service must not post to, or null when there is none: the host
    /// itself when it is an address literal, else the addresses it resolves to (a name that does not resolve within
    /// <paramref name="timeout"/> gives null: the send-time check still applies). <c>localhost</c> and <c>*.localhost</c>
    /// count as loopback without asking DNS. An allowed host (<see cref="IsAllowedHost"/>) gives null.
    /// </summary>
    public static async Task<IPAddress?> ForbiddenAddressAsync(string host, IEnumerable<string> allowed, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (IsAllowedHost(host, allowed)) return null;
        var bare = Bare(host);
        if (IPAddress.TryParse(bare, out var literal)) return IsForbidden(literal) ? literal : null;
        if (bare.Equals("localhost", StringComparison.OrdinalIgnoreCase) || bare.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            return IPAddress.Loopback;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            return (await Dns.GetHostAddressesAsync(bare, limit.Token)).FirstOrDefault(IsForbidden);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// The connect step of the webhook client (<see cref="SocketsHttpHandler.ConnectCallback"/>): resolves the host, keeps
    /// the addresses that are not forbidden (all of them for an allowed host) and connects to those only.
    /// </summary>
    /// <exception cref="HttpRequestException">Every address of the host is forbidden; the delivery records it as a failed attempt.</exception>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, IReadOnlyCollection<string> allowed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var host = endpoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var usable = IsAllowedHost(host, allowed) ? addresses : addresses.Where(a => !IsForbidden(a)).ToArray();
        if (usable.Length == 0)
            throw new HttpRequestException($"Refused: {endpoint.Host} resolves only to loopback, private, link-local, unspecified or multicast addresses ({string.Join(", ", addresses.Select(a => a.ToString()))}).");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(usable, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The handler of the webhook client: no redirects, no proxy, connections through <see cref="ConnectAsync"/>.</summary>
    public static SocketsHttpHandler Handler(IReadOnlyCollection<string> allowed) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowed, cancellationToken),
    };
}
