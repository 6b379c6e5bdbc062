using RiskMap.Api.Hosting;

namespace RiskMap.UnitTests.Hosting;

public sealed class WebSecurityTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png", "https://*.tile.openstreetmap.org")]
    [InlineData("https://webrd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}", "https://*.is.autonavi.com")]
    [InlineData("http://tiles.example:8080/{z}/{x}/{y}.png", "http://tiles.example:8080")]
    [InlineData("HTTPS://Tiles.Example/{z}/{x}/{y}.png", "https://Tiles.Example")]
    [InlineData("https://tiles.{s}.example/{z}/{x}/{y}.png", "https:")]
    [InlineData("/local/{z}/{x}/{y}.png", null)]
    [InlineData("ftp://tiles.example/{z}.png", null)]
    public void The_basemap_source_admits_the_basemaps_host_and_nothing_wider_than_needed(string? url, string? expected)
        => Assert.Equal(expected, WebSecurity.BasemapSource(url));

    [Fact]
    public void The_page_policy_allows_no_inline_script_and_no_framing()
    {
        var policy = WebSecurity.PagePolicy(null);
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("img-src 'self';", policy);
        Assert.EndsWith("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe", policy);
    }

    [Theory]
    [InlineData(null, new string[0], new string[0], null)]
    [InlineData("https://riskmap.example.gov.cn/", new string[0], new string[0], null)]
    [InlineData("http://10.1.2.3:8080/riskmap", new[] { "10.0.0.5", "::1" }, new[] { "10.0.0.0/8", "fd00::/8" }, null)]
    [InlineData("riskmap.example.gov.cn", new string[0], new string[0], "RiskMap:PublicBaseUrl")]
    [InlineData("ftp://riskmap.example.gov.cn/", new string[0], new string[0], "RiskMap:PublicBaseUrl")]
    [InlineData("https://riskmap.example.gov.cn/?a=1", new string[0], new string[0], "RiskMap:PublicBaseUrl")]
    [InlineData("https://user@riskmap.example.gov.cn/", new string[0], new string[0], "RiskMap:PublicBaseUrl")]
    [InlineData(null, new[] { "proxy.example" }, new string[0], "RiskMap:ForwardedHeaders:KnownProxies")]
    [InlineData(null, new string[0], new[] { "10.0.0.0/33" }, "RiskMap:ForwardedHeaders:KnownNetworks")]
    public void Malformed_settings_are_named(string? baseUrl, string[] proxies, string[] networks, string? setting)
    {
        var problem = new PublicAddressOptions
        {
            PublicBaseUrl = baseUrl,
            ForwardedHeaders = new() { KnownProxies = [.. proxies], KnownNetworks = [.. networks] },
        }.Problem();
        if (setting is null) Assert.Null(problem);
        else Assert.StartsWith(setting + " must", problem);
    }
}
