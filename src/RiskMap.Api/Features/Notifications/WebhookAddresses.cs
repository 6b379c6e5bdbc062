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
    /// <summary>True when the service must not post to <paramref name="address"/> (the classes above; IPv4-mapped IPv6 as IPv4).</summary>
    public static bool IsForbidden(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] == 0 || b[0] == 10 || b[0] == 127 || (b[0] == 169 && b[1] == 254) || (b[0] == 172 && (b[1] & 0xF0) == 16)
                || (b[0] == 192 && b[1] == 168) || b[0] >= 224;
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return true;
        var v6 = address.GetAddressBytes();
        return address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback) || (v6[0] & 0xFE) == 0xFC
            || (v6[0] == 0xFE && (v6[1] & 0xC0) == 0x80) || v6[0] == 0xFF;
    }

    /// <summary>True when <paramref name="host"/> (a URL's host, brackets of an IPv6 literal ignored) is one of <paramref name="allowed"/>, case-insensitive.</summary>
    public static bool IsAllowedHost(string host, IEnumerable<string> allowed)
        => allowed.Any(a => string.Equals(a.Trim().Trim('[', ']'), host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The first address of <paramref name="host"/> the service must not post to, or null when there is none: the host
    /// itself when it is an address literal, else the addresses it resolves to (a name that does not resolve within
    /// <paramref name="timeout"/> gives null: the send-time check still applies). <c>localhost</c> and <c>*.localhost</c>
    /// count as loopback without asking DNS. An allowed host (<see cref="IsAllowedHost"/>) gives null.
    /// </summary>
    public static async Task<IPAddress?> ForbiddenAddressAsync(string host, IEnumerable<string> allowed, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (IsAllowedHost(host, allowed)) return null;
        var bare = host.Trim('[', ']');
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
