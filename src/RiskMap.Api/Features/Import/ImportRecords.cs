using RiskMap.Api.Domain;
using RiskMap.Api.Geo;

namespace RiskMap.Api.Features.Import;

/// <summary>
/// A row of a table import as read: a clean row, or a row with errors whose other fields are kept. Rows with errors are
/// staged too (their rejected fields as NULL) so that the database checks — unknown department or credit code,
/// duplicates, points outside the district — report their other problems as well; they are never merged, and any
/// error rejects the whole file (all-or-nothing).
/// </summary>
public interface IImportRecord
{
    /// <summary>Row number in the source file (header = 1).</summary>
    int Row { get; }

    /// <summary>Fields (canonical column names, <see cref="ImportColumns"/>) that had an error on this row; empty for a clean row.</summary>
    IReadOnlySet<string> Rejected { get; }
}

/// <summary>An inspection, hazard or enforcement row: it names its enterprise by credit code and itself by a reference.</summary>
public interface IReferencedRecord : IImportRecord
{
    /// <summary>Source identifier, unique when present; null to have one assigned (<see cref="Domain.RecordReferences"/>).</summary>
    string? Reference { get; }

    /// <summary>The enterprise's unified social credit code.</summary>
    string CreditCode { get; }
}

/// <summary>Helpers for <see cref="IImportRecord"/>.</summary>
public static class ImportRecords
{
    /// <summary>The <see cref="IImportRecord.Rejected"/> of a clean row.</summary>
    public static readonly IReadOnlySet<string> NoneRejected = new HashSet<string>();

    /// <summary>True when the row had no error.</summary>
    public static bool IsValid(this IImportRecord record) => record.Rejected.Count == 0;

    /// <summary><paramref name="value"/>, or null when <paramref name="column"/> was rejected (what the staging table gets).</summary>
    public static string? Kept(this IImportRecord record, string column, string? value) => record.Rejected.Contains(column) ? null : value;

    /// <summary><paramref name="value"/>, or null when <paramref name="column"/> was rejected.</summary>
    public static T? KeptValue<T>(this IImportRecord record, string column, T value) where T : struct
        => record.Rejected.Contains(column) ? null : value;
}

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
/// <param name="Hours">Opening hours from the optional <c>opening_hours</c> column (营业时间, e.g. <c>08:00-17:30</c>), or null.</param>
public sealed record EnterpriseRecord(int Row, string CreditCode, string Name, string Sector, bool AboveScale, string? Address,
    double Longitude, double Latitude, string? DepartmentCode, Routing.OpeningHours? Hours = null) : IImportRecord
{
    /// <inheritdoc />
    /// <remarks>When the coordinates were rejected, <see cref="Longitude"/> and <see cref="Latitude"/> are NaN.</remarks>
    public IReadOnlySet<string> Rejected { get; init; } = ImportRecords.NoneRejected;

    /// <summary>Columns of the enterprise CSV (data/README.md).</summary>
    public static readonly string[] Columns = ["credit_code", "name", "sector", "above_scale", "address", "longitude", "latitude", "department_code"];

    /// <summary>Parses a row (<see cref="Read"/>); null when the row has errors (every one recorded on the row).</summary>
    public static EnterpriseRecord? Parse(CsvRow row, GeographicSystem crs) => Read(row, crs) is { } r && r.IsValid() ? r : null;

    /// <summary>
    /// Reads every field of a row, recording every bad value on the row (not only the first); coordinates (separate
    /// <c>longitude</c>/<c>latitude</c> columns or one <c>coordinates</c> cell) are read in <paramref name="crs"/> and
    /// converted to WGS-84. The record is returned even with errors, with <see cref="Rejected"/> naming the bad fields.
    /// </summary>
    public static EnterpriseRecord Read(CsvRow row, GeographicSystem crs)
    {
        var code = ReadCreditCode(row, "credit_code");
        var name = row.Required("name", FieldLengths.EnterpriseName);
        var sector = ReadSector(row, "sector");
        var aboveScale = row.Boolean("above_scale");
        var address = row.OptionalText("address", FieldLengths.Address);
        var point = ReadCoordinates(row);
        var department = row.OptionalText("department_code", FieldLengths.DepartmentCode);
        var hours = ReadOpeningHours(row, "opening_hours");
        var (x, y) = point is var (lon, lat) ? ChinaCoordinates.ToWgs84(crs, lon, lat) : (double.NaN, double.NaN);
        return new EnterpriseRecord(row.Number, code, name, sector, aboveScale, address, x, y, department, hours) { Rejected = row.Rejected };
    }

    /// <summary>
    /// The optional opening hours: two clock times (H:mm or HH:mm, China Standard Time) joined by '-', '–', '~', '～' or '至',
    /// the first earlier, e.g. <c>08:00-17:30</c>; anything else is <see cref="ImportProblemCodes.OpeningHoursFormat"/>.
    /// </summary>
    internal static Routing.OpeningHours? ReadOpeningHours(CsvRow row, string column)
    {
        if (row.Optional(column) is not { } text) return null;
        var parts = ImportText.Normalize(text)!.Split(['-', '–', '~', '～', '至'], 2, StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && TimeOnly.TryParseExact(parts[0], ["H:mm", "HH:mm"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var opens)
            && TimeOnly.TryParseExact(parts[1], ["H:mm", "HH:mm"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var closes)
            && opens < closes)
            return new Routing.OpeningHours(opens, closes);
        row.Error(column, text, ImportProblemCodes.OpeningHoursFormat);
        return null;
    }

    /// <summary>
    /// Reads longitude and latitude in degrees (full-width digits and a decimal comma understood, see
    /// <see cref="ImportText"/>). A pair that only makes sense swapped — latitude beyond ±90° while the longitude would
    /// fit, or a point outside China whose swap lies inside (<see cref="ChinaOutline"/>) — is reported, never swapped.
    /// </summary>
    internal static (double Lon, double Lat)? ReadCoordinates(CsvRow row)
    {
        if (row.Has("coordinates") && row.Optional("coordinates") is { } cell)
        {
            if (ImportText.ParseCoordinatePair(cell, out var error) is not var (cellLon, cellLat))
            {
                row.Error("coordinates", cell, error!);
                return null;
            }
            return CheckedPair(row, "coordinates", cell, "coordinates", cell, cellLon, cellLat);
        }
        // Each half is checked on its own, so that a bad longitude does not hide a latitude of 95.
        var lonText = row.Optional("longitude");
        var latText = row.Optional("latitude");
        var lon = ReadDegrees(row, "longitude", lonText);
        var lat = ReadDegrees(row, "latitude", latText);
        if (lon is { } a && lat is { } b) return CheckedPair(row, "longitude", lonText!, "latitude", latText!, a, b);
        if (lon is { } x && Math.Abs(x) > 180) row.Error("longitude", lonText, ImportProblemCodes.LongitudeRange);
        if (lat is { } y && Math.Abs(y) > 90) row.Error("latitude", latText, ImportProblemCodes.LatitudeRange);
        return null;
    }

    // One coordinate column: required and a number of degrees (ranges are checked by the caller).
    private static double? ReadDegrees(CsvRow row, string column, string? text)
    {
        if (text is null)
        {
            row.Error(column, null, ImportProblemCodes.ValueRequired);
            return null;
        }
        var value = ImportText.ParseDegrees(text, out var error);
        if (value is null) row.Error(column, text, error!);
        return value;
    }

    // A parsed pair: refused when it only makes sense swapped, else each value checked against its range.
    private static (double Lon, double Lat)? CheckedPair(CsvRow row, string lonColumn, string lonText, string latColumn, string latText,
        double lon, double lat)
    {
        var swapped = (Math.Abs(lat) > 90 && Math.Abs(lon) <= 90)
            || (!ChinaOutline.Contains(lon, lat) && ChinaOutline.Contains(lat, lon));
        if (swapped)
        {
            var shown = lonColumn == latColumn ? lonText : $"{lonText}, {latText}";
            row.Error(latColumn, shown, ImportProblemCodes.CoordinatesSwapped);
            return null;
        }
        var ok = true;
        if (Math.Abs(lon) > 180)
        {
            row.Error(lonColumn, lonText, ImportProblemCodes.LongitudeRange);
            ok = false;
        }
        if (Math.Abs(lat) > 90)
        {
            row.Error(latColumn, latText, ImportProblemCodes.LatitudeRange);
            ok = false;
        }
        return ok ? (lon, lat) : null;
    }

    internal static string ReadCreditCode(CsvRow row, string column)
    {
        var raw = row.Required(column, FieldLengths.CreditCodeAsWritten);
        if (raw.Length == 0) return raw;
        var code = UnifiedSocialCreditCode.Normalize(raw);
        if (UnifiedSocialCreditCode.Check(code) is var (fault, args))
        {
            row.Error(column, raw, fault switch
            {
                CreditCodeFault.Empty => ImportProblemCodes.CreditCodeEmpty,
                CreditCodeFault.Length => ImportProblemCodes.CreditCodeLength,
                CreditCodeFault.Character => ImportProblemCodes.CreditCodeCharacter,
                _ => ImportProblemCodes.CreditCodeCheckCharacter,
            }, args);
        }
        return code;
    }

    internal static string ReadSector(CsvRow row, string column)
    {
        var value = row.Required(column, FieldLengths.SectorCode);
        if (value.Length == 0) return value;
        if (ChineseLabels.SectorCode(value) is { } code) return code;
        row.Error(column, value, ImportProblemCodes.SectorUnknown, KnownSectors);
        return value;
    }

    /// <summary>The sectors an import accepts, for its messages: code and Chinese name of each.</summary>
    internal static string KnownSectors { get; } = string.Join(", ", Domain.Sector.All.Select(s => $"{s.Code} ({s.NameZh})"));
}

/// <summary>An inspection row.</summary>
/// <param name="Row">Row number (header = 1).</param>
/// <param name="Reference">Source identifier, unique when present.</param>
/// <param name="CreditCode">Inspected enterprise's credit code.</param>
/// <param name="Date">Day of the inspection.</param>
/// <param name="InspectionGroup">Inspection group identifier.</param>
/// <param name="InspectorVisits">Inspector visits (检查人次) counted on this record, ≥ 0.</param>
public sealed record InspectionRecord(int Row, string? Reference, string CreditCode, DateOnly Date, string InspectionGroup, int InspectorVisits)
    : IReferencedRecord
{
    /// <inheritdoc />
    public IReadOnlySet<string> Rejected { get; init; } = ImportRecords.NoneRejected;

    /// <summary>Columns of the inspection CSV.</summary>
    public static readonly string[] Columns = ["reference", "credit_code", "date", "inspection_group", "inspector_visits"];

    /// <summary>Parses a row (<see cref="Read"/>); null when it has errors.</summary>
    public static InspectionRecord? Parse(CsvRow row) => Read(row) is var r && r.IsValid() ? r : null;

    /// <summary>Reads every field, recording every bad value; <see cref="Rejected"/> names the bad fields.</summary>
    public static InspectionRecord Read(CsvRow row)
    {
        var reference = row.OptionalText("reference", FieldLengths.Reference);
        var code = EnterpriseRecord.ReadCreditCode(row, "credit_code");
        var date = row.Date("date", required: true);
        var group = row.Required("inspection_group", FieldLengths.InspectionGroup);
        var visits = row.NonNegativeInt("inspector_visits");
        return new InspectionRecord(row.Number, reference, code, date ?? default, group, visits) { Rejected = row.Rejected };
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
/// <param name="Ledger">The ledger columns (来源, 判定依据, 五到位 plan, supervision, 销号文号); null for none (<see cref="HazardLedgerRecord.None"/>).</param>
public sealed record HazardRecord(int Row, string? Reference, string? InspectionReference, string CreditCode, string Sector,
    HazardLevel Level, string Description, DateOnly FoundOn, DateOnly Deadline, DateOnly? RectifiedOn, DateOnly? ClosedOn,
    HazardStatus Status, string? ResponsiblePerson, bool Supervised, HazardLedgerRecord? Ledger = null) : IReferencedRecord
{
    /// <summary>The ledger columns, <see cref="HazardLedgerRecord.None"/> when none were given.</summary>
    public HazardLedgerRecord Ledger { get; init; } = Ledger ?? HazardLedgerRecord.None;

    /// <inheritdoc />
    public IReadOnlySet<string> Rejected { get; init; } = ImportRecords.NoneRejected;

    /// <summary>Columns of the hazard CSV.</summary>
    public static readonly string[] Columns =
        ["reference", "inspection_reference", "credit_code", "sector", "level", "description", "found_on", "deadline",
         "rectified_on", "closed_on", "status", "responsible_person", "supervised"];

    /// <summary>Parses a row (<see cref="Read"/>); null when it has errors.</summary>
    public static HazardRecord? Parse(CsvRow row) => Read(row) is var r && r.IsValid() ? r : null;

    /// <summary>
    /// Reads every field and checks the dates against each other and the status wherever the values involved could be
    /// read, recording every bad value; <see cref="Rejected"/> names the bad fields.
    /// </summary>
    public static HazardRecord Read(CsvRow row)
    {
        var reference = row.OptionalText("reference", FieldLengths.Reference);
        var inspection = row.OptionalText("inspection_reference", FieldLengths.Reference);
        var code = EnterpriseRecord.ReadCreditCode(row, "credit_code");
        var sector = EnterpriseRecord.ReadSector(row, "sector");
        var level = row.Enum<HazardLevel>("level");
        var description = row.Required("description", FieldLengths.Description);
        var found = row.Date("found_on", required: true);
        var deadline = row.Date("deadline", required: true);
        var rectified = row.Date("rectified_on", required: false);
        var closed = row.Date("closed_on", required: false);
        var status = row.Enum<HazardStatus>("status");
        var responsible = row.OptionalText("responsible_person", FieldLengths.Name);
        var supervised = row.Boolean("supervised");
        var ledger = HazardLedgerRecord.Read(row, sector, level, found, status, supervised);

        // The status is compared with the dates only when all three could be read.
        if (!row.IsRejected("status") && !row.IsRejected("rectified_on") && !row.IsRejected("closed_on"))
        {
            var expected = closed is not null ? ImportProblemCodes.StatusDatesSayClosed
                : rectified is not null ? ImportProblemCodes.StatusDatesSayRectified : ImportProblemCodes.StatusDatesSayOpen;
            var consistent = status switch
            {
                HazardStatus.Closed => closed is not null,
                HazardStatus.Rectified => rectified is not null && closed is null,
                _ => rectified is null && closed is null,
            };
            if (!consistent) row.Error("status", status.ToString(), expected);
        }
        if (deadline < found) row.Error("deadline", $"{deadline:yyyy-MM-dd}", ImportProblemCodes.DeadlineBeforeFound, found);
        if (rectified < found) row.Error("rectified_on", $"{rectified:yyyy-MM-dd}", ImportProblemCodes.RectifiedBeforeFound, found);
        if (closed < (rectified ?? found)) row.Error("closed_on", $"{closed:yyyy-MM-dd}", ImportProblemCodes.ClosedBeforeRectified);
        return new HazardRecord(row.Number, reference, inspection, code, sector, level, description, found ?? default, deadline ?? default,
            rectified, closed, status, responsible, supervised, ledger) { Rejected = row.Rejected };
    }
}

/// <summary>
/// The ledger columns of a hazard row (all optional; a file without them records the defaults): where it came from, the
/// criterion clause of a major hazard, the rectification plan (五到位), the supervision (挂牌督办) and the close-out
/// document number (销号文号). The same rules as the API's: a clause only on a Major hazard, of the hazard's sector and
/// in force on the day found (<see cref="Ledger.CriterionCatalogue"/>); funds in yuan, not negative, at most two
/// decimals; supervision fields only on a supervised hazard, delisted not before listed; a document number only on a
/// Closed hazard.
/// </summary>
/// <param name="Source">来源; <see cref="HazardSource.DepartmentInspection"/> when the column is absent or empty.</param>
/// <param name="CriterionClause">判定依据: a clause id of the catalogue, e.g. <c>mines-2022:1.1</c>.</param>
/// <param name="PlanMeasures">Plan: the measures.</param>
/// <param name="PlanFundsYuan">Plan: the funds, yuan.</param>
/// <param name="PlanOwner">Plan: the person responsible for the rectification.</param>
/// <param name="PlanInterimMeasures">Plan: interim safety measures.</param>
/// <param name="PlanCompletionOn">Plan: planned completion day, not before the day found.</param>
/// <param name="SupervisionLevel">Supervision: county, city or province.</param>
/// <param name="SupervisingUnit">Supervision: the supervising unit (督办单位).</param>
/// <param name="SupervisionListedOn">Supervision: the day listed.</param>
/// <param name="SupervisionDelistedOn">Supervision: the day delisted, not before listed.</param>
/// <param name="CloseDocumentNumber">The close-out document number (销号文号) of a Closed hazard.</param>
public sealed record HazardLedgerRecord(HazardSource Source, string? CriterionClause, string? PlanMeasures, decimal? PlanFundsYuan,
    string? PlanOwner, string? PlanInterimMeasures, DateOnly? PlanCompletionOn, SupervisionLevel? SupervisionLevel, string? SupervisingUnit,
    DateOnly? SupervisionListedOn, DateOnly? SupervisionDelistedOn, string? CloseDocumentNumber)
{
    /// <summary>A department's finding with no other ledger fact.</summary>
    public static readonly HazardLedgerRecord None = new(HazardSource.DepartmentInspection, null, null, null, null, null, null, null, null, null, null, null);

    /// <summary>
    /// Reads the ledger columns of <paramref name="row"/>, checking them against the hazard's other fields where those
    /// could be read; every bad value is recorded on the row.
    /// </summary>
    internal static HazardLedgerRecord Read(CsvRow row, string sector, HazardLevel level, DateOnly? found, HazardStatus status, bool supervised)
    {
        var source = row.OptionalEnum<HazardSource>("source") ?? HazardSource.DepartmentInspection;
        var clause = row.OptionalText("criterion_clause", FieldLengths.Reference);
        if (clause is not null)
        {
            if (!row.IsRejected("level") && level != HazardLevel.Major) row.Error("criterion_clause", clause, Ledger.LedgerProblemCodes.CriterionMajorOnly);
            else if (!row.IsRejected("sector") && found is { } day && Ledger.CriterionCatalogue.Embedded.Check(clause, sector, day) is var (code, args))
                row.Error("criterion_clause", clause, code, args);
        }
        var measures = row.OptionalText("plan_measures", FieldLengths.Description);
        var funds = row.Decimal("plan_funds_yuan");
        if (funds is { } f)
        {
            if (f < 0) row.Error("plan_funds_yuan", f.ToString(System.Globalization.CultureInfo.InvariantCulture), ImportProblemCodes.AmountNegative);
            else if (decimal.Round(f, 2) != f) row.Error("plan_funds_yuan", f.ToString(System.Globalization.CultureInfo.InvariantCulture), ImportProblemCodes.AmountDecimals);
        }
        var owner = row.OptionalText("plan_owner", FieldLengths.Name);
        var interim = row.OptionalText("plan_interim_measures", FieldLengths.Description);
        var completion = row.Date("plan_completion_on", required: false);
        if (completion < found) row.Error("plan_completion_on", $"{completion:yyyy-MM-dd}", ImportProblemCodes.PlanCompletionBeforeFound, found);
        var supervisionLevel = row.OptionalEnum<SupervisionLevel>("supervision_level");
        var unit = row.OptionalText("supervising_unit", FieldLengths.Name);
        var listed = row.Date("supervision_listed_on", required: false);
        var delisted = row.Date("supervision_delisted_on", required: false);
        if (delisted < listed) row.Error("supervision_delisted_on", $"{delisted:yyyy-MM-dd}", ImportProblemCodes.DelistedBeforeListed, listed);
        if (!supervised && !row.IsRejected("supervised"))
            foreach (var column in new[] { "supervision_level", "supervising_unit", "supervision_listed_on", "supervision_delisted_on" })
                if (!row.IsRejected(column) && row.Optional(column) is { } value) row.Error(column, value, ImportProblemCodes.SupervisionNotSupervised);
        var document = row.OptionalText("close_document_number", FieldLengths.Reference);
        if (document is not null && !row.IsRejected("status") && status != HazardStatus.Closed)
            row.Error("close_document_number", document, ImportProblemCodes.DocumentNumberNotClosed);
        return new HazardLedgerRecord(source, clause, measures, funds, owner, interim, completion, supervisionLevel, unit, listed, delisted, document);
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
    : IReferencedRecord
{
    /// <inheritdoc />
    public IReadOnlySet<string> Rejected { get; init; } = ImportRecords.NoneRejected;

    /// <summary>Columns of the enforcement CSV.</summary>
    public static readonly string[] Columns = ["reference", "credit_code", "date", "kind", "amount_yuan"];

    /// <summary>Parses a row (<see cref="Read"/>); null when it has errors.</summary>
    public static EnforcementRecord? Parse(CsvRow row) => Read(row) is var r && r.IsValid() ? r : null;

    /// <summary>
    /// Reads every field and checks the amount against the kind when both could be read, recording every bad value;
    /// <see cref="Rejected"/> names the bad fields.
    /// </summary>
    public static EnforcementRecord Read(CsvRow row)
    {
        var reference = row.OptionalText("reference", FieldLengths.Reference);
        var code = EnterpriseRecord.ReadCreditCode(row, "credit_code");
        var date = row.Date("date", required: true);
        var kind = row.Enum<EnforcementKind>("kind");
        var amount = row.Decimal("amount_yuan");
        if (!row.IsRejected("kind") && !row.IsRejected("amount_yuan"))
        {
            if (kind == EnforcementKind.Fine && amount is not > 0)
                row.Error("amount_yuan", amount?.ToString(System.Globalization.CultureInfo.InvariantCulture), ImportProblemCodes.FineAmountRequired);
            if (kind != EnforcementKind.Fine && amount is not null)
                row.Error("amount_yuan", amount.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), ImportProblemCodes.AmountOnlyForFines, kind);
        }
        if (amount is { } a && decimal.Round(a, 2) != a)
            row.Error("amount_yuan", a.ToString(System.Globalization.CultureInfo.InvariantCulture), ImportProblemCodes.AmountDecimals);
        return new EnforcementRecord(row.Number, reference, code, date ?? default, kind, amount) { Rejected = row.Rejected };
    }
}
