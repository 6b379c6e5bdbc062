using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RiskMap.Api.Data;
using RiskMap.Api.Domain;
using RiskMap.Api.Features.Import;
using RiskMap.TestSupport;
using static RiskMap.IntegrationTests.TownshipAssignmentTests;

namespace RiskMap.IntegrationTests;

/// <summary>
/// Location-quality flags on crafted enterprises, the duplicate review queue, and merging two records of one enterprise,
/// each test in a district of its own (two square townships, <see cref="TownshipAssignmentTests.CreateTwoTownshipsAsync"/>:
/// 东街道 (…001) east of the meridian 112.1, 西镇 (…002) west of it).
/// </summary>
public sealed class LocationQualityTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static EnterpriseRecord Enterprise(string district, int serial, string name, double lon, double lat, string? address = null)
        => new(serial + 1, CreditCode(district, serial), name, "gas", false, address, lon, lat, null);

    private async Task ImportAsync(params EnterpriseRecord[] records)
        => await app.WithDbAsync(db => new ImportService(db).ImportEnterprisesAsync("test", records, DuplicatePolicy.Reject, default));

    private async Task<long> IdAsync(string district, int serial)
        => (long)(await app.ScalarAsync($"SELECT id FROM enterprises WHERE credit_code = '{CreditCode(district, serial)}'"))!;

    private async Task<short> FlagsAsync(string district, int serial)
        => (short)(await app.ScalarAsync($"SELECT location_quality FROM enterprises WHERE credit_code = '{CreditCode(district, serial)}'"))!;

    private static HttpClient Speaking(HttpClient client, string language)
    {
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return client;
    }

    private static string FieldCode(JsonElement problem, string field)
        => problem.GetProperty("errorCodes").GetProperty(field)[0].GetProperty("code").GetString()!;

    [Fact]
    public async Task An_import_flags_shared_label_coarse_and_misaddressed_points_in_one_pass_and_a_move_clears_a_pancake()
    {
        const string d = "431181";
        await CreateTwoTownshipsAsync(app, d);
        var y = Lat(d, 0);
        var label = await app.WithDbAsync(db => db.Townships.Where(t => t.Code == d + "001").Select(t => t.LabelPoint!).SingleAsync());
        // 30 m north of 东街道's label point (a metre of latitude is 1 / 111,030 degree at 39°), off the 3-decimal grid.
        var nearLabel = (Lon: label.X + 0.0000001234, Lat: label.Y + 30 / 111_030.0);
        Assert.InRange((double)(await app.ScalarAsync(
            $"SELECT ST_Distance(label_point::geography, ST_SetSRID(ST_MakePoint({F(nearLabel.Lon)}, {F(nearLabel.Lat)}), 4326)::geography) FROM townships WHERE code = '{d}001'"))!,
            29.0, 31.0);

        await ImportAsync(
            // Five at one point of 西镇: each shares it with four others.
            Enterprise(d, 1, "甲燃气站", 112.0712345, y + 0.0312345), Enterprise(d, 2, "乙燃气站", 112.0712345, y + 0.0312345),
            Enterprise(d, 3, "丙燃气站", 112.0712345, y + 0.0312345), Enterprise(d, 4, "丁燃气站", 112.0712345, y + 0.0312345),
            Enterprise(d, 5, "戊燃气站", 112.0712345, y + 0.0312345),
            Enterprise(d, 6, "近标注点燃气站", nearLabel.Lon, nearLabel.Lat),
            Enterprise(d, 7, "三位小数燃气站", 112.183, y + 0.021),
            Enterprise(d, 8, "地址不符燃气站", 112.1612345, y + 0.0712345, "测试区西镇幸福路8号"),
            Enterprise(d, 9, "地址相符燃气站", 112.1312345, y + 0.0112345, "测试区东街道和平路1号"),
            Enterprise(d, 10, "两名俱在燃气站", 112.1412345, y + 0.0212345, "测试区东街道西镇路2号"));

        for (var serial = 1; serial <= 5; serial++) Assert.Equal(1, await FlagsAsync(d, serial));
        Assert.Equal(2, await FlagsAsync(d, 6));
        Assert.Equal(4, await FlagsAsync(d, 7));
        Assert.Equal(8, await FlagsAsync(d, 8));
        Assert.Equal(0, await FlagsAsync(d, 9));
        Assert.Equal(0, await FlagsAsync(d, 10));

        using var admin = await app.ClientForAsync("admin");
        // The list DTO carries the flag names, and the filter keeps exactly the flagged ones.
        var shared = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/enterprises?township={d}002&locationQuality=SharedPoint");
        Assert.Equal(5, shared.GetProperty("total").GetInt32());
        Assert.All(shared.GetProperty("features").EnumerateArray(),
            f => Assert.Equal("[\"SharedPoint\"]", f.GetProperty("properties").GetProperty("locationQuality").GetRawText()));
        var clean = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/enterprises?township={d}001&locationQuality=None");
        Assert.Equal(["两名俱在燃气站", "地址相符燃气站"],
            clean.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("name").GetString()!).Order(StringComparer.Ordinal));

        // The admin list: counts per flag in a township, and the flagged enterprises.
        var east = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/enterprises/location-quality?township={d}001");
        Assert.Equal(5, east.GetProperty("enterprises").GetInt32());
        Assert.Equal(3, east.GetProperty("questionable").GetInt32());
        Assert.Equal("SharedPoint=0,NearLabelPoint=1,CoarseCoordinates=1,AddressNamesOtherTownship=1", string.Join(",",
            east.GetProperty("counts").EnumerateArray().Select(c => $"{c.GetProperty("flag").GetString()}={c.GetProperty("enterprises").GetInt32()}")));
        Assert.Equal(["三位小数燃气站", "地址不符燃气站", "近标注点燃气站"],
            east.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
        var coarse = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/enterprises/location-quality?township={d}001&flag=CoarseCoordinates");
        Assert.Equal("三位小数燃气站", Assert.Single(coarse.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());

        // The route planner warns about a stop at a questionable point (and not about the others).
        var candidates = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/routes/candidates?district={d}");
        var flags = candidates.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!,
            i => i.GetProperty("flags").EnumerateArray().Select(f => f.GetString()).ToList());
        Assert.Contains("QuestionableLocation", flags["甲燃气站"]);
        Assert.Contains("QuestionableLocation", flags["地址不符燃气站"]);
        Assert.DoesNotContain("QuestionableLocation", flags["地址相符燃气站"]);

        // Moving two of the five away leaves three at the point, each with two others: no pancake any more.
        await app.ExecuteAsync($"""
            UPDATE enterprises SET location = ST_SetSRID(ST_MakePoint(112.0412345 + id * 0.0001234, {F(y + 0.0612345)}), 4326)
            WHERE credit_code IN ('{CreditCode(d, 1)}', '{CreditCode(d, 2)}')
            """);
        for (var serial = 1; serial <= 5; serial++) Assert.Equal(0, await FlagsAsync(d, serial));
        // Moving one back makes four again: all four flagged.
        await app.ExecuteAsync($"""
            UPDATE enterprises SET location = ST_SetSRID(ST_MakePoint(112.0712345, {F(y + 0.0312345)}), 4326) WHERE credit_code = '{CreditCode(d, 1)}'
            """);
        Assert.Equal(new short[] { 1, 0, 1, 1, 1 }, new[] { await FlagsAsync(d, 1), await FlagsAsync(d, 2), await FlagsAsync(d, 3), await FlagsAsync(d, 4), await FlagsAsync(d, 5) });
    }

    [Fact]
    public async Task The_queue_proposes_a_similar_name_nearby_and_a_same_name_afar_until_marked_distinct()
    {
        const string d = "431182";
        await CreateTwoTownshipsAsync(app, d);
        var y = Lat(d, 0);
        await ImportAsync(
            Enterprise(d, 1, "冷水滩恒达化工有限公司", 112.1504321, y + 0.0504321),
            Enterprise(d, 2, "恒达化工有限公司", 112.1508321, y + 0.0508321), // about 57 m away
            Enterprise(d, 3, "鑫源化工有限公司", 112.1502321, y + 0.0502321), // as near, another name of the trade
            Enterprise(d, 4, "永兴加油站", 112.0304321, y + 0.0204321),
            Enterprise(d, 5, "永兴加油站", 112.0704321, y + 0.0804321)); // the same name 7 km away
        using var admin = await app.ClientForAsync("admin");

        async Task<List<string>> PairsAsync()
        {
            var queue = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/enterprises/duplicates?district={d}");
            return queue.GetProperty("items").EnumerateArray().Select(p =>
                $"{p.GetProperty("first").GetProperty("name").GetString()}|{p.GetProperty("second").GetProperty("name").GetString()}|{p.GetProperty("reason").GetString()}").ToList();
        }

        Assert.Equal(["永兴加油站|永兴加油站|SameName", "冷水滩恒达化工有限公司|恒达化工有限公司|SimilarName"], await PairsAsync());

        var distinct = new { firstId = await IdAsync(d, 5), secondId = await IdAsync(d, 4) };
        var marked = await admin.PostAsJsonAsync("/api/v1/enterprises/distinct-pairs", distinct);
        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        var pair = await marked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(await IdAsync(d, 4), pair.GetProperty("firstId").GetInt64());
        Assert.Equal("admin", pair.GetProperty("decidedBy").GetString());
        Assert.Equal(["冷水滩恒达化工有限公司|恒达化工有限公司|SimilarName"], await PairsAsync());

        // Marking again keeps the first decision and writes no second audit row.
        var again = await (await admin.PostAsJsonAsync("/api/v1/enterprises/distinct-pairs", distinct)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(pair.GetProperty("decidedAt").GetDateTimeOffset(), again.GetProperty("decidedAt").GetDateTimeOffset());
        Assert.Equal(1L, await app.ScalarAsync($"SELECT count(*) FROM audit_log WHERE action = 'enterprise.distinct' AND entity_id = '{await IdAsync(d, 4)}'"));
    }

    [Fact]
    public async Task A_merge_moves_every_record_of_every_table_referring_to_enterprises_to_the_survivor_in_one_audited_transaction()
    {
        const string d = "431183";
        await CreateTwoTownshipsAsync(app, d);
        var y = Lat(d, 0);
        await ImportAsync(
            Enterprise(d, 1, "恒达化工有限公司", 112.1004321, y + 0.0504321),        // 东街道
            Enterprise(d, 2, "冷水滩恒达化工有限公司", 112.0996321, y + 0.0504321),  // 西镇, about 70 m west
            Enterprise(d, 3, "鑫源化工有限公司", 112.1304321, y + 0.0304321));
        var survivor = await IdAsync(d, 1);
        var merged = await IdAsync(d, 2);
        var other = await IdAsync(d, 3);
        await app.WithDbAsync(async db =>
        {
            foreach (var id in new[] { survivor, merged, merged })
            {
                var inspection = new Inspection { EnterpriseId = id, Date = new DateOnly(2024, 5, 6), InspectionGroup = "2024-05-G01", InspectorVisits = 2 };
                db.Inspections.Add(inspection);
                await db.SaveChangesAsync();
                db.Hazards.Add(new Hazard
                {
                    EnterpriseId = id, InspectionId = inspection.Id, Sector = "gas", Level = HazardLevel.General, Description = "灭火器过期",
                    FoundOn = inspection.Date, Deadline = inspection.Date.AddDays(30), Status = HazardStatus.Open,
                });
                db.EnforcementActions.Add(new EnforcementAction { EnterpriseId = id, Date = inspection.Date, Kind = EnforcementKind.Document });
            }
            return await db.SaveChangesAsync();
        });
        await app.ExecuteAsync($"INSERT INTO enterprise_distinct_pairs (first_id, second_id, decided_by) VALUES ({merged}, {other}, 'admin')");
        await app.ExecuteAsync($"""
            INSERT INTO error_reports (subject, enterprise_id, text, status, reporter_id, reporter_name, reported_at)
            VALUES ('Enterprise', {merged}, '名称重复登记', 'Open', 'x', 'chief', now())
            """);

        // Every (table, column) with a foreign key to enterprises(id), from the database itself: the fixture must give
        // each one a row of the merged record, so that a new child table fails here until the merge is shown to move it.
        var references = await ReferencesAsync();
        Assert.Equal(["enforcement_actions.enterprise_id", "enterprise_distinct_pairs.first_id", "enterprise_distinct_pairs.second_id",
            "error_reports.enterprise_id", "hazards.enterprise_id", "inspections.enterprise_id"], references.Select(r => $"{r.Table}.{r.Column}"));
        var tables = references.Select(r => r.Table).Distinct().ToList();
        var before = new Dictionary<string, (long Survivor, long Merged)>();
        foreach (var table in tables) before[table] = (await CountAsync(references, table, survivor), await CountAsync(references, table, merged));
        Assert.All(tables, t => Assert.True(before[t].Merged > 0, $"The fixture gives {t} no row of the merged record."));

        using var admin = await app.ClientForAsync("admin");
        var response = await admin.PostAsJsonAsync("/api/v1/enterprises/merges", new { survivorId = survivor, mergedId = merged });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcome = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("enforcement_actions.enterprise_id=2,error_reports.enterprise_id=1,hazards.enterprise_id=2,inspections.enterprise_id=2", string.Join(",",
            outcome.GetProperty("moved").EnumerateArray().Select(m => $"{m.GetProperty("table").GetString()}.{m.GetProperty("column").GetString()}={m.GetProperty("rows").GetInt64()}")));

        foreach (var table in tables)
        {
            Assert.Equal(0L, await CountAsync(references, table, merged));
            Assert.Equal(before[table].Survivor + before[table].Merged, await CountAsync(references, table, survivor));
        }
        Assert.Equal(0L, await app.ScalarAsync($"SELECT count(*) FROM enterprises WHERE id = {merged}"));
        // The hazards moved township with their enterprise; the distinct decision now names the survivor.
        Assert.Equal(3L, await app.ScalarAsync($"SELECT count(*) FROM hazards WHERE enterprise_id = {survivor} AND township_code = '{d}001'"));
        Assert.Equal(1L, await app.ScalarAsync($"SELECT count(*) FROM enterprise_distinct_pairs WHERE first_id = {Math.Min(survivor, other)} AND second_id = {Math.Max(survivor, other)}"));
        Assert.Equal(1L, await app.ScalarAsync(
            $"SELECT count(*) FROM audit_log WHERE action = 'enterprise.merge' AND entity_id = '{survivor}' AND before::text LIKE '%{CreditCode(d, 2)}%' AND user_name = 'admin'"));
    }

    [Fact]
    public async Task A_merge_with_itself_across_districts_or_of_unknown_ids_is_refused_in_the_users_language_and_writes_nothing()
    {
        const string d = "431184", e = "431185";
        await CreateTwoTownshipsAsync(app, d);
        await CreateTwoTownshipsAsync(app, e);
        await ImportAsync(Enterprise(d, 1, "甲化工厂", 112.1304321, Lat(d, 0.0304321)), Enterprise(e, 1, "甲化工厂", 112.1304321, Lat(e, 0.0304321)));
        var here = await IdAsync(d, 1);
        var there = await IdAsync(e, 1);
        await app.WithDbAsync(db =>
        {
            db.EnforcementActions.Add(new EnforcementAction { EnterpriseId = there, Date = new DateOnly(2024, 5, 6), Kind = EnforcementKind.Interview });
            return db.SaveChangesAsync();
        });
        using var english = await app.ClientForAsync("admin");
        using var chinese = Speaking(await app.ClientForAsync("admin"), "zh-CN");

        async Task<(HttpStatusCode Status, JsonElement En, JsonElement Zh)> PostAsync(string path, object body)
        {
            var en = await english.PostAsJsonAsync(path, body);
            var zh = await chinese.PostAsJsonAsync(path, body);
            Assert.Equal(en.StatusCode, zh.StatusCode);
            return (en.StatusCode, await en.Content.ReadFromJsonAsync<JsonElement>(), await zh.Content.ReadFromJsonAsync<JsonElement>());
        }

        var self = await PostAsync("/api/v1/enterprises/merges", new { survivorId = here, mergedId = here });
        Assert.Equal(HttpStatusCode.BadRequest, self.Status);
        Assert.Equal("quality.same-enterprise", FieldCode(self.En, "mergedId"));
        Assert.Equal("quality.same-enterprise", FieldCode(self.Zh, "mergedId"));
        Assert.Contains("same enterprise", self.En.GetProperty("errors").GetProperty("mergedId")[0].GetString());
        Assert.Contains("同一家企业", self.Zh.GetProperty("errors").GetProperty("mergedId")[0].GetString());

        var across = await PostAsync("/api/v1/enterprises/merges", new { survivorId = here, mergedId = there });
        Assert.Equal(HttpStatusCode.BadRequest, across.Status);
        Assert.Equal("quality.across-districts", FieldCode(across.En, "mergedId"));
        Assert.Contains($"district '{e}'", across.En.GetProperty("errors").GetProperty("mergedId")[0].GetString());
        Assert.Contains("同一区县", across.Zh.GetProperty("errors").GetProperty("mergedId")[0].GetString());

        var unknown = await PostAsync("/api/v1/enterprises/merges", new { survivorId = here, mergedId = 987_654_321L });
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("quality.enterprise-unknown", unknown.En.GetProperty("code").GetString());
        Assert.Equal("mergedId", unknown.En.GetProperty("parameter").GetString());
        Assert.Contains("没有编号为 987654321 的企业", unknown.Zh.GetProperty("detail").GetString());

        var missing = await PostAsync("/api/v1/enterprises/merges", new { survivorId = here });
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.True(missing.En.GetProperty("errorCodes").TryGetProperty("mergedId", out _));

        var distinctSelf = await PostAsync("/api/v1/enterprises/distinct-pairs", new { firstId = there, secondId = there });
        Assert.Equal(HttpStatusCode.BadRequest, distinctSelf.Status);
        Assert.Equal("quality.same-enterprise", FieldCode(distinctSelf.En, "secondId"));
        var distinctUnknown = await PostAsync("/api/v1/enterprises/distinct-pairs", new { firstId = 987_654_321L, secondId = there });
        Assert.Equal(HttpStatusCode.NotFound, distinctUnknown.Status);
        Assert.Equal("firstId", distinctUnknown.En.GetProperty("parameter").GetString());

        // Nothing was written: both records and the other's enforcement action are where they were, no audit row.
        Assert.Equal(2L, await app.ScalarAsync($"SELECT count(*) FROM enterprises WHERE id IN ({here}, {there})"));
        Assert.Equal(1L, await app.ScalarAsync($"SELECT count(*) FROM enforcement_actions WHERE enterprise_id = {there}"));
        Assert.Equal(0L, await app.ScalarAsync($"SELECT count(*) FROM audit_log WHERE entity_id IN ('{here}', '{there}') AND action LIKE 'enterprise.%'"));
        Assert.Equal(0L, await app.ScalarAsync($"SELECT count(*) FROM enterprise_distinct_pairs WHERE {there} IN (first_id, second_id)"));
    }

    private async Task<List<(string Table, string Column)>> ReferencesAsync()
    {
        var text = (string?)await app.ScalarAsync("""
            SELECT string_agg(c.conrelid::regclass::text || '.' || a.attname, ',' ORDER BY 1)
            FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
            WHERE c.contype = 'f' AND c.confrelid = 'enterprises'::regclass
            """);
        return [.. text!.Split(',').Order(StringComparer.Ordinal).Select(s => (s.Split('.')[0], s.Split('.')[1]))];
    }

    private async Task<long> CountAsync(List<(string Table, string Column)> references, string table, long id)
        => (long)(await app.ScalarAsync(
            $"SELECT count(*) FROM {table} WHERE {string.Join(" OR ", references.Where(r => r.Table == table).Select(r => $"{r.Column} = {id}"))}"))!;
}

/// <summary>The demo district's data-quality examples (data/enterprises.csv, DataQualityExamples in the generator) are found.</summary>
[Collection(ReadOnlyDemoCollection.Name)]
public sealed class DemoLocationQualityTests(DemoApp app)
{
    [Fact]
    public async Task The_demo_register_shows_each_kind_of_questionable_location_and_both_kinds_of_duplicate()
    {
        using var admin = await app.ClientForAsync("admin");
        var report = await admin.GetFromJsonAsync<JsonElement>("/api/v1/enterprises/location-quality");
        var counts = report.GetProperty("counts").EnumerateArray().ToDictionary(c => c.GetProperty("flag").GetString()!, c => c.GetProperty("enterprises").GetInt32());
        Assert.Equal(5, counts["SharedPoint"]);
        Assert.Equal(3, counts["CoarseCoordinates"]);
        Assert.Equal(2, counts["AddressNamesOtherTownship"]);
        Assert.Contains(report.GetProperty("items").EnumerateArray(), i => i.GetProperty("name").GetString() == "冷水滩区腾隆塑料制品有限公司"
            && i.GetProperty("locationQuality").EnumerateArray().Any(f => f.GetString() == "NearLabelPoint"));

        var queue = await admin.GetFromJsonAsync<JsonElement>("/api/v1/enterprises/duplicates");
        var pairs = queue.GetProperty("items").EnumerateArray()
            .Select(p => $"{p.GetProperty("first").GetProperty("name").GetString()}|{p.GetProperty("second").GetProperty("name").GetString()}|{p.GetProperty("reason").GetString()}")
            .ToList();
        Assert.Contains("冷水滩区盛凯米业有限公司|冷水滩区盛凯米业有限公司|SameName", pairs);
        Assert.Contains("冷水滩区兴诚天然气有限公司|兴诚天然气有限公司|SimilarName", pairs);
    }
}
