using RiskMap.Api.Domain;
using RiskMap.Api.Geo;

namespace RiskMap.Api.Features.Import;

/// <summary>An enterprise row of an import file, already checked and converted to WGS-84.</summary>
/// <param name="Row">Row number in the source file (header = 1).</param>
/// <param name="CreditCode">Unified social credit code, normalised and validated (GB 32100-2015).</param>
/// <param name="Name">Name.</param>
/// <param name="Sector">Known sector code.</param>
/// <param name="AboveScale">规模以上.</param>
/// <param name="Address">Address.</param>
/// <param name="Longitude">WGS-84 longitude, degrees.</param>
/// <param name="Latitude">WGS-84 latitude, degrees.</param>
/// <param name="DepartmentCode">Covering department code, or null.</param>
public sealed record EnterpriseRecord(int Row, string CreditCode, string Name, string Sector, bool AboveScale, string? Address,
    double Longitude, double Latitude, string? DepartmentCode)
{
    /// <summary>Columns of the enterprise CSV (data/README.md).</summary>
    public static readonly string[] Columns = ["credit_code", "name", "sector", "above_scale", "address", "longitude", "latitude", "department_code"];

    /// <summary>
    /// Parses a row; coordinates (separate <c>longitude</c>/<c>latitude</c> columns or one <c>coordinates</c> cell) are
    /// read in <paramref name="crs"/> and converted to WGS-84. Returns null when the row has errors (recorded on the row).
    /// </summary>
    public static EnterpriseRecord? Parse(CsvRow row, GeographicSystem crs)
    {
        var before = row.ErrorCount;
        var code = ReadCreditCode(row, "credit_code");
        var name = row.Required("name", 200);
        var sector = ReadSector(row, "sector");
        var aboveScale = row.Boolean("above_scale");
        var address = row.OptionalText("address", 300);
        var point = ReadCoordinates(row);
        var department = row.OptionalText("department_code", 32);
        if (row.ErrorCount > before || point is not var (lon, lat)) return null;
        var (x, y) = ChinaCoordinates.ToWgs84(crs, lon, lat);
        return new EnterpriseRecord(row.Number, code, name, sector, aboveScale, address, x, y, department);
    }

    /// <summary>
    /// Reads longitude and latitude in degrees (full-width digits and a decimal comma understood, see
    /// <see cref="ImportText"/>). A pair that only makes sense swapped — latitude beyond ±90° while the longitude would
    /// fit, or a point outside China whose swap lies inside (<see cref="ChinaOutline"/>) — is reported, never swapped.
    /// </summary>
    internal static (double Lon, double Lat)? ReadCoordinates(CsvRow row)
    {
        string column, shown;
        double lon, lat;
        string? error;
        if (row.Has("coordinates") && row.Optional("coordinates") is { } cell)
        {
            (column, shown) = ("coordinates", cell);
            if (ImportText.ParseCoordinatePair(cell, out error) is not var (x, y))
            {
                row.Error(column, cell, error!);
                return null;
            }
            (lon, lat) = (x, y);
        }
        else
        {
            var lonText = row.Optional("longitude");
            var latText = row.Optional("latitude");
            if (lonText is null) row.Error("longitude", null, "A longitude is required.");
            if (latText is null) row.Error("latitude", null, "A latitude is required.");
            if (lonText is null || latText is null) return null;
            var x = ImportText.ParseDegrees(lonText, out error);
            if (x is null) row.Error("longitude", lonText, error!);
            var y = ImportText.ParseDegrees(latText, out error);
            if (y is null) row.Error("latitude", latText, error!);
            if (x is null || y is null) return null;
            (column, shown, lon, lat) = ("latitude", $"{lonText}, {latText}", x.Value, y.Value);
        }
        var swapped = (Math.Abs(lat) > 90 && Math.Abs(lon) <= 90)
            || (!ChinaOutline.Contains(lon, lat) && ChinaOutline.Contains(lat, lon));
        if (swapped)
        {
            row.Error(column, shown, "Longitude and latitude look swapped (the values only make sense the other way round); " +
                "fix the row: nothing is swapped automatically.");
            return null;
        }
        if (Math.Abs(lon) > 180 || Math.Abs(lat) > 90)
        {
            row.Error(column, shown, "Out of range: longitude must be within ±180 and latitude within ±90 degrees.");
            return null;
        }
        return (lon, lat);
    }

    internal static string ReadCreditCode(CsvRow row, string column)
    {
        var raw = row.Required(column, 64);
        if (raw.Length == 0) return raw;
        var code = UnifiedSocialCreditCode.Normalize(raw);
        if (UnifiedSocialCreditCode.Validate(code) is { } reason) row.Error(column, raw, reason);
        return code;
    }

    internal static string ReadSector(CsvRow row, string column)
    {
        var value = row.Required(column, 32);
        if (value.Length == 0) return value;
        if (ChineseLabels.SectorCode(value) is { } code) return code;
        row.Error(column, value, $"Unknown sector. Known sectors: {string.Join(", ", Domain.Sector.All.Select(s => $"{s.Code} ({s.NameZh})"))}.");
        return value;
    }
}

/// <summary>An inspection row.</summary>
/// <param name="Row">Row number (header = 1).</param>
/// <param name="Reference">Source identifier, unique when present.</param>
/// <param name="CreditCode">Inspected enterprise's credit code.</param>
/// <param name="Date">Day of the inspection.</param>
/// <param name="InspectionGroup">Inspection group identifier.</param>
/// <param name="InspectorVisits">Inspector visits (检查人次) counted on this record, ≥ 0.</param>
public sealed record InspectionRecord(int Row, string? Reference, string CreditCode, DateOnly Date, string InspectionGroup, int InspectorVisits)
{
    /// <summary>Columns of the inspection CSV.</summary>
    public static readonly string[] Columns = ["reference", "credit_code", "date", "inspection_group", "inspector_visits"];

    /// <summary>Parses a row; null when it has errors.</summary>
    public static InspectionRecord? Parse(CsvRow row)
    {
        var before = row.ErrorCount;
        var reference = row.OptionalText("reference", 64);
        var code = EnterpriseRecord.ReadCreditCode(row, "credit_code");
        var date = row.Date("date", required: true);
        var group = row.Required("inspection_group", 64);
        var visits = row.NonNegativeInt("inspector_visits");
        return row.ErrorCount > before ? null : new InspectionRecord(row.Number, reference, code, date!.Value, group, visits);
    }
}

/// <summary>A hazard row.</summary>
/// <param name="Row">Row number (header = 1).</param>
/// <param name="Reference">Source identifier, unique when present.</param>
/// <param name="InspectionReference">Reference of the inspection that found it, when known.</param>
/// <param name="CreditCode">Enterprise's credit code.</param>
/// <param name="Sector">Sector code.</param>
/// <param name="Level">General or Major.</param>
/// <param name="Description">What is wrong.</param>
/// <param name="FoundOn">Day found.</param>
/// <param name="Deadline">Rectification deadline, not before <paramref name="FoundOn"/>.</param>
/// <param name="RectifiedOn">Day rectified, if it was.</param>
/// <param name="ClosedOn">Day closed, if it was.</param>
/// <param name="Status">Status, consistent with the dates.</param>
/// <param name="ResponsiblePerson">Person responsible.</param>
/// <param name="Supervised">Under supervision (挂牌督办).</param>
public sealed record HazardRecord(int Row, string? Reference, string? InspectionReference, string CreditCode, string Sector,
    HazardLevel Level, string Description, DateOnly FoundOn, DateOnly Deadline, DateOnly? RectifiedOn, DateOnly? ClosedOn,
    HazardStatus Status, string? ResponsiblePerson, bool Supervised)
{
    /// <summary>Columns of the hazard CSV.</summary>
    public static readonly string[] Columns =
        ["reference", "inspection_reference", "credit_code", "sector", "level", "description", "found_on", "deadline",
         "rectified_on", "closed_on", "status", "responsible_person", "supervised"];

    /// <summary>Parses a row and checks the dates against each other and the status; null when it has errors.</summary>
    public static HazardRecord? Parse(CsvRow row)
    {
        var before = row.ErrorCount;
        var reference = row.OptionalText("reference", 64);
        var inspection = row.OptionalText("inspection_reference", 64);
        var code = EnterpriseRecord.ReadCreditCode(row, "credit_code");
        var sector = EnterpriseRecord.ReadSector(row, "sector");
        var level = row.Enum<HazardLevel>("level");
        var description = row.Required("description", 1000);
        var found = row.Date("found_on", required: true);
        var deadline = row.Date("deadline", required: true);
        var rectified = row.Date("rectified_on", required: false);
        var closed = row.Date("closed_on", required: false);
        var status = row.Enum<HazardStatus>("status");
        var responsible = row.OptionalText("responsible_person", 100);
        var supervised = row.Boolean("supervised");
        if (row.ErrorCount > before) return null;

        if (deadline < found) row.Error("deadline", $"{deadline:yyyy-MM-dd}", $"The deadline is before the day it was found ({found:yyyy-MM-dd}).");
        if (rectified < found) row.Error("rectified_on", $"{rectified:yyyy-MM-dd}", $"Rectified before it was found ({found:yyyy-MM-dd}).");
        if (closed < (rectified ?? found)) row.Error("closed_on", $"{closed:yyyy-MM-dd}", "Closed before it was found or rectified.");
        var expected = closed is not null ? "Closed" : rectified is not null ? "Rectified" : "Open or Rectifying";
        var consistent = status switch
        {
            HazardStatus.Closed => closed is not null,
            HazardStatus.Rectified => rectified is not null && closed is null,
            _ => rectified is null && closed is null,
        };
        if (!consistent) row.Error("status", status.ToString(), $"Inconsistent with the dates: they say {expected}.");
        return row.ErrorCount > before
            ? null
            : new HazardRecord(row.Number, reference, inspection, code, sector, level, description, found!.Value, deadline!.Value,
                rectified, closed, status, responsible, supervised);
    }
}

/// <summary>An enforcement action row.</summary>
/// <param name="Row">Row number (header = 1).</param>
/// <param name="Reference">Source identifier, unique when present.</param>
/// <param name="CreditCode">Enterprise's credit code.</param>
/// <param name="Date">Day of the action.</param>
/// <param name="Kind">Document, Interview, Case or Fine.</param>
/// <param name="AmountYuan">Fine in yuan (&gt; 0) for fines; null otherwise.</param>
public sealed record EnforcementRecord(int Row, string? Reference, string CreditCode, DateOnly Date, EnforcementKind Kind, decimal? AmountYuan)
{
    /// <summary>Columns of the enforcement CSV.</summary>
    public static readonly string[] Columns = ["reference", "credit_code", "date", "kind", "amount_yuan"];

    /// <summary>Parses a row; null when it has errors.</summary>
    public static EnforcementRecord? Parse(CsvRow row)
    {
        var before = row.ErrorCount;
        var reference = row.OptionalText("reference", 64);
        var code = EnterpriseRecord.ReadCreditCode(row, "credit_code");
        var date = row.Date("date", required: true);
        var kind = row.Enum<EnforcementKind>("kind");
        var amount = row.Decimal("amount_yuan");
        if (row.ErrorCount > before) return null;
        if (kind == EnforcementKind.Fine && amount is not > 0)
            row.Error("amount_yuan", amount?.ToString(System.Globalization.CultureInfo.InvariantCulture), "A fine needs an amount in yuan greater than 0.");
        if (kind != EnforcementKind.Fine && amount is not null)
            row.Error("amount_yuan", amount.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Only fines have an amount; this row is a {kind}.");
        if (amount is { } a && decimal.Round(a, 2) != a)
            row.Error("amount_yuan", a.ToString(System.Globalization.CultureInfo.InvariantCulture), "At most two decimals (fen).");
        return row.ErrorCount > before ? null : new EnforcementRecord(row.Number, reference, code, date!.Value, kind, amount);
    }
}
