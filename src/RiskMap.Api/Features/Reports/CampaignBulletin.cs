using Microsoft.EntityFrameworkCore;
using Npgsql;
using RiskMap.Api.Data;
using RiskMap.Api.Features.Statistics;

namespace RiskMap.Api.Features.Reports;

/// <summary>One month of the bulletin's trend figure (the first and last months cut to the period).</summary>
/// <param name="From">First day.</param>
/// <param name="To">Last day.</param>
/// <param name="HazardsFound">Hazards (both levels) found in these days.</param>
/// <param name="OpenAtEnd">Hazards (both levels) open at the end of <paramref name="To"/>.</param>
public sealed record MonthPoint(DateOnly From, DateOnly To, int HazardsFound, int OpenAtEnd);

/// <summary>Everything a campaign bulletin says, computed from the records; written out by <see cref="BulletinText"/>.</summary>
/// <param name="Area">The parameters.</param>
/// <param name="DistrictName">The district's Chinese name.</param>
/// <param name="CoveredTownships">
/// Names of the townships covered when the bulletin does not cover the whole district (one township was asked for, or
/// the caller reads only some townships); null for the whole district.
/// </param>
/// <param name="Figures">Headline, township and sector figures.</param>
/// <param name="Months">The monthly trend.</param>
/// <param name="Hazards">Major hazards open at the end that are overdue or supervised.</param>
/// <param name="Fingerprint">The fingerprint of the records, taken before the figures.</param>
/// <param name="GeneratedAt">When it was written (UTC).</param>
/// <param name="Map">The printed choropleth of the area on the period's last day, or null when not drawn (figures only).</param>
public sealed record CampaignBulletin(BulletinArea Area, string DistrictName, IReadOnlyList<string>? CoveredTownships,
    BulletinFigures Figures, IReadOnlyList<MonthPoint> Months, IReadOnlyList<ListedHazard> Hazards, RecordFingerprint Fingerprint,
    DateTimeOffset GeneratedAt, Maps.PrintedMap? Map = null)
{
    /// <summary>
    /// Computes a bulletin for <paramref name="area"/>: the fingerprint first, then every figure through
    /// <see cref="StatisticsQueries.GetAsync"/> (the area, each covered township, each sector, each month), then the hazard list.
    /// </summary>
    /// <exception cref="InvalidOperationException">The district does not exist (callers check it first).</exception>
    public static async Task<CampaignBulletin> BuildAsync(RiskMapDbContext db, NpgsqlDataSource dataSource, BulletinArea area,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var districtName = await db.Districts.Where(d => d.Code == area.District).Select(d => d.Name).SingleAsync(cancellationToken);
        var townships = await db.Townships.Where(t => t.DistrictCode == area.District).OrderBy(t => t.Code)
            .Select(t => new { t.Code, t.Name }).ToListAsync(cancellationToken);
        var covered = townships.Where(t => (area.Township is null || t.Code == area.Township) && (area.Scope is null || area.Scope.Contains(t.Code)))
            .ToList();
        var fingerprint = await BulletinQueries.FingerprintAsync(dataSource, area, cancellationToken);
        var figures = await FiguresAsync(dataSource, area, covered.Select(t => (t.Code, t.Name)).ToList(), cancellationToken);
        var months = new List<MonthPoint>();
        for (var start = area.From; start <= area.To; start = new DateOnly(start.Year, start.Month, 1).AddMonths(1))
        {
            var end = new DateOnly(start.Year, start.Month, 1).AddMonths(1).AddDays(-1);
            if (end > area.To) end = area.To;
            var m = await StatisticsQueries.GetAsync(dataSource, area.District, area.Township, null, start, end, area.Scope, cancellationToken);
            months.Add(new MonthPoint(start, end, m.GeneralHazards.Found + m.MajorHazards.Found, m.OpenAtEnd.OpenMajor + m.OpenAtEnd.OpenGeneral));
        }
        var hazards = await BulletinQueries.OverdueAndSupervisedMajorAsync(dataSource, area, cancellationToken);
        var narrowed = covered.Count == townships.Count ? null : covered.Select(t => t.Name).ToList();
        return new CampaignBulletin(area, districtName, narrowed, figures, months, hazards, fingerprint, time.GetUtcNow());
    }

    /// <summary>
    /// The figures of <paramref name="area"/>: the whole area, each of <paramref name="townships"/> and each sector, every one
    /// from <see cref="StatisticsQueries.GetAsync"/>.
    /// </summary>
    public static async Task<BulletinFigures> FiguresAsync(NpgsqlDataSource dataSource, BulletinArea area,
        IReadOnlyList<(string Code, string Name)> townships, CancellationToken cancellationToken)
    {
        var headline = await StatisticsQueries.GetAsync(dataSource, area.District, area.Township, null, area.From, area.To, area.Scope, cancellationToken);
        var byTownship = new List<AreaFigures>();
        foreach (var (code, name) in townships)
            byTownship.Add(new AreaFigures(code, name,
                await StatisticsQueries.GetAsync(dataSource, area.District, code, null, area.From, area.To, area.Scope, cancellationToken)));
        var bySector = new List<AreaFigures>();
        foreach (var sector in Domain.Sector.All)
            bySector.Add(new AreaFigures(sector.Code, sector.NameZh,
                await StatisticsQueries.GetAsync(dataSource, area.District, area.Township, sector.Code, area.From, area.To, area.Scope, cancellationToken)));
        return new BulletinFigures(headline, byTownship, bySector);
    }
}
