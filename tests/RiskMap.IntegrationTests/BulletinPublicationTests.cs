using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using RiskMap.Api.Features.Reports;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>
/// The bulletin's record fingerprint and its immutable publications. Changes records, so it keeps its own demo database.
/// </summary>
public sealed class BulletinPublicationTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const string Query = "/api/v1/reports/campaign?district=431103&from=2020-01-01&to=2020-09-30&format=html";

    private async Task<string> FingerprintAsync()
    {
        var response = await (await app.ClientForAsync("leader")).GetAsync(Query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(response.Headers.GetValues(ReportsApi.FingerprintHeader));
    }

    /// <summary>A general hazard found in the period and rectified (not closed) on <paramref name="before"/> or earlier.</summary>
    private async Task<long> RectifiedGeneralHazardAsync(string before, long notId = 0)
        => (long)(await app.ScalarAsync($"""
            SELECT min(h.id) FROM hazards h
            WHERE h.level = 'General' AND h.status = 'Rectified' AND h.found_on BETWEEN '2020-01-01' AND '2020-09-30'
              AND h.rectified_on < '{before}' AND h.id <> {notId}
            """))!;

    [Fact]
    public async Task The_fingerprint_changes_with_a_contributing_hazards_rectified_day_and_not_with_unrelated_records()
    {
        var before = await FingerprintAsync();
        Assert.Equal(before, await FingerprintAsync());

        // Unrelated: a hazard found after the period (so neither found in it nor open at its end), an enterprise without
        // records in the period, a hazard of 2022's description.
        await app.ExecuteAsync("UPDATE hazards SET description = description || '（复核）' WHERE id = (SELECT min(id) FROM hazards WHERE found_on > '2020-09-30')");
        await app.ExecuteAsync("""
            UPDATE enterprises SET address = coalesce(address, '') || '（新址）'
            WHERE id = (SELECT min(e.id) FROM enterprises e
                        WHERE NOT EXISTS (SELECT FROM inspections i WHERE i.enterprise_id = e.id AND i.date <= '2020-09-30')
                          AND NOT EXISTS (SELECT FROM hazards h WHERE h.enterprise_id = e.id AND h.found_on <= '2020-09-30')
                          AND NOT EXISTS (SELECT FROM enforcement_actions x WHERE x.enterprise_id = e.id AND x.date BETWEEN '2020-01-01' AND '2020-09-30'))
            """);
        Assert.Equal(before, await FingerprintAsync());

        // Contributing: one hazard's rectified day moves by a day, still inside the period (no figure changes).
        var hazard = await RectifiedGeneralHazardAsync("2020-09-29");
        await app.ExecuteAsync($"UPDATE hazards SET rectified_on = rectified_on + 1 WHERE id = {hazard}");
        var after = await FingerprintAsync();
        Assert.NotEqual(before, after);
        Assert.Matches("^[0-9a-f]{64}$", after);
    }

    [Fact]
    public async Task A_publication_cannot_be_changed_and_later_lists_the_changed_hazard_and_figures()
    {
        var leader = await app.ClientForAsync("leader");
        var chief = await app.ClientForAsync("chief-431103105");
        var body = new { district = "431103", from = "2020-01-01", to = "2020-09-30" };
        Assert.Equal(HttpStatusCode.Forbidden, (await chief.PostAsJsonAsync("/api/v1/reports/campaign/publications", body)).StatusCode);

        var created = await leader.PostAsJsonAsync("/api/v1/reports/campaign/publications", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var publication = (await created.Content.ReadFromJsonAsync<Publication>())!;
        Assert.Equal($"/api/v1/reports/campaign/publications/{publication.Id}", created.Headers.Location?.OriginalString);
        Assert.Equal("leader", publication.PublishedBy);
        Assert.Equal(CampaignBulletinTests.PublishedHeadline, BulletinText.Headline(publication.Figures.Headline));
        Assert.Equal(18, publication.Figures.Townships.Count);

        var unchanged = (await leader.GetFromJsonAsync<PublicationComparison>(created.Headers.Location))!;
        Assert.True(unchanged.Unchanged);
        Assert.Equal(publication.Fingerprint, unchanged.CurrentFingerprint);
        Assert.Empty(unchanged.ChangedRecords);
        // A chief may not read a district-wide publication: it answers as an unknown one.
        Assert.Equal(HttpStatusCode.NotFound, (await chief.GetAsync(created.Headers.Location)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync("/api/v1/reports/campaign/publications/999999999")).StatusCode);

        // The database refuses every edit, whoever connects.
        foreach (var sql in new[]
                 {
                     $"UPDATE campaign_publications SET figures = '{{}}' WHERE id = {publication.Id}",
                     $"DELETE FROM campaign_publications WHERE id = {publication.Id}",
                     $"UPDATE campaign_publication_records SET version = '0' WHERE publication_id = {publication.Id}",
                     $"DELETE FROM campaign_publication_records WHERE publication_id = {publication.Id}",
                     "TRUNCATE campaign_publication_records, campaign_publications",
                 })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => app.ExecuteAsync(sql));
            Assert.Contains("append-only", error.MessageText);
        }

        // A hazard counted as rectified is rectified after the period after all: the publication names it and its figures.
        var hazard = await RectifiedGeneralHazardAsync("2020-09-30");
        var reference = (string)(await app.ScalarAsync($"SELECT reference FROM hazards WHERE id = {hazard}"))!;
        var township = (string)(await app.ScalarAsync($"SELECT e.township_code FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id WHERE h.id = {hazard}"))!;
        await app.ExecuteAsync($"UPDATE hazards SET rectified_on = '2020-10-15' WHERE id = {hazard}");

        var changed = (await leader.GetFromJsonAsync<PublicationComparison>(created.Headers.Location))!;
        Assert.False(changed.Unchanged);
        Assert.Equal(publication.Fingerprint, changed.Publication.Fingerprint);
        Assert.NotEqual(publication.Fingerprint.Sha256, changed.CurrentFingerprint.Sha256);
        Assert.Equal([new RecordChange("hazard", hazard, reference, "changed")], changed.ChangedRecords);
        var figures = changed.ChangedFigures.ToDictionary(f => f.Figure);
        var rectified = publication.Figures.Headline.GeneralHazards.Rectified;
        Assert.Equal(new PublishedFigureChange("headline.generalHazards.rectified", rectified, rectified - 1), figures["headline.generalHazards.rectified"]);
        Assert.Contains("headline.generalHazards.rectificationRate", figures.Keys);
        Assert.Contains($"townships[{township}].generalHazards.rectified", figures.Keys);
        Assert.Equal(publication.Figures.Headline.OpenAtEnd.OpenGeneral + 1, figures["headline.openAtEnd.openGeneral"].Today);
        Assert.DoesNotContain("headline.generalHazards.found", figures.Keys);
    }

    [Fact]
    public async Task A_township_publication_is_readable_by_its_chief_only()
    {
        var leader = await app.ClientForAsync("leader");
        var created = await leader.PostAsJsonAsync("/api/v1/reports/campaign/publications",
            new { township = "431103105", from = "2020-01-01", to = "2020-09-30" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var publication = (await created.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal("431103105", publication.GetProperty("township").GetString());
        Assert.Equal(1, publication.GetProperty("figures").GetProperty("townships").GetArrayLength());
        var chief = await app.ClientForAsync("chief-431103105");
        Assert.Equal(HttpStatusCode.OK, (await chief.GetAsync(created.Headers.Location)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientForAsync("chief-431103101")).GetAsync(created.Headers.Location)).StatusCode);
    }
}
