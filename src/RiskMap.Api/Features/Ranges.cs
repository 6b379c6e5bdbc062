using System.Globalization;

namespace RiskMap.Api.Features;

/// <summary>A documented range of a parameter or field, whatever its value type (see <see cref="ValueRange{T}"/>).</summary>
public interface IValueRange
{
    /// <summary>Lowest allowed value as invariant text (a day as yyyy-MM-dd).</summary>
    string MinText { get; }

    /// <summary>Highest allowed value as invariant text.</summary>
    string MaxText { get; }

    /// <summary>The range in words, e.g. <c>1 … 150 km/h</c>, as error messages and the API definition give it.</summary>
    string Describe();
}

/// <summary>An inclusive range [<paramref name="Min"/>, <paramref name="Max"/>] with the unit of its values.</summary>
/// <typeparam name="T">int, double, decimal or DateOnly; an int range with the unit <see cref="Ranges.Characters"/> is a text length.</typeparam>
/// <param name="Min">Lowest allowed value.</param>
/// <param name="Max">Highest allowed value.</param>
/// <param name="Unit">Unit in words (<c>km/h</c>, <c>seconds</c>, <c>characters</c>); empty for plain counts and days.</param>
public sealed record ValueRange<T>(T Min, T Max, string Unit = "") : IValueRange
    where T : struct, IComparable<T>, IFormattable
{
    /// <summary>True when <paramref name="value"/> lies in the range (NaN never does).</summary>
    public bool Contains(T value) => value.CompareTo(Min) >= 0 && value.CompareTo(Max) <= 0;

    /// <inheritdoc />
    public string MinText => Format(Min);

    /// <inheritdoc />
    public string MaxText => Format(Max);

    /// <inheritdoc />
    public string Describe() => Unit.Length == 0 ? $"{MinText} … {MaxText}" : $"{MinText} … {MaxText} {Unit}";

    /// <inheritdoc />
    public override string ToString() => Describe();

    /// <summary><paramref name="value"/> as invariant text (a day as yyyy-MM-dd).</summary>
    internal static string Format(T value)
        => value is DateOnly day ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : value.ToString(null, CultureInfo.InvariantCulture);
}

/// <summary>
/// The ranges of every parameter and body field, in one place: the request checks use these members, and the API
/// definition documents each parameter and field from <see cref="ByName"/> (<see cref="Hosting.RangeDocumentation"/>),
/// so what is documented is what is checked. A value outside its range is a 400 naming the parameter or field and the
/// range. The limits are there so that every value the service accepts is one it can compute with: no date arithmetic
/// past year 9999, no division by a speed of 1e-300 km/h, no page beyond what a district holds.
/// </summary>
public static class Ranges
{
    /// <summary>The unit of text lengths.</summary>
    public const string Characters = "characters";

    /// <summary>
    /// Every day of a record (inspection, hazard found and deadline, status steps, enforcement) and every day asked about
    /// (asOf, from, to, OGC datetime): 1949-10-01 … 2100-12-31. No work-safety record of the People's Republic predates its
    /// founding, and no campaign sets a deadline beyond 2100; outside them a date is a typing error (0001-01-01,
    /// 9999-12-31), and day arithmetic on it (a day later, a year earlier) would overflow.
    /// </summary>
    public static readonly ValueRange<DateOnly> Day = new(new DateOnly(1949, 10, 1), new DateOnly(2100, 12, 31));

    /// <summary>WGS-84 (or GCJ-02, BD-09) longitude in degrees.</summary>
    public static readonly ValueRange<double> Longitude = new(-180, 180, "degrees");

    /// <summary>Latitude in degrees.</summary>
    public static readonly ValueRange<double> Latitude = new(-90, 90, "degrees");

    /// <summary>Web map zoom levels served and simplified for: 0 … 22 (a tile's z; x and y are 0 … 2^z − 1).</summary>
    public static readonly ValueRange<int> Zoom = new(0, 22);

    /// <summary>pg_trgm similarity of two names for the duplicate review queue: 0.1 … 1 (1 = the same trigrams).</summary>
    public static readonly ValueRange<double> NameSimilarity = new(0.1, 1);

    /// <summary>Pairs of the duplicate review queue in one answer.</summary>
    public static readonly ValueRange<int> DuplicatePairs = new(1, 1000, "pairs");

    /// <summary>Page numbers, from 1; a page past the end is empty.</summary>
    public static readonly ValueRange<int> Page = new(1, int.MaxValue);

    /// <summary>Enterprises per page of <c>GET /api/v1/enterprises</c>: enough for a county in one request.</summary>
    public static readonly ValueRange<int> EnterprisePageSize = new(1, 5000, "enterprises");

    /// <summary>Hazards per page of <c>GET /api/v1/hazards</c>.</summary>
    public static readonly ValueRange<int> HazardPageSize = new(1, 1000, "hazards");

    /// <summary>Notifications or webhook deliveries per page.</summary>
    public static readonly ValueRange<int> NotificationPageSize = new(1, 200);

    /// <summary>Features per page of OGC API items (/req/core/fc-limit-definition allows a server maximum).</summary>
    public static readonly ValueRange<int> OgcLimit = new(1, 10_000, "features");

    /// <summary>Features an OGC API items page skips.</summary>
    public static readonly ValueRange<int> OgcOffset = new(0, int.MaxValue, "features");

    /// <summary>Stops of one route plan, and so candidates of one list.</summary>
    public static readonly ValueRange<int> Stops = new(0, 2000, "stops");

    /// <summary>Candidates a list returns.</summary>
    public static readonly ValueRange<int> Candidates = new(1, Stops.Max, "enterprises");

    /// <summary>Days without an inspection a candidate filter asks for: up to a hundred years.</summary>
    public static readonly ValueRange<int> NotInspectedForDays = new(0, 36_500, "days");

    /// <summary>Inspection teams of one plan (and the team a stop or an export names).</summary>
    public static readonly ValueRange<int> Teams = new(1, 100, "teams");

    /// <summary>Solver priority of an optional stop.</summary>
    public static readonly ValueRange<int> Priority = new(1, 100);

    /// <summary>
    /// Travel speed of a plan: 1 … 150 km/h, from walking through town to the motorway limit of 120 km/h with a margin;
    /// the planner divides distances by it.
    /// </summary>
    public static readonly ValueRange<double> SpeedKmh = new(1, 150, "km/h");

    /// <summary>Time spent at each visit: at most a day.</summary>
    public static readonly ValueRange<int> ServiceTimeSeconds = new(0, 86_400, "seconds");

    /// <summary>Longest working time of a team: at most a day.</summary>
    public static readonly ValueRange<int> WorkingTimeSeconds = new(1, 86_400, "seconds");

    /// <summary>Wall-clock time one plan may take (distance matrix, construction and search).</summary>
    public static readonly ValueRange<double> SolverTimeLimitSeconds = new(0.1, 30, "seconds");

    /// <summary>Calendar days of one schedule (from … to, both included): a month at most, so one model holds every day's teams.</summary>
    public static readonly ValueRange<int> ScheduleDays = new(1, 31, "days");

    /// <summary>Interval of a visiting-cadence rule: a day to ten years.</summary>
    public static readonly ValueRange<int> CadenceDays = new(1, 3650, "days");

    /// <summary>Holidays or worked weekend days one district setting lists: ten years' worth.</summary>
    public static readonly ValueRange<int> CalendarDays = new(0, 400, "days");

    /// <summary>Cadence rules one district setting holds.</summary>
    public static readonly ValueRange<int> CadenceRules = new(0, 100, "rules");

    /// <summary>Length of a depot's name.</summary>
    public static readonly ValueRange<int> DepotNameLength = new(1, 100, Characters);

    /// <summary>Inspector visits (检查人次) counted on one inspection record.</summary>
    public static readonly ValueRange<int> InspectorVisits = new(0, 1000, "visits");

    /// <summary>Hazards recorded with one inspection.</summary>
    public static readonly ValueRange<int> HazardsPerInspection = new(0, 100, "hazards");

    /// <summary>A fine: from one fen, at most two decimals, to 100,000,000 yuan.</summary>
    public static readonly ValueRange<decimal> FineYuan = new(0.01m, 100_000_000m, "yuan");

    /// <summary>The funds of a rectification plan (五到位): from 0 to 10,000,000,000 yuan, at most two decimals.</summary>
    public static readonly ValueRange<decimal> PlanFundsYuan = new(0m, 10_000_000_000m, "yuan");

    /// <summary>Lifetime of a personal API token.</summary>
    public static readonly ValueRange<int> TokenLifetimeDays = new(1, 730, "days");

    /// <summary>An inspection group's name.</summary>
    public static readonly ValueRange<int> InspectionGroupLength = new(1, Domain.FieldLengths.InspectionGroup, Characters);

    /// <summary>A hazard's description.</summary>
    public static readonly ValueRange<int> DescriptionLength = new(1, Domain.FieldLengths.Description, Characters);

    /// <summary>A person's name: responsible person, display name.</summary>
    public static readonly ValueRange<int> PersonNameLength = new(0, Domain.FieldLengths.Name, Characters);

    /// <summary>A note on a status step.</summary>
    public static readonly ValueRange<int> NoteLength = new(0, Domain.FieldLengths.Note, Characters);

    /// <summary>The reason of a deadline extension.</summary>
    public static readonly ValueRange<int> ReasonLength = new(1, Domain.FieldLengths.Description, Characters);

    /// <summary>A personal API token's name.</summary>
    public static readonly ValueRange<int> TokenNameLength = new(1, Domain.FieldLengths.Name, Characters);

    /// <summary>A new user's name.</summary>
    public static readonly ValueRange<int> UserNameLength = new(1, Domain.FieldLengths.UserName, Characters);

    /// <summary>What sign-in and password fields take (the policy itself is ASP.NET Core Identity's).</summary>
    public static readonly ValueRange<int> CredentialLength = new(1, Domain.FieldLengths.Password, Characters);

    /// <summary>Resolution of a printed map (PNG pixels per inch; a PDF is vector and records it only).</summary>
    public static readonly ValueRange<int> Dpi = new(72, 600, "dpi");

    /// <summary>A role or department code.</summary>
    public static readonly ValueRange<int> CodeLength = new(1, Domain.FieldLengths.DepartmentCode, Characters);

    /// <summary>The text of a search (<c>GET /api/v1/search?q=</c>): a name, an address part or a credit code is far shorter.</summary>
    public static readonly ValueRange<int> SearchTextLength = new(1, 100, Characters);

    /// <summary>Results of one search: enough to pick from a drop-down list.</summary>
    public static readonly ValueRange<int> SearchLimit = new(1, 50, "results");

    /// <summary>The text of an error report (纠错): what is wrong.</summary>
    public static readonly ValueRange<int> ErrorReportTextLength = new(1, Domain.FieldLengths.Description, Characters);

    /// <summary>
    /// The range of each parameter and body field that does not declare its own as the API definition names it: by name,
    /// or, where one name has different ranges, by <c>operationId.name</c> (query) or <c>Schema.name</c> (body). Every name
    /// here is documented in <c>/swagger/v1/swagger.json</c> with its range. A member of an <c>[AsParameters]</c> query
    /// record declares its range with <see cref="Contract.InRangeAttribute"/> instead (e.g. zoom, z, limit, offset,
    /// enterprises' pageSize), which the definition reads from the record (<see cref="Hosting.RangeDocumentation"/>).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IValueRange> ByName = new Dictionary<string, IValueRange>(StringComparer.Ordinal)
    {
        ["asOf"] = Day, ["from"] = Day, ["to"] = Day, ["date"] = Day, ["deadline"] = Day, ["OgcItems.datetime"] = Day,
        ["longitude"] = Longitude, ["latitude"] = Latitude,
        ["page"] = Page,
        ["GetHazards.pageSize"] = HazardPageSize,
        ["GetRouteCandidates.limit"] = Candidates,
        ["notInspectedForDays"] = NotInspectedForDays,
        ["teams"] = Teams, ["team"] = Teams,
        ["priority"] = Priority,
        ["speedKmh"] = SpeedKmh,
        ["serviceTimeSeconds"] = ServiceTimeSeconds,
        ["workingTimeSeconds"] = WorkingTimeSeconds,
        ["timeLimitSeconds"] = SolverTimeLimitSeconds,
        ["inspectorVisits"] = InspectorVisits,
        ["stops"] = Stops,
        ["RecordInspectionRequest.hazards"] = HazardsPerInspection,
        ["amountYuan"] = FineYuan,
        ["expiresInDays"] = TokenLifetimeDays,
        ["inspectionGroup"] = InspectionGroupLength,
        ["description"] = DescriptionLength,
        ["responsiblePerson"] = PersonNameLength, ["displayName"] = PersonNameLength,
        ["note"] = NoteLength,
        ["reason"] = ReasonLength,
        ["ErrorReportRequest.text"] = ErrorReportTextLength,
        ["CreateTokenRequest.name"] = TokenNameLength,
        ["CreateUserRequest.userName"] = UserNameLength,
        ["LoginRequest.userName"] = CredentialLength,
        ["password"] = CredentialLength, ["currentPassword"] = CredentialLength, ["newPassword"] = CredentialLength,
        ["role"] = CodeLength, ["department"] = CodeLength,
        ["dpi"] = Dpi,
        ["intervalDays"] = CadenceDays,
    };

    /// <summary>The range documented for <paramref name="name"/> in <paramref name="scope"/> (an operation id or schema name), or null.</summary>
    public static IValueRange? For(string? scope, string name)
        => scope is not null && ByName.TryGetValue($"{scope}.{name}", out var scoped) ? scoped : ByName.GetValueOrDefault(name);
}
