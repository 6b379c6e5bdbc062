using Npgsql;
using RiskMap.Api.Features.Reports;
using RiskMap.Api.Features.Statistics;

namespace RiskMap.Cli.Benchmarks;

/// <summary>
/// The baseline of the campaign bulletin's benchmarks: the queries the bulletin runs (<see cref="CampaignBulletin.BuildAsync"/>),
/// one after another through one data source, without writing anything — the record fingerprint, the statistics query for
/// the area, each of its townships, each sector and each month, and the hazard list.
/// </summary>
public static class BulletinBaseline
{
    /// <summary>Runs the queries of the bulletin of <paramref name="area"/>, whose townships are <paramref name="townships"/>.</summary>
    public static async Task RunAsync(NpgsqlDataSource dataSource, BulletinArea area, IReadOnlyList<string> townships)
    {
        var none = CancellationToken.None;
        await BulletinQueries.FingerprintAsync(dataSource, area, none);
        await StatisticsQueries.GetAsync(dataSource, area.District, area.Township, null, area.From, area.To, area.Scope, none);
        foreach (var township in townships)
            await StatisticsQueries.GetAsync(dataSource, area.District, township, null, area.From, area.To, area.Scope, none);
        foreach (var sector in Api.Domain.Sector.All)
            await StatisticsQueries.GetAsync(dataSource, area.District, area.Township, sector.Code, area.From, area.To, area.Scope, none);
        for (var start = area.From; start <= area.To; start = new DateOnly(start.Year, start.Month, 1).AddMonths(1))
        {
            var end = new DateOnly(start.Year, start.Month, 1).AddMonths(1).AddDays(-1);
            await StatisticsQueries.GetAsync(dataSource, area.District, area.Township, null, start, end > area.To ? area.To : end, area.Scope, none);
        }
        await BulletinQueries.OverdueAndSupervisedMajorAsync(dataSource, area, none);
    }

    /// <summary>The codes of the townships of <paramref name="district"/>, ordered.</summary>
    public static async Task<List<string>> TownshipsAsync(NpgsqlDataSource dataSource, string district)
        => await Api.Features.Sql.QueryAsync(dataSource, "SELECT code FROM townships WHERE district_code = @d ORDER BY code",
            p => p.AddWithValue("d", district), r => r.Get<string>("code"), CancellationToken.None);
}
