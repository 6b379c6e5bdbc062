using System.Globalization;
using Microsoft.Extensions.Localization;
using RiskMap.Api.Features.Exports;

namespace RiskMap.Api.Features.Routing;

/// <summary>
/// The words of a team's route files (<see cref="RouteExports"/>: CSV headers, GPX names, the visit sheet's labels) and of
/// the planner's answers (the distance note, the plan's note, drop explanations, the score's formula) in the request's
/// language, from the message resources (<c>IStringLocalizer&lt;Messages&gt;</c>, keys <c>routes.*</c>); hazard levels,
/// yes/no and sectors as the data exports write them (<see cref="ExportTexts"/>). Chinese (the default) writes the labels
/// inspection teams use; English writes the CSV's canonical column names (<see cref="CsvColumns"/>).
/// </summary>
/// <param name="localizer">Texts in the current UI culture (the request's).</param>
public sealed class RouteTexts(IStringLocalizer localizer)
{
    private readonly ExportTexts labels = new(localizer);

    /// <summary>The columns of a team's CSV, canonical names in file order (the English headers).</summary>
    public static readonly string[] CsvColumns =
    [
        "sequence", "enterprise_name", "credit_code", "sector", "address", "township_name", "longitude", "latitude", "mandatory",
        "open_major", "open_general", "overdue", "score", "leg_metres", "cumulative_metres", "arrival_minutes", "departure_minutes", "flags",
        "arrival_time", "departure_time",
    ];

    /// <summary>The labels of the visit sheet (<c>routes.sheet.*</c>), besides the CSV headers.</summary>
    private static readonly string[] SheetKeys =
    [
        Sheet.Title, Sheet.PrintHint, Sheet.Heading, Sheet.Team, Sheet.Date, Sheet.HazardsAsOf, Sheet.Enterprises, Sheet.Distance,
        Sheet.Duration, Sheet.Start, Sheet.AddressLine, Sheet.ArrivalLine, Sheet.NoOpenHazards, Sheet.ColumnLevel, Sheet.ColumnHazard,
        Sheet.ColumnFoundOn, Sheet.ColumnDeadline, Sheet.ColumnState, Sheet.Overdue, Sheet.NotDue, Sheet.Supervised, Sheet.Findings,
        Sheet.Inspector, Sheet.EnterpriseHead, Sheet.NoVisits, Sheet.StartNamed,
    ];

    /// <summary>The labels of the GPX file (<c>routes.gpx.*</c>).</summary>
    private static readonly string[] GpxKeys = [Gpx.Title, Gpx.Description, Gpx.Start, Gpx.End, Gpx.Route, Gpx.Arrival];

    /// <summary>The words shared by the files: mandatory/optional, the stop flags, the kinds of distance.</summary>
    private static readonly string[] SharedKeys =
        [MandatoryKey, OptionalKey, FlagKey(StopFlags.NoTownship), FlagKey(StopFlags.OutsideDistrict), FlagKey(StopFlags.QuestionableLocation),
            RoadKey, StraightLineKey];

    /// <summary>The words of the planner's answers: what the distances mean, the plan's note, each drop reason, the score's formula.</summary>
    private static readonly string[] AnswerKeys =
        [RoadNoteKey, StraightLineNoteKey, PlanNote.Heuristic, .. Enum.GetValues<DropReason>().Select(DropKey), ScoreFormulaKey];

    /// <summary>
    /// Every resource key these texts read themselves (the labels they borrow are <see cref="ExportTexts.Keys"/>). The
    /// message resources hold these besides the problem codes (a unit test checks both languages have exactly those).
    /// </summary>
    public static IReadOnlyList<string> Keys { get; } = [.. CsvColumns.Select(CsvHeaderKey), .. SheetKeys, .. GpxKeys, .. SharedKeys, .. AnswerKeys];

    /// <summary>The CSV's headers, in <see cref="CsvColumns"/> order.</summary>
    public string[] CsvHeaders => [.. CsvColumns.Select(c => (string)localizer[CsvHeaderKey(c)])];

    /// <summary>The value of <paramref name="key"/> (one of the keys here) formatted with <paramref name="args"/>.</summary>
    public string this[string key, params object[] args] => localizer[key, args];

    /// <summary>The HTML language of the sheet: <c>en</c> or <c>zh-CN</c>.</summary>
    public static string Language => IsEnglish ? "en" : "zh-CN";

    /// <summary>Separator of a list of words in a cell or line: "；" in Chinese, "; " in English.</summary>
    public static string ListSeparator => IsEnglish ? "; " : "；";

    /// <summary>必查 / 选查 (mandatory / optional).</summary>
    public string Mandatory(bool mandatory) => localizer[mandatory ? MandatoryKey : OptionalKey];

    /// <summary>A <see cref="StopFlags"/> value in words (不在任何乡镇 / in no township …); an unknown flag as it is.</summary>
    public string Flag(string flag)
    {
        var text = localizer[FlagKey(flag)];
        return text.ResourceNotFound ? flag : text.Value;
    }

    /// <summary>What a plan's <see cref="PlannedRoutes.DistanceKind"/> means, in words.</summary>
    public string DistanceWords(string kind) => localizer[kind == nameof(DistanceKind.Road) ? RoadKey : StraightLineKey];

    /// <summary>What a plan's <see cref="PlannedRoutes.DistanceKind"/> means for its figures, in a sentence (the answer's <c>distanceNote</c>).</summary>
    public string DistanceNote(string kind) => localizer[kind == nameof(DistanceKind.Road) ? RoadNoteKey : StraightLineNoteKey];

    /// <summary>
    /// <paramref name="note"/> in words (<c>routes.note.*</c>, key = its code; args: time limit s, stops, teams, distance
    /// matrix s); its code when the resources have no text for it.
    /// </summary>
    public string Note(PlanNote note)
    {
        var text = localizer[note.Code, Number(note.TimeLimitSeconds, "0.###"), Number(note.Stops, "0"), Number(note.Teams, "0"),
            Number(note.MatrixSeconds, "0.00")];
        return text.ResourceNotFound ? note.Code : text.Value;
    }

    /// <summary>Why a stop was dropped (a <see cref="DropReason"/> name), in words (<c>routes.drop.*</c>); an unknown reason as it is.</summary>
    public string DropExplanation(string reason) =>
        Enum.TryParse<DropReason>(reason, out var known) ? localizer[DropKey(known)] : reason;

    /// <summary>The risk score's formula in words (<see cref="RiskScore"/>; arg: <see cref="RiskScore.RecencyCapDays"/>).</summary>
    public string ScoreFormula => localizer[ScoreFormulaKey, Number(RiskScore.RecencyCapDays, "0")];

    /// <summary>A hazard level (General, Major): 一般/重大 or the name.</summary>
    public string Level(string level) => labels.Level(level);

    /// <summary>Yes/no: 是/否 or true/false.</summary>
    public string Boolean(bool value) => labels.Boolean(value);

    /// <summary>A sector: its Chinese name in Chinese, its code in English.</summary>
    public static string Sector(string code) => ExportTexts.SectorLabel(code);

    private static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string DropKey(DropReason reason) => reason switch
    {
        DropReason.UnreachableWithinWorkingTime => "routes.drop.unreachable-within-working-time",
        DropReason.DoesNotFitInWorkingTime => "routes.drop.does-not-fit-in-working-time",
        DropReason.NoRoadNearby => "routes.drop.no-road-nearby",
        DropReason.NotConnectedByRoad => "routes.drop.not-connected-by-road",
        DropReason.NotPlacedBySolver => "routes.drop.not-placed-by-solver",
        DropReason.OutsideOpeningHours => "routes.drop.outside-opening-hours",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "No text for this drop reason."),
    };

    private static string CsvHeaderKey(string column) => $"routes.csv.header.{column.Replace('_', '-')}";

    private static string FlagKey(string flag) => flag switch
    {
        StopFlags.NoTownship => "routes.flag.no-township",
        StopFlags.OutsideDistrict => "routes.flag.outside-district",
        StopFlags.QuestionableLocation => "routes.flag.questionable-location",
        _ => $"routes.flag.{flag}",
    };

    private const string MandatoryKey = "routes.mandatory";
    private const string OptionalKey = "routes.optional";
    private const string RoadKey = "routes.distance.road";
    private const string StraightLineKey = "routes.distance.straight-line";
    private const string RoadNoteKey = "routes.distance-note.road";
    private const string StraightLineNoteKey = "routes.distance-note.straight-line";
    private const string ScoreFormulaKey = "routes.score-formula";

    /// <summary>The keys of the visit sheet's labels; the comment of each gives its arguments.</summary>
    public static class Sheet
    {
        /// <summary>The page title; args: team, day.</summary>
        public const string Title = "routes.sheet.title";
        /// <summary>The printing hint shown on screen only.</summary>
        public const string PrintHint = "routes.sheet.print-hint";
        /// <summary>The heading.</summary>
        public const string Heading = "routes.sheet.heading";
        /// <summary>args: team.</summary>
        public const string Team = "routes.sheet.team";
        /// <summary>args: printing day.</summary>
        public const string Date = "routes.sheet.date";
        /// <summary>args: the plan's day.</summary>
        public const string HazardsAsOf = "routes.sheet.hazards-as-of";
        /// <summary>args: number of enterprises.</summary>
        public const string Enterprises = "routes.sheet.enterprises";
        /// <summary>args: kilometres, the kind of distance in words.</summary>
        public const string Distance = "routes.sheet.distance";
        /// <summary>args: h:mm.</summary>
        public const string Duration = "routes.sheet.duration";
        /// <summary>args: longitude, latitude.</summary>
        public const string Start = "routes.sheet.start";
        /// <summary>args: address, sector, township.</summary>
        public const string AddressLine = "routes.sheet.address-line";
        /// <summary>args: credit code, arrival HH:mm (China Standard Time), kilometres of the leg.</summary>
        public const string ArrivalLine = "routes.sheet.arrival-line";
        /// <summary>No open hazards.</summary>
        public const string NoOpenHazards = "routes.sheet.no-open-hazards";
        /// <summary>Column of the hazards' table.</summary>
        public const string ColumnLevel = "routes.sheet.column.level";
        /// <summary>Column of the hazards' table.</summary>
        public const string ColumnHazard = "routes.sheet.column.hazard";
        /// <summary>Column of the hazards' table.</summary>
        public const string ColumnFoundOn = "routes.sheet.column.found-on";
        /// <summary>Column of the hazards' table.</summary>
        public const string ColumnDeadline = "routes.sheet.column.deadline";
        /// <summary>Column of the hazards' table.</summary>
        public const string ColumnState = "routes.sheet.column.state";
        /// <summary>args: days overdue.</summary>
        public const string Overdue = "routes.sheet.overdue";
        /// <summary>Within its deadline.</summary>
        public const string NotDue = "routes.sheet.not-due";
        /// <summary>args: the state before it.</summary>
        public const string Supervised = "routes.sheet.supervised";
        /// <summary>The box for findings.</summary>
        public const string Findings = "routes.sheet.findings";
        /// <summary>Signature line.</summary>
        public const string Inspector = "routes.sheet.inspector";
        /// <summary>Signature line.</summary>
        public const string EnterpriseHead = "routes.sheet.enterprise-head";
        /// <summary>A team without visits.</summary>
        public const string NoVisits = "routes.sheet.no-visits";
        /// <summary>The start when it is a named place; args: its name.</summary>
        public const string StartNamed = "routes.sheet.start-named";
    }

    /// <summary>The keys of the GPX file's names.</summary>
    public static class Gpx
    {
        /// <summary>The file's name; args: team, day.</summary>
        public const string Title = "routes.gpx.title";
        /// <summary>The file's description; args: the kind of distance in words, number of enterprises, kilometres.</summary>
        public const string Description = "routes.gpx.description";
        /// <summary>The start point's name.</summary>
        public const string Start = "routes.gpx.start";
        /// <summary>The end point's name.</summary>
        public const string End = "routes.gpx.end";
        /// <summary>The route's name; args: team.</summary>
        public const string Route = "routes.gpx.route";
        /// <summary>A waypoint's comment; args: arrival HH:mm, China Standard Time.</summary>
        public const string Arrival = "routes.gpx.arrival";
    }
}
