using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Xml;
using NetTopologySuite.IO;

namespace RiskMap.Api.Features.Routing;

/// <summary>
/// One team's route as a file: GPX 1.1 for navigation devices and GIS, CSV for Excel, and an A4 visit sheet to print.
/// Every export takes the stored plan in WGS-84 (GPX requires it) and writes text from data only through an encoder
/// (XmlWriter, CsvHelper, <see cref="HtmlEncoder"/>).
/// </summary>
public static class RouteExports
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>
    /// GPX 1.1 (http://www.topografix.com/GPX/1/1): metadata named after the team and day; one waypoint per visit named
    /// "01 name" in visit order (description = address, type = 必查/选查, mandatory/optional in English); one route
    /// (<c>rte</c>) from the start through the visits to the end point when given. Each waypoint's <c>time</c> is the expected
    /// arrival, written in UTC as GPX 1.1 requires (the same instant as the China Standard Time clock time), and its comment
    /// gives the clock time in China Standard Time. Straight segments: GPX readers draw a route as such; a road plan adds
    /// one track (<c>trk</c>) along the roads driven (the legs' paths). Names in the language of <paramref name="texts"/>.
    /// </summary>
    /// <returns>UTF-8 XML without a byte-order mark.</returns>
    public static byte[] Gpx(PlannedRoutes plan, PlannedTeam team, RouteTexts texts)
    {
        var file = new GpxFile
        {
            Metadata = new GpxMetadata("RiskMap").WithName(texts[RouteTexts.Gpx.Title, Invariant(team.Team), Day(plan.AsOf)])
                .WithDescription(texts[RouteTexts.Gpx.Description, texts.DistanceWords(plan.DistanceKind), Invariant(team.Visits.Count), Kilometres(team.TotalDistanceMetres)])
                .WithCreationTimeUtc(plan.CreatedAt.UtcDateTime),
        };
        var start = Waypoint(plan.Start).WithName(texts[RouteTexts.Gpx.Start]);
        List<GpxWaypoint> routePoints = [start];
        foreach (var visit in team.Visits)
        {
            var point = Waypoint(new PlannedPoint(visit.Longitude, visit.Latitude))
                .WithName($"{visit.Sequence:00} {visit.Name}")
                .WithDescription(visit.Address)
                .WithTimestampUtc(visit.ArrivalTime?.UtcDateTime)
                .WithComment(visit.ArrivalTime is { } arrival ? texts[RouteTexts.Gpx.Arrival, Clock(arrival)] : null)
                .WithClassification(texts.Mandatory(visit.Mandatory));
            file.Waypoints.Add(point);
            routePoints.Add(point);
        }
        if (plan.End is { } end && team.Visits.Count > 0) routePoints.Add(Waypoint(end).WithName(texts[RouteTexts.Gpx.End]));
        file.Routes.Add(new GpxRoute().WithName(texts[RouteTexts.Gpx.Route, Invariant(team.Team)]).WithNumber((uint)team.Team).WithWaypoints(routePoints));
        if (RoadTrack(team) is { Count: > 1 } track)
        {
            // Road plans: the roads driven as a track, so that a GPX reader draws them instead of straight route segments.
            file.Tracks.Add(new GpxTrack().WithName(texts[RouteTexts.Gpx.Route, Invariant(team.Team)]).WithNumber((uint)team.Team)
                .WithSegments([new GpxTrackSegment(new ImmutableGpxWaypointTable(track.Select(p => Waypoint(new PlannedPoint(p[0], p[1])))), null)]));
        }

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            file.WriteTo(writer, new GpxWriterSettings());
        }
        return stream.ToArray();
    }

    /// <summary>
    /// CSV (RFC 4180) of the team's visits with the headers of <paramref name="texts"/> (<see cref="RouteTexts.CsvColumns"/>
    /// in order): WGS-84 degrees to 7 decimals, metres and minutes rounded to whole numbers, yes/no for mandatory, sectors
    /// and flags in words.
    /// </summary>
    /// <returns>UTF-8 with a byte-order mark, so that Excel reads the Chinese text.</returns>
    public static byte[] Csv(PlannedTeam team, RouteTexts texts)
        => ExcelCsv.Write(texts.CsvHeaders, team.Visits.Select(v => (IReadOnlyList<CsvCell>)
        [
            CsvCell.Number(v.Sequence), v.Name, v.CreditCode, RouteTexts.Sector(v.Sector), v.Address, v.TownshipName,
            CsvCell.Number(v.Longitude, "0.0000000"), CsvCell.Number(v.Latitude, "0.0000000"),
            texts.Boolean(v.Mandatory), CsvCell.Number(v.OpenMajor), CsvCell.Number(v.OpenGeneral), CsvCell.Number(v.Overdue),
            CsvCell.Number(v.Score, "0.##"), CsvCell.Number(Math.Round(v.LegDistanceMetres)),
            CsvCell.Number(Math.Round(v.CumulativeDistanceMetres)), CsvCell.Number(Math.Round(v.ArrivalSeconds / 60)),
            CsvCell.Number(Math.Round(v.DepartureSeconds / 60)), string.Join(RouteTexts.ListSeparator, v.Flags.Select(texts.Flag)),
            v.ArrivalTime is { } arrival ? Clock(arrival) : "", v.DepartureTime is { } departure ? Clock(departure) : "",
        ]));

    /// <summary>
    /// The A4 visit sheet as a print-styled HTML page (CSS <c>@page { size: A4 }</c>): team, day, start point, distance
    /// and time; per visit the enterprise, address, sector, township, expected arrival, its open hazards with deadlines
    /// (overdue days, supervision) and a blank box for findings; signature lines. Labels in the language of
    /// <paramref name="texts"/>; all text is HTML-encoded.
    /// </summary>
    /// <param name="plan">The plan (WGS-84).</param>
    /// <param name="team">The team's route.</param>
    /// <param name="hazards">Open hazards on the plan's day of the team's enterprises (<see cref="RoutingQueries.OpenHazardsAsync"/>).</param>
    /// <param name="printedOn">Day shown as the sheet's date (China Standard Time).</param>
    /// <param name="texts">The labels, in the request's language.</param>
    public static string Sheet(PlannedRoutes plan, PlannedTeam team, IReadOnlyList<SheetHazard> hazards, DateOnly printedOn, RouteTexts texts)
    {
        var byEnterprise = hazards.ToLookup(h => h.EnterpriseId);
        string T(string key, params object[] args) => E(texts[key, args]);
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $$"""
            <!doctype html>
            <html lang="{{RouteTexts.Language}}">
            <head>
            <meta charset="utf-8">
            <title>{{T(RouteTexts.Sheet.Title, Invariant(team.Team), Day(printedOn))}}</title>
            <style>
            @page { size: A4; margin: 14mm 12mm; }
            body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif; font-size: 10.5pt; color: #000; margin: 0; }
            @media screen { body { max-width: 186mm; margin: 12px auto; } .hint { color: #555; font-size: 9pt; } }
            @media print { .hint { display: none; } }
            h1 { font-size: 16pt; margin: 0 0 4px; text-align: center; }
            .meta { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 6px 0 10px; font-size: 10pt; }
            .visit { border: 1px solid #000; padding: 6px 8px; margin: 0 0 8px; break-inside: avoid; page-break-inside: avoid; }
            .visit h2 { font-size: 12pt; margin: 0 0 3px; }
            .visit .line { margin: 1px 0; }
            .tag { border: 1px solid #000; padding: 0 3px; font-size: 9pt; margin-left: 6px; font-weight: normal; }
            table { border-collapse: collapse; width: 100%; margin: 4px 0; font-size: 9.5pt; }
            th, td { border: 1px solid #777; padding: 2px 4px; text-align: left; vertical-align: top; }
            .findings { border: 1px solid #000; height: 30mm; margin-top: 4px; padding: 2px 4px; color: #444; }
            .sign { display: flex; gap: 30mm; margin-top: 4px; }
            </style>
            </head>
            <body>
            <p class="hint">{{T(RouteTexts.Sheet.PrintHint)}}</p>
            <h1>{{T(RouteTexts.Sheet.Heading)}}</h1>
            <div class="meta">
            <span>{{T(RouteTexts.Sheet.Team, Invariant(team.Team))}}</span>
            <span>{{T(RouteTexts.Sheet.Date, Day(printedOn))}}</span>
            <span>{{T(RouteTexts.Sheet.HazardsAsOf, Day(plan.AsOf))}}</span>
            <span>{{T(RouteTexts.Sheet.Enterprises, Invariant(team.Visits.Count))}}</span>
            <span>{{T(RouteTexts.Sheet.Distance, Kilometres(team.TotalDistanceMetres), texts.DistanceWords(plan.DistanceKind))}}</span>
            <span>{{T(RouteTexts.Sheet.Duration, Duration(team.TotalTimeSeconds))}}</span>
            <span class="start">{{(plan.StartName is { } startName ? T(RouteTexts.Sheet.StartNamed, startName)
                : T(RouteTexts.Sheet.Start, plan.Start.Longitude.ToString("0.00000", CultureInfo.InvariantCulture), plan.Start.Latitude.ToString("0.00000", CultureInfo.InvariantCulture)))}}</span>
            </div>

            """);
        foreach (var v in team.Visits)
        {
            s.Append(CultureInfo.InvariantCulture, $"""<section class="visit" data-sequence="{v.Sequence}">""").Append('\n');
            s.Append(CultureInfo.InvariantCulture, $"<h2>{v.Sequence}. {E(v.Name)}");
            if (v.Mandatory) s.Append(CultureInfo.InvariantCulture, $"""<span class="tag">{E(texts.Mandatory(true))}</span>""");
            foreach (var flag in v.Flags) s.Append(CultureInfo.InvariantCulture, $"""<span class="tag">{E(texts.Flag(flag))}</span>""");
            s.Append("</h2>\n");
            s.Append(CultureInfo.InvariantCulture, $"""<p class="line">{T(RouteTexts.Sheet.AddressLine, v.Address ?? "—", RouteTexts.Sector(v.Sector), v.TownshipName ?? "—")}</p>""").Append('\n');
            s.Append(CultureInfo.InvariantCulture, $"""<p class="line">{T(RouteTexts.Sheet.ArrivalLine, v.CreditCode, v.ArrivalTime is { } at ? Clock(at) : Duration(v.ArrivalSeconds), Kilometres(v.LegDistanceMetres))}</p>""").Append('\n');
            var open = byEnterprise[v.EnterpriseId].ToList();
            if (open.Count == 0)
            {
                s.Append(CultureInfo.InvariantCulture, $"""<p class="line">{T(RouteTexts.Sheet.NoOpenHazards)}</p>""").Append('\n');
            }
            else
            {
                s.Append(CultureInfo.InvariantCulture, $"<table><thead><tr><th>{T(RouteTexts.Sheet.ColumnLevel)}</th><th>{T(RouteTexts.Sheet.ColumnHazard)}</th>")
                    .Append(CultureInfo.InvariantCulture, $"<th>{T(RouteTexts.Sheet.ColumnFoundOn)}</th><th>{T(RouteTexts.Sheet.ColumnDeadline)}</th><th>{T(RouteTexts.Sheet.ColumnState)}</th></tr></thead><tbody>\n");
                foreach (var h in open)
                {
                    var state = h.DaysOverdue is { } days ? texts[RouteTexts.Sheet.Overdue, Invariant(days)] : texts[RouteTexts.Sheet.NotDue];
                    if (h.Supervised) state = texts[RouteTexts.Sheet.Supervised, state];
                    s.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(texts.Level(h.Level))}</td><td>{E(h.Description)}</td><td>{Day(h.FoundOn)}</td>")
                        .Append(CultureInfo.InvariantCulture, $"<td>{Day(h.Deadline)}</td><td>{E(state)}</td></tr>\n");
                }
                s.Append("</tbody></table>\n");
            }
            s.Append(CultureInfo.InvariantCulture, $"""<div class="findings">{T(RouteTexts.Sheet.Findings)}</div>""").Append('\n');
            s.Append(CultureInfo.InvariantCulture, $"""<div class="sign"><span>{T(RouteTexts.Sheet.Inspector)}</span><span>{T(RouteTexts.Sheet.EnterpriseHead)}</span></div>""").Append('\n');
            s.Append("</section>\n");
        }
        if (team.Visits.Count == 0) s.Append(CultureInfo.InvariantCulture, $"<p>{T(RouteTexts.Sheet.NoVisits)}</p>\n");
        s.Append("</body>\n</html>\n");
        return s.ToString();
    }

    /// <summary>The team's legs along the roads joined into one line ([longitude, latitude] each); empty for straight-line plans.</summary>
    private static List<IReadOnlyList<double>> RoadTrack(PlannedTeam team)
    {
        var track = new List<IReadOnlyList<double>>();
        var paths = team.Visits.Select(v => v.LegPath).Append(team.Finish?.LegPath);
        foreach (var path in paths)
        {
            if (path is null) continue;
            foreach (var c in path.Coordinates)
            {
                if (track.Count == 0 || track[^1][0] != c[0] || track[^1][1] != c[1]) track.Add(c);
            }
        }
        return track;
    }

    /// <summary>A file name for an export: <c>route-{first 8 of id}-team-{n}.{extension}</c> (ASCII).</summary>
    public static string FileName(PlannedRoutes plan, int team, string extension) => $"route-{plan.Id[..8]}-team-{team}.{extension}";

    private static GpxWaypoint Waypoint(PlannedPoint point) => new(new GpxLongitude(point.Longitude), new GpxLatitude(point.Latitude));

    private static string E(string text) => Html.Encode(text);

    private static string Invariant(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Metres as kilometres with one decimal.</summary>
    private static string Kilometres(double metres) => (metres / 1000).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>A moment as HH:mm in its own offset (the plans' times are China Standard Time).</summary>
    private static string Clock(DateTimeOffset moment) => moment.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Duration(double seconds)
    {
        var minutes = (int)Math.Round(seconds / 60);
        return string.Create(CultureInfo.InvariantCulture, $"{minutes / 60}:{minutes % 60:00}");
    }
}
