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
    /// Computes a bulletin for <paramref name="area"/>: the fingerprint first, then the figures of the area, of each covered
    /// township, of each sector (<see cref="FiguresAsync"/>) and of each month (<see cref="StatisticsQueries.SeriesAsync"/>),
    /// all from the statistics' one query text, then the hazard list.
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
        // The calendar months of the period (the first and last cut to it), all in one query.
        var months = (await StatisticsQueries.SeriesAsync(dataSource, new FiguresArea(area.District, area.Township, null, area.Scope),
                area.From, area.To, "month", null, cancellationToken))
            .Where(r => r.Ordinal is not null).OrderBy(r => r.Ordinal)
            .Select(r => new MonthPoint(r.From, r.To, r.Figures.GeneralHazards.Found + r.Figures.MajorHazards.Found,
                r.Figures.OpenAtEnd.OpenMajor + r.Figures.OpenAtEnd.OpenGeneral))
            .ToList();
        var hazards = await BulletinQueries.OverdueAndSupervisedMajorAsync(dataSource, area, cancellationToken);
        var narrowed = covered.Count == townships.Count ? null : covered.Select(t => t.Name).ToList();
        return new CampaignBulletin(area, districtName, narrowed, figures, months, hazards, fingerprint, time.GetUtcNow());
    }

    /// <summary>
    /// The figures of <paramref name="area"/>: the whole area (<see cref="StatisticsQueries.GetAsync"/>), then each of
    /// <paramref name="townships"/> and each sector (<see cref="StatisticsQueries.GroupsAsync"/>, one query per grouping);
    /// the same query text, so each group's figures are the statistics endpoint's for that township or sector.
    /// </summary>
    public static async Task<BulletinFigures> FiguresAsync(NpgsqlDataSource dataSource, BulletinArea area,
        IReadOnlyList<(string Code, string Name)> townships, CancellationToken cancellationToken)
    {
        var headline = await StatisticsQueries.GetAsync(dataSource, area.District, area.Township, null, area.From, area.To, area.Scope, cancellationToken);
        var figuresArea = new FiguresArea(area.District, area.Township, null, area.Scope);
        var perTownship = (await StatisticsQueries.GroupsAsync(dataSource, figuresArea, area.From, area.To, "township", cancellationToken))
            .ToDictionary(r => r.Group!);
        var perSector = (await StatisticsQueries.GroupsAsync(dataSource, figuresArea, area.From, area.To, "sector", cancellationToken))
            .ToDictionary(r => r.Group!);
        var byTownship = townships.Select(t => new AreaFigures(t.Code, t.Name,
            StatisticsQueries.Response(area.District, t.Code, null, area.From, area.To, perTownship[t.Code].Figures))).ToList();
        var bySector = Domain.Sector.All.Select(sector => new AreaFigures(sector.Code, sector.NameZh,
            StatisticsQueries.Response(area.District, area.Township, sector.Code, area.From, area.To, perSector[sector.Code].Figures))).ToList();
        return new BulletinFigures(headline, byTownship, bySector);
    }
}
