using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace RiskMap.Api.Features.DataNotes;

/// <summary>The latest committed import of one kind for one department.</summary>
/// <param name="Kind">boundaries, districts, enterprises, inspections, hazards or enforcement.</param>
/// <param name="Department">Department code whose enterprises the rows concern; null when the rows name none (and for boundaries).</param>
/// <param name="DepartmentName">That department's name; null without a department.</param>
/// <param name="FileName">The file imported.</param>
/// <param name="Rows">Its rows (features) of that department.</param>
/// <param name="FinishedAt">When it was committed (UTC offset included).</param>
/// <param name="Demo">True for a file of the demo dataset: fictional records.</param>
public sealed record DataNotesImport(string Kind, string? Department, string? DepartmentName, string FileName, int Rows,
    DateTimeOffset FinishedAt, bool Demo);

/// <summary>What a reader should know about the data on the map (数据说明).</summary>
/// <param name="Imports">The latest import per kind and department, by kind then department.</param>
/// <param name="DemoRecords">True when demo records are loaded (a district marked demo, or a demo file imported): their enterprises, inspections, hazards and enforcement actions are fictional.</param>
/// <param name="IllustrativeBoundaries">True when a township boundary is illustrative, not an official division.</param>
/// <param name="CountingRules">Where the counting rules (口径) of the figures are written: the statistics operation's description.</param>
public sealed record DataNotesResponse(IReadOnlyList<DataNotesImport> Imports, bool DemoRecords, bool IllustrativeBoundaries, string CountingRules);

/// <summary>Maps <c>/api/v1/data-notes</c>.</summary>
public static class DataNotesApi
{
    /// <summary>The counting rules' address: GET /api/v1/statistics in Swagger UI.</summary>
    public const string CountingRulesUrl = "/swagger/index.html#/Statistics/GetStatistics";

    /// <summary>Maps the endpoint on <paramref name="api"/> (a group that requires a signed-in reader).</summary>
    public static RouteGroupBuilder MapDataNotes(this RouteGroupBuilder api)
    {
        api.MapGet("/data-notes", GetDataNotes)
            .WithTags("DataNotes")
            .ProducesValidationProblem()
            .WithName("GetDataNotes")
            .WithSummary("How fresh and how real the data is: the last import per kind and department, demo and illustrative flags, the counting rules' link.")
            .WithDescription("For the map's 数据说明 panel: the latest committed import of each kind (boundaries, districts, enterprises, " +
                             "inspections, hazards, enforcement) for each department whose enterprises its rows concern, with the file, " +
                             "its rows of that department and when it was committed; whether demo records (fictional) are loaded and " +
                             "whether any township boundary is illustrative; and where the counting rules are written. Imports are " +
                             "recorded since this version; files loaded before are not listed.")
            .Produces<DataNotesResponse>(StatusCodes.Status200OK, "application/json");
        return api;
    }

    /// <summary>
    /// The notes: one DISTINCT ON (kind, department_code) pass over import_runs in the order of its
    /// (kind, department_code, finished_at) index, and two EXISTS probes.
    /// </summary>
    internal static async Task<Ok<DataNotesResponse>> GetDataNotes(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var imports = await Sql.QueryAsync(dataSource, """
            SELECT DISTINCT ON (r.kind, r.department_code) r.kind, r.department_code, d.name AS department_name, r.file_name, r.rows,
                r.finished_at, r.demo
            FROM import_runs r LEFT JOIN departments d ON d.code = r.department_code
            ORDER BY r.kind, r.department_code, r.finished_at DESC, r.id DESC
            """, _ => { }, r => new DataNotesImport(r.Get<string>("kind"), r.NullableString("department_code"), r.NullableString("department_name"),
                r.Get<string>("file_name"), r.Get<int>("rows"), r.Get<DateTimeOffset>("finished_at"), r.Get<bool>("demo")), cancellationToken);
        var flags = await Sql.QueryAsync(dataSource, """
            SELECT EXISTS (SELECT 1 FROM districts WHERE demo) OR EXISTS (SELECT 1 FROM import_runs WHERE demo) AS demo, EXISTS (SELECT 1 FROM townships WHERE illustrative) AS illustrative
            """, _ => { }, r => (Demo: r.Get<bool>("demo"), Illustrative: r.Get<bool>("illustrative")), cancellationToken);
        return TypedResults.Ok(new DataNotesResponse(imports, flags[0].Demo, flags[0].Illustrative, CountingRulesUrl));
    }
}
