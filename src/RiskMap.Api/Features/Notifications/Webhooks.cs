using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace RiskMap.Api.Features.Notifications;

/// <summary>The robot a webhook posts to.</summary>
public enum WebhookKind
{
    /// <summary>企业微信 group robot: <c>{"msgtype":"markdown","markdown":{"content":…}}</c>.</summary>
    WeCom,
    /// <summary>
    /// 钉钉 custom robot: <c>{"msgtype":"markdown","markdown":{"title":…,"text":…}}</c>, signed when a secret is set
    /// (<see cref="Webhooks.DingTalkSignedUrl"/>).
    /// </summary>
    DingTalk,
}

/// <summary>The robots' message formats, DingTalk's signature, and the check of a webhook address.</summary>
public static class Webhooks
{
    /// <summary>
    /// The JSON body of a markdown message to <paramref name="kind"/>: WeCom's <c>markdown.content</c> (group robot
    /// documentation, 企业微信 "群机器人配置说明"), DingTalk's <c>markdown.title</c> and <c>markdown.text</c> (钉钉 "自定义机器人发送群消息").
    /// </summary>
    public static string Body(WebhookKind kind, string title, string markdown) => (kind switch
    {
        WebhookKind.WeCom => new JsonObject { ["msgtype"] = "markdown", ["markdown"] = new JsonObject { ["content"] = markdown } },
        _ => new JsonObject { ["msgtype"] = "markdown", ["markdown"] = new JsonObject { ["title"] = title, ["text"] = markdown } },
    }).ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>
    /// DingTalk's signature of a request at <paramref name="timestampMs"/> (Unix milliseconds): Base64 of HMAC-SHA256 keyed
    /// with the UTF-8 secret over <c>"{timestamp}\n{secret}"</c> (钉钉开放平台, "自定义机器人安全设置 — 加签").
    /// </summary>
    public static string DingTalkSign(long timestampMs, string secret)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        return Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(
            timestampMs.ToString(CultureInfo.InvariantCulture) + "\n" + secret)));
    }

    /// <summary>
    /// <paramref name="url"/> with DingTalk's <c>timestamp</c> (Unix milliseconds of <paramref name="now"/>) and URL-encoded
    /// <c>sign</c> query parameters appended (<see cref="DingTalkSign"/>); the URL unchanged when there is no secret.
    /// </summary>
    public static string DingTalkSignedUrl(string url, string? secret, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(secret)) return url;
        var timestamp = now.ToUnixTimeMilliseconds();
        return $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}timestamp={timestamp.ToString(CultureInfo.InvariantCulture)}" +
               $"&sign={Uri.EscapeDataString(DingTalkSign(timestamp, secret))}";
    }

    /// <summary>
    /// The problem code of a webhook address the service refuses, or null for a good one: not an absolute http(s) URL
    /// (<see cref="NotificationProblemCodes.WebhookUrlScheme"/>), or one that points at the service itself — the host and
    /// port of the request or of an address the server listens on, loopback names counting as one host
    /// (<see cref="NotificationProblemCodes.WebhookUrlSelf"/>), so that a webhook cannot make the service call its own API.
    /// </summary>
    public static string? Refusal(string url, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host) || !string.IsNullOrEmpty(uri.UserInfo))
            return NotificationProblemCodes.WebhookUrlScheme;
        var own = new List<(string Host, int Port)>();
        var request = http.Request;
        own.Add((request.Host.Host, request.Host.Port ?? (request.IsHttps ? 443 : 80)));
        var addresses = http.RequestServices.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            if (Uri.TryCreate(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal),
                    UriKind.Absolute, out var listening))
                own.Add((listening.Host, listening.Port));
        }
        return own.Any(o => o.Port == uri.Port && SameHost(o.Host, uri.Host)) ? NotificationProblemCodes.WebhookUrlSelf : null;
    }

    private static bool SameHost(string own, string target)
    {
        if (string.Equals(own.Trim('[', ']'), target.Trim('[', ']'), StringComparison.OrdinalIgnoreCase)) return true;
        return IsLocal(own) && IsLocal(target);
    }

    /// <summary>A loopback or unspecified host name or address: all of them reach this machine.</summary>
    private static bool IsLocal(string host)
    {
        host = host.Trim('[', ']');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host, out var ip) && (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));
    }
}
