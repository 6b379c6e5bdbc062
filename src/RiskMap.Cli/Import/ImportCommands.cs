using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using RiskMap.Api.Resources;
using RiskMap.Api.Data;
using RiskMap.Api.Features;
using RiskMap.Api.Features.Import;
using RiskMap.Api.Features.Roads;
using RiskMap.Api.Hosting;
using RiskMap.Cli.CommandLine;

namespace RiskMap.Cli.Import;

/// <summary>
/// <c>import boundaries|enterprises|inspections|hazards|enforcement|roads FILE</c>: the same pipeline as the API and the page
/// (<see cref="ImportPipeline"/>), for scripts and scheduled loads. Exit codes: 0 accepted, 1 rejected or failed, 2 usage.
/// Notes and reasons are the API's, written in the language of the process (<c>LANG</c>: English for <c>en_*</c>,
/// Chinese otherwise).
/// </summary>
internal static class ImportCommands
{
    private static readonly CliOption[] Common =
    [
        new("district", "CODE", "6-digit district. Default: boundaries: the township codes' first six digits; tables: the only stored district"),
        CliOption.Flag("dry-run", "Check and merge in a transaction that is rolled back: nothing is written"),
    ];

    private static readonly CliOption[] TableOptions =
    [
        new("encoding", "NAME", "CSV text encoding: auto (default: BOM, else UTF-8 if valid, else GBK), utf-8, gbk, gb18030"),
        new("sheet", "NAME", "XLSX worksheet. Default: the first"),
        new("map", "FIELD=HEADER,…", "Column mapping, e.g. credit_code=统一社会信用代码,name=单位名称. Default: by name, Chinese header or synonym"),
    ];

    /// <summary>Every import command.</summary>
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        Command(ImportKind.Boundaries, "Replaces a district's townships from GeoJSON, a zipped Shapefile or a GeoPackage; re-assigns enterprises.",
        [
            new("crs", "CRS", "Source system when the file does not say it: wgs84, cgcs2000, gcj02, bd09 or EPSG:nnnn (e.g. EPSG:4546)"),
            new("district-name", "NAME", "Name of a district not stored yet: it is created with the townships' union as outline"),
            new("map", "code=PROP,name=PROP[,kind=PROP]", "Which properties hold code, name and kind. Default: guessed from names and values"),
        ]),
        Command(ImportKind.Enterprises, "Imports enterprises from CSV or XLSX (all or nothing).",
        [
            new("crs", "CRS", "Coordinate system of the file's coordinates (required): wgs84 (phones), gcj02 (Amap/Tencent), bd09 (Baidu), cgcs2000"),
            new("duplicates", "POLICY", "Credit codes already stored: reject (default), update or skip"),
            CliOption.Flag("accept-outside", "Keep enterprises outside the district (listed as flagged) instead of rejecting the file"),
            .. TableOptions,
        ]),
        Command(ImportKind.Inspections, "Imports inspections from CSV or XLSX (all or nothing).", TableOptions),
        Command(ImportKind.Hazards, "Imports hazards from CSV or XLSX (all or nothing).", TableOptions),
        Command(ImportKind.Enforcement, "Imports enforcement actions from CSV or XLSX (all or nothing).", TableOptions),
        Command(ImportKind.Roads, "Replaces a district's road network from GeoJSON, a zipped Shapefile, a GeoPackage or OpenStreetMap (.osm, .osm.pbf).",
        [
            new("crs", "CRS", "Source system when a line file does not say it: wgs84, cgcs2000, gcj02, bd09 or EPSG:nnnn (OpenStreetMap is WGS-84)"),
            new("map", "class=PROP,speed=PROP,oneway=PROP,name=PROP,speed.CLASS=KMH", "Which properties hold class, speed (km/h), one-way and name, and the district's speed per class. Default: by name; speeds as in the README"),
        ]),
        new(["roads", "delete"], "Removes a district's road network (plans fall back to straight lines); recorded in the audit log.",
            [new("district", "CODE", "6-digit district. Default: the only stored district")], DeleteRoads),
    ];

    /// <summary>
    /// <c>roads delete [--district CODE]</c>: <see cref="RoadImport.DeleteAsync"/> as the system user. Exit codes: 0 removed, 1 no
    /// such district or no network.
    /// </summary>
    private static int DeleteRoads(CliArguments args, TextWriter output, TextWriter error)
    {
        var (message, removed) = OfflineHost.RunAsync(async services =>
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RiskMapDbContext>();
            var (district, problem) = await Areas.DistrictAsync(db, args.Find("district"), default);
            if (problem is not null) return ($"No district {args.Find("district") ?? "(none or several stored; give --district)"}.", false);
            return await RoadImport.DeleteAsync(db, new ClaimsPrincipal(new ClaimsIdentity()), district!, default) is { } summary
                ? ($"removed the road network of {district}: {summary.Edges} edges, {summary.Vertices} vertices", true)
                : ($"District {district} has no road network.", false);
        }).GetAwaiter().GetResult();
        (removed ? output : error).WriteLine(message);
        return removed ? 0 : 1;
    }

    private static CliCommand Command(ImportKind kind, string summary, IReadOnlyList<CliOption> options)
        => new(["import", kind.ToString().ToLowerInvariant()], summary, [.. Common, .. options], (args, output, error) => Run(kind, args, output, error), ["FILE"]);

    private static int Run(ImportKind kind, CliArguments args, TextWriter output, TextWriter error)
    {
        var path = args.Positional[0];
        if (!File.Exists(path))
        {
            error.WriteLine($"No such file: {path}");
            return 1;
        }
        Dictionary<string, string>? mapping = null;
        if (args.Find("map") is { } map)
        {
            mapping = [];
            foreach (var pair in map.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var equals = pair.IndexOf('=');
                if (equals <= 0)
                {
                    error.WriteLine($"--map expects FIELD=HEADER pairs separated by commas, not '{pair}'.");
                    return CliApp.UsageError;
                }
                mapping[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
            }
        }
        var duplicates = args.Get("duplicates", "reject");
        if (!Enum.TryParse<DuplicatePolicy>(duplicates, ignoreCase: true, out var policy) || !Enum.IsDefined(policy))
        {
            error.WriteLine($"--duplicates must be reject, update or skip, not '{duplicates}'.");
            return CliApp.UsageError;
        }
        var request = new ImportRequest(kind, Path.GetFullPath(path), Path.GetFileName(path), args.Has("dry-run"), args.Find("district"),
            args.Find("district-name"), args.Find("crs"), args.Find("encoding"), args.Find("sheet"), mapping, policy, args.Has("accept-outside"));
        var outcome = OfflineHost.RunAsync(async services =>
        {
            var outcome = await services.GetRequiredService<ImportPipeline>().RunAsync(request, new ConsoleProgress(error), default);
            return ImportMessages.Render(services.GetRequiredService<IStringLocalizer<Messages>>(), outcome);
        }).GetAwaiter().GetResult();
        Write(outcome, output, error);
        return outcome.Accepted ? 0 : 1;
    }

    /// <summary>
    /// Prints what an import did, or every rejected row (one per line, tab-separated: file, row, column, value, code, reason),
    /// from an outcome whose texts are written (<see cref="ImportMessages.Render(IStringLocalizer, ImportOutcome)"/>).
    /// </summary>
    internal static void Write(ImportOutcome outcome, TextWriter output, TextWriter error)
    {
        foreach (var note in outcome.Notes) output.WriteLine($"note: {note}");
        if (outcome.Result is { } result)
        {
            output.WriteLine((outcome.DryRun ? "dry run (nothing written): " : outcome.Written ? "" : "not written: ") + result);
            foreach (var flagged in result.Flagged)
                output.WriteLine($"flagged\t{flagged.File}\t{flagged.Row}\t{flagged.Column}\t{flagged.Value}\t{flagged.Code}\t{flagged.Reason}");
        }
        if (outcome.Errors.Count == 0) return;
        error.WriteLine($"rejected: {outcome.Errors.Count} value(s); nothing was written");
        foreach (var e in outcome.Errors) error.WriteLine($"{e.File}\t{e.Row.ToString(CultureInfo.InvariantCulture)}\t{e.Column}\t{e.Value}\t{e.Code}\t{e.Reason}");
    }

    private sealed class ConsoleProgress(TextWriter writer) : IProgress<ImportProgress>
    {
        private int _lastPercent = -1;

        public void Report(ImportProgress value)
        {
            var percent = (int)(value.Fraction * 100);
            if (percent / 10 == _lastPercent / 10 && value.Stage == "reading") return;
            _lastPercent = percent;
            writer.WriteLine($"{value.Stage}: {value.Rows} row(s), {percent}% of the file");
        }
    }
}
