using System.Net.Http.Json;
using RiskMap.Api.Features.Ledger;
using RiskMap.Api.Features.Statistics;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>The demo district exercises the ledger: sources, clauses in force, plans, supervision, acceptances, extension requests.</summary>
[Collection(ReadOnlyDemoCollection.Name)]
public sealed class LedgerDemoTests(DemoApp app)
{
    [Fact]
    public async Task The_demo_district_has_every_source_clauses_in_force_plans_supervision_and_extension_requests()
    {
        Assert.Equal(4L, await app.ScalarAsync("SELECT count(DISTINCT source) FROM hazards"));
        Assert.Equal(0L, await app.ScalarAsync("SELECT count(*) FROM hazards WHERE level = 'Major' AND plan_completion_on IS NULL"));
        Assert.Equal(0L, await app.ScalarAsync("SELECT count(*) FROM hazards WHERE supervised AND (supervision_level IS NULL OR supervision_listed_on IS NULL)"));
        Assert.Equal(2L, await app.ScalarAsync("SELECT count(DISTINCT supervision_level) FROM hazards WHERE supervised"));
        Assert.Equal(await app.ScalarAsync("SELECT count(*) FROM hazards WHERE status = 'Closed'"),
            await app.ScalarAsync("SELECT count(*) FROM hazard_acceptances WHERE result = 'Pass'"));
        Assert.Equal(2L, await app.ScalarAsync("SELECT count(*) FROM extension_requests WHERE state = 'Pending'"));
        Assert.True((long)(await app.ScalarAsync("SELECT count(*) FROM extension_requests WHERE state = 'Rejected'"))! > 0);

        // Every cited clause may be cited by its hazard: the catalogue's rules hold for the demo records.
        var cited = ((string)(await app.ScalarAsync(
            "SELECT string_agg(criterion_clause || '|' || sector || '|' || to_char(found_on, 'YYYY-MM-DD'), ';') FROM hazards WHERE criterion_clause IS NOT NULL"))!)
            .Split(';').Select(c => c.Split('|')).ToList();
        Assert.All(cited, c => Assert.Null(CriterionCatalogue.Embedded.Check(c[0], c[1], DateOnly.Parse(c[2], System.Globalization.CultureInfo.InvariantCulture))));
        Assert.NotEmpty(cited);
    }

    [Fact]
    public async Task The_split_of_the_published_period_adds_up_to_the_published_figures()
    {
        var s = (await (await app.ClientForAsync("leader")).GetFromJsonAsync<StatisticsResponse>("/api/v1/statistics?district=431103&from=2020-01-01&to=2020-09-30"))!;
        var split = s.HazardSplit!;
        var sources = new[] { split.DepartmentInspection, split.EnterpriseSelfReport, split.PublicTip, split.Other };
        Assert.Equal(1178 + 5, sources.Sum(f => f.Found));
        Assert.Equal(1107 + 4, sources.Sum(f => f.Rectified));
        Assert.All(sources, f => Assert.True(f.Found > 0));
        Assert.Equal(await app.ScalarAsync("""
            SELECT count(*)::int FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id JOIN townships t ON t.code = e.township_code
            WHERE t.district_code = '431103' AND h.supervised AND h.found_on BETWEEN '2020-01-01' AND '2020-09-30'
            """), split.Supervised.Found);
    }
}
