using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>A township chief reaches nothing of another township: 403 for a named one, only their own rows otherwise.</summary>
[Collection(ReadOnlyDemoCollection.Name)]
public sealed class ScopeTests(DemoApp app)
{
    private const string Own = "431103105";
    private const string Other = "431103101";

    private Task<HttpClient> Chief() => app.ClientForAsync($"chief-{Own}");

    [Fact]
    public async Task The_choropleth_holds_only_the_chiefs_township()
    {
        var map = await (await Chief()).GetFromJsonAsync<JsonElement>("/api/v1/townships/choropleth?asOf=2022-12-31");
        Assert.Equal([Own], map.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
        var leader = await (await app.ClientForAsync("leader")).GetFromJsonAsync<JsonElement>("/api/v1/townships/choropleth?asOf=2022-12-31");
        Assert.Equal(18, leader.GetProperty("features").GetArrayLength());
        var ownForLeader = leader.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("id").GetString() == Own).GetProperty("properties");
        var ownForChief = map.GetProperty("features")[0].GetProperty("properties");
        Assert.Equal(ownForLeader.GetProperty("openMajor").GetInt32(), ownForChief.GetProperty("openMajor").GetInt32());
    }

    [Fact]
    public async Task Lists_hold_only_the_chiefs_rows()
    {
        var chief = await Chief();
        var enterprises = await chief.GetFromJsonAsync<JsonElement>("/api/v1/enterprises?pageSize=5000&asOf=2022-12-31");
        Assert.All(enterprises.GetProperty("features").EnumerateArray(), f => Assert.Equal(Own, f.GetProperty("properties").GetProperty("township").GetString()));
        var expected = (long)(await app.ScalarAsync($"SELECT count(*) FROM enterprises WHERE township_code = '{Own}'"))!;
        Assert.Equal(expected, enterprises.GetProperty("total").GetInt32());

        var hazards = await chief.GetFromJsonAsync<JsonElement>("/api/v1/hazards?pageSize=1000&asOf=2022-12-31");
        Assert.True(hazards.GetProperty("total").GetInt32() > 0);
        Assert.All(hazards.GetProperty("items").EnumerateArray(), h => Assert.Equal(Own, h.GetProperty("township").GetString()));

        var bbox = await chief.GetFromJsonAsync<JsonElement>("/api/v1/enterprises?bbox=100,20,120,30&pageSize=5000");
        Assert.Equal(expected, bbox.GetProperty("total").GetInt32());

        var districts = await chief.GetFromJsonAsync<JsonElement>("/api/v1/districts");
        Assert.Equal(expected, districts[0].GetProperty("enterprises").GetInt32());
    }

    [Fact]
    public async Task District_statistics_cover_only_the_chiefs_township()
    {
        var chief = await Chief();
        const string period = "from=2020-01-01&to=2020-09-30";
        var own = await chief.GetFromJsonAsync<JsonElement>($"/api/v1/statistics?district=431103&{period}");
        var leaderView = await (await app.ClientForAsync("leader")).GetFromJsonAsync<JsonElement>($"/api/v1/statistics?district=431103&township={Own}&{period}");
        Assert.Equal(leaderView.GetProperty("enterprisesInspected").GetInt32(), own.GetProperty("enterprisesInspected").GetInt32());
        Assert.Equal(leaderView.GetProperty("finesYuan").GetDecimal(), own.GetProperty("finesYuan").GetDecimal());
        Assert.Equal(leaderView.GetProperty("openAtEnd").GetRawText(), own.GetProperty("openAtEnd").GetRawText());
        Assert.NotEqual(1599, own.GetProperty("enterprisesInspected").GetInt32());
        // The answer says which townships its figures cover; the leader's whole-district figures say nothing.
        Assert.Equal([Own], own.GetProperty("townships").EnumerateArray().Select(t => t.GetString()));
        var district = await (await app.ClientForAsync("leader")).GetFromJsonAsync<JsonElement>($"/api/v1/statistics?district=431103&{period}");
        Assert.Equal(JsonValueKind.Null, district.GetProperty("townships").ValueKind);
    }

    [Theory]
    [InlineData("/api/v1/townships/" + Other)]
    [InlineData("/api/v1/townships/" + Other + "?asOf=2022-12-31")]
    [InlineData("/api/v1/enterprises?township=" + Other)]
    [InlineData("/api/v1/hazards?township=" + Other)]
    [InlineData("/api/v1/statistics?district=431103&township=" + Other + "&from=2020-01-01&to=2020-09-30")]
    [InlineData("/api/v1/statistics/series?district=431103&township=" + Other + "&from=2020-01-01&to=2020-09-30")]
    [InlineData("/api/v1/reports/campaign?district=431103&township=" + Other + "&from=2020-01-01&to=2020-09-30&format=html")]
    public async Task A_named_other_township_is_403(string url)
    {
        var response = await (await Chief()).GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("花桥", body); // the refusal carries nothing of the other township but its code
    }

    [Fact]
    public async Task Another_townships_hazard_answers_like_an_unknown_id_and_the_chiefs_own_is_readable()
    {
        var chief = await Chief();
        var otherHazard = (long)(await app.ScalarAsync($"SELECT min(h.id) FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id WHERE e.township_code = '{Other}'"))!;
        var ownHazard = (long)(await app.ScalarAsync($"SELECT min(h.id) FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id WHERE e.township_code = '{Own}'"))!;
        var other = await chief.GetAsync($"/api/v1/hazards/{otherHazard}");
        var unknown = await chief.GetAsync("/api/v1/hazards/999999999");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var otherBody = await other.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Other, otherBody);
        var otherProblem = JsonDocument.Parse(otherBody).RootElement;
        var unknownProblem = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(unknownProblem.GetProperty("title").GetString(), otherProblem.GetProperty("title").GetString());
        Assert.Equal(unknownProblem.GetProperty("detail").GetString()!.Replace("999999999", "ID"),
            otherProblem.GetProperty("detail").GetString()!.Replace(otherHazard.ToString(System.Globalization.CultureInfo.InvariantCulture), "ID"));
        // Writes to it answer the same way.
        var move = await chief.PostAsJsonAsync($"/api/v1/hazards/{otherHazard}/status", new { status = "Rectifying", version = 1 });
        Assert.Equal(HttpStatusCode.NotFound, move.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await chief.GetAsync($"/api/v1/hazards/{ownHazard}")).StatusCode);
    }

    [Fact]
    public async Task Another_townships_attachment_answers_like_an_unknown_id_on_every_attachment_endpoint()
    {
        var chief = await Chief();
        var other = await app.ScalarAsync($"""
            SELECT min(a.id) || ' ' || min(a.hazard_id) FROM attachments a JOIN hazards h ON h.id = a.hazard_id JOIN enterprises e ON e.id = h.enterprise_id
            WHERE e.township_code <> '{Own}'
            """) as string;
        var (attachment, hazard) = (other!.Split(' ')[0], other.Split(' ')[1]);
        var leader = await app.ClientForAsync("leader");
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
        foreach (var (method, url, unknownUrl, id) in new[]
                 {
                     ("GET", $"/api/v1/attachments/{attachment}", "/api/v1/attachments/999999999", attachment),
                     ("GET", $"/api/v1/attachments/{attachment}/thumbnail", "/api/v1/attachments/999999999/thumbnail", attachment),
                     ("GET", $"/api/v1/hazards/{hazard}/attachments", "/api/v1/hazards/999999999/attachments", hazard),
                     ("POST", $"/api/v1/hazards/{hazard}/attachments", "/api/v1/hazards/999999999/attachments", hazard),
                 })
        {
            HttpRequestMessage Request(string target)
            {
                var request = new HttpRequestMessage(new HttpMethod(method), target);
                if (method == "POST")
                {
                    var form = new MultipartFormDataContent { { new StringContent("After"), "kind" }, { new ByteArrayContent(png), "file", "x.png" } };
                    request.Content = form;
                }
                return request;
            }
            var refused = await chief.SendAsync(Request(url));
            var unknown = await chief.SendAsync(Request(unknownUrl));
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            var refusedProblem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            var unknownProblem = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(unknownProblem.GetProperty("code").GetString(), refusedProblem.GetProperty("code").GetString());
            Assert.Equal(unknownProblem.GetProperty("detail").GetString()!.Replace("999999999", "ID"), refusedProblem.GetProperty("detail").GetString()!.Replace(id, "ID"));
            // The district's reader sees it.
            if (method == "GET") Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync(url)).StatusCode);
        }
        Assert.Equal(0L, await app.ScalarAsync($"SELECT count(*) FROM attachments WHERE hazard_id = {hazard} AND uploaded_by = 'chief-{Own}'"));
    }

    [Fact]
    public async Task An_inspector_reads_the_assigned_townships_only()
    {
        var inspector = await app.ClientForAsync("inspector-1");
        var map = await inspector.GetFromJsonAsync<JsonElement>("/api/v1/townships/choropleth?asOf=2022-12-31");
        Assert.Equal(["431103101", "431103102", "431103105"], map.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.GetAsync("/api/v1/townships/431103201")).StatusCode);
    }
}
