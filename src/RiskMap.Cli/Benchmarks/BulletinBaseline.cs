using Npgsql;
using RiskMap.Api.Features.Reports;
using RiskMap.Api.Features.Statistics;

namespace RiskMap.Cli.Benchmarks;

/// <summary>
/// The baseline of the campaign bulletin's benchmarks: the queries the bulletin runs (<see cref="CampaignBulletin.BuildAsync"/>),
/// one after another through one data source, without writing anything — the record fingerprint, the statistics query for
/// the area, grouped by township, grouped by sector and by month, and the hazard list.
/// </summary>
public static class BulletinBaseline
{
    /// <summary>Runs the queries of the bulletin of <paramref name="area"/>, whose townships are <paramref name="townships"/>.</summary>
    public static async Task RunAsync(NpgsqlDataSource dataSource, BulletinArea area, IReadOnlyList<string> townships)
    {
        ArgumentNullException.ThrowIfNull(townships);
        var none = CancellationToken.None;
        var figuresArea = new FiguresArea(area.District, area.Township, null, area.Scope);
        await BulletinQueries.FingerprintAsync(dataSource, area, none);
        await StatisticsQueries.GetAsync(dataSource, area.District, area.Township, null, area.From, area.To, area.Scope, none);
        var grouped = await StatisticsQueries.GroupsAsync(dataSource, figuresArea, area.From, area.To, "township", none);
        if (townships.Count > 0 && grouped.Count == 0) throw new InvalidOperationException("The township grouping found none of the district's townships.");
        await StatisticsQueries.GroupsAsync(dataSource, figuresArea, area.From, area.To, "sector", none);
        await StatisticsQueries.SeriesAsync(dataSource, figuresArea, area.From, area.To, "month", null, none);
        await BulletinQueries.OverdueAndSupervisedMajorAsync(dataSource, area, none);
    }

    /// <summary>The codes of the townships of <paramref name="district"/>, ordered.</summary>
    public static async Task<List<string>> TownshipsAsync(NpgsqlDataSource dataSource, string district)
        => await Api.Features.Sql.QueryAsync(dataSource, "SELECT code FROM townships WHERE district_code = @d ORDER BY code",
            p => p.AddWithValue("d", district), r => r.Get<string>("code"), CancellationToken.None);
}
