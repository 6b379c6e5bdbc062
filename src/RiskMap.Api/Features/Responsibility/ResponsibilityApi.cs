using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Npgsql;
using RiskMap.Api.Contract;
using RiskMap.Api.Data;
using RiskMap.Api.Features.Exports;
using RiskMap.Api.Resources;

namespace RiskMap.Api.Features.Responsibility;

/// <summary>Maps <c>GET /api/v1/responsibility</c> (包保责任) and its workbook <c>GET /api/v1/exports/responsibility</c>.</summary>
public static class ResponsibilityApi
{
    private const string Description =
        "District leaders with the townships they cover (区领导包乡镇, leader_assignments), townships with their chiefs " +
        "(accounts with the TownshipChief role bound to them), departments with the sectors they supervise (from the sector " +
        "definitions of map-config) and the enterprises they cover (部门包企业: the enterprise's department, else its sector's), " +
        "and enterprises with their responsible person (that of their latest hazard naming one). Every node carries its " +
        "enterprises, the major hazards open and overdue on asOf and its last inspection on or before it; a node's figures " +
        "sum (or, for the last inspection, take the latest over) its enterprises. Within the caller's townships; 403 for a " +
        "township outside them, 404 for an unknown district or township.";

    /// <summary>Maps the responsibility endpoints on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapResponsibility(this RouteGroupBuilder api)
    {
        api.MapGroup("/responsibility").WithTags("Responsibility").ProducesValidationProblem()
            .MapGet("/", GetView)
            .WithName("GetResponsibility")
            .WithSummary("The responsibility chain (包保责任) as of a day: leaders → townships, departments → enterprises, with open and overdue major hazards and last inspections.")
            .WithDescription(Description)
            .Produces<ResponsibilityView>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGroup("/exports").WithTags("Exports").ProducesValidationProblem()
            .MapGet("/responsibility", Export)
            .WithName("ExportResponsibility")
            .WithSummary("The responsibility chain (包保责任) as an XLSX workbook: leaders and townships, departments, enterprises.")
            .WithDescription("The figures of GET /api/v1/responsibility as a download with three sheets — leaders with their townships, " +
                             "departments with their sectors and totals, enterprises with their department and responsible person — headers in " +
                             "the request's language. " + Description)
            .Produces(StatusCodes.Status200OK, typeof(byte[]), XlsxFiles.MediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>The view of <paramref name="query"/> within the caller's scope.</summary>
    internal static async Task<Results<Ok<ResponsibilityView>, ProblemHttpResult>> GetView([AsParameters] ResponsibilityQuery query,
        RiskMapDbContext db, NpgsqlDataSource dataSource, TimeProvider time, Accounts.ReadScope scope, CancellationToken cancellationToken)
    {
        var (view, problem) = await BuildAsync(query, db, dataSource, time, scope, cancellationToken);
        if (problem is not null) return problem;
        return TypedResults.Ok(view!);
    }

    /// <summary>The view of <paramref name="query"/> within the caller's scope as a workbook.</summary>
    internal static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Export([AsParameters] ResponsibilityQuery query,
        RiskMapDbContext db, NpgsqlDataSource dataSource, TimeProvider time, Accounts.ReadScope scope, IStringLocalizer<Messages> localizer,
        CancellationToken cancellationToken)
    {
        var (view, problem) = await BuildAsync(query, db, dataSource, time, scope, cancellationToken);
        if (problem is not null) return problem;
        return XlsxFiles.Write($"responsibility_{view!.District}_{view.AsOf:yyyy-MM-dd}.xlsx", new ResponsibilityWorkbook(localizer).Sheets(view));
    }

    /// <summary>Builds the view: 403/404 problems as for every read of a township.</summary>
    internal static async Task<(ResponsibilityView? View, ProblemHttpResult? Problem)> BuildAsync(ResponsibilityQuery query,
        RiskMapDbContext db, NpgsqlDataSource dataSource, TimeProvider time, Accounts.ReadScope scope, CancellationToken cancellationToken)
    {
        if (query.Township is { } township && !scope.Covers(township)) return (null, Problems.OutsideScope("township", township));
        var (district, problem) = await Areas.DistrictAsync(db, query.District, cancellationToken);
        if (problem is not null) return (null, problem);
        if (query.Township is { } named && await Areas.TownshipExistsAsync(db, named, district, cancellationToken) is { } missing) return (null, missing);

        var area = new ResponsibilityQueries.Area(district!, query.Township, query.AsOf ?? CampaignCalendar.Today(time), scope.AsArray());
        var townshipRows = await ResponsibilityQueries.TownshipsAsync(dataSource, area, cancellationToken);
        var enterprises = await ResponsibilityQueries.EnterprisesAsync(dataSource, area, cancellationToken);
        var departments = await ResponsibilityQueries.DepartmentsAsync(dataSource, cancellationToken);

        var byTownship = enterprises.ToLookup(e => e.Node.Township);
        var townships = townshipRows.Select(t => new TownshipNode(t.Code, t.Name, [.. t.Leaders.Select(l => l.Name)], t.Chiefs,
            ResponsibilityFigures.Sum(byTownship[t.Code].Select(e => e.Node.Figures)))).ToList();
        var leaders = townshipRows.SelectMany(t => t.Leaders.Select(l => (Leader: l, Township: townships.First(n => n.Code == t.Code))))
            .GroupBy(x => x.Leader.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new LeaderNode(g.Key, g.Select(x => x.Leader.Title).FirstOrDefault(t => t is not null),
                [.. g.Select(x => x.Township)], ResponsibilityFigures.Sum(g.Select(x => x.Township.Figures))))
            .ToList();
        var byDepartment = enterprises.ToLookup(e => e.Department);
        // Departments of the table first; a department code found only on enterprises still gets its node.
        var departmentNodes = departments
            .Concat(byDepartment.Select(g => g.Key).OfType<string>().Where(c => departments.All(d => d.Code != c)).Order(StringComparer.Ordinal)
                .Select(c => (Code: c, Name: c)))
            .Select(d => new DepartmentNode(d.Code, d.Name,
                [.. Domain.Sector.All.Where(s => s.Department.Code == d.Code).Select(s => s.Code)],
                [.. byDepartment[d.Code].Select(e => e.Node)],
                ResponsibilityFigures.Sum(byDepartment[d.Code].Select(e => e.Node.Figures))))
            .ToList();
        var limited = query.Township is null && !scope.IsEverything ? townships.Select(t => t.Code).ToList() : null;
        return (new ResponsibilityView(district!, area.AsOf, townships, leaders, departmentNodes, limited), null);
    }
}
