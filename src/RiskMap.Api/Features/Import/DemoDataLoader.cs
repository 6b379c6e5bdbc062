using Microsoft.EntityFrameworkCore;
using RiskMap.Api.Data;
using RiskMap.Api.Domain;
using RiskMap.Api.Geo;

namespace RiskMap.Api.Features.Import;

/// <summary>
/// Loads the demo district (data/, described in data/README.md) through <see cref="ImportService"/>, the same code
/// that imports a user's files, in one transaction: either the whole district is loaded or nothing is.
/// </summary>
public sealed class DemoDataLoader(RiskMapDbContext db, ImportService import)
{
    /// <summary>
    /// Reads every demo file from <paramref name="directory"/>, checks all of them, then writes them.
    /// Returns one line per file saying what was written.
    /// </summary>
    /// <exception cref="ImportRejectedException">A file has invalid rows (all are listed); nothing was written.</exception>
    /// <exception cref="FileNotFoundException">A demo file is missing.</exception>
    public async Task<string> LoadAsync(string directory, CancellationToken cancellationToken)
    {
        var district = await ReadDistrictAsync(Path.Combine(directory, "district.geojson"), cancellationToken);
        var townships = BoundaryRecords.ReadTownships(
            BoundaryRecords.Features(await ReadGeoJsonAsync(Path.Combine(directory, "townships.geojson"), cancellationToken)),
            "townships.geojson", BoundaryMapping.Default, out var townshipErrors);

        var errors = new List<ImportError>(townshipErrors);
        var departments = ReadDepartments(directory, errors);
        var leaders = CsvRecords.ReadFile(directory, "district_leaders.csv", ["township_code", "leader_name", "leader_title"], errors, row =>
            new LeaderAssignment
            {
                TownshipCode = row.Required("township_code", FieldLengths.TownshipCode),
                LeaderName = row.Required("leader_name", FieldLengths.Name),
                LeaderTitle = row.OptionalText("leader_title", FieldLengths.Name),
            });
        var enterprises = CsvRecords.ReadFile(directory, "enterprises.csv", EnterpriseRecord.Columns, errors, row => EnterpriseRecord.Parse(row, GeographicSystem.Wgs84));
        var inspections = CsvRecords.ReadFile(directory, "inspections.csv", InspectionRecord.Columns, errors, InspectionRecord.Parse);
        var hazards = CsvRecords.ReadFile(directory, "hazards.csv", HazardRecord.Columns, errors, HazardRecord.Parse);
        var enforcement = CsvRecords.ReadFile(directory, "enforcement_actions.csv", EnforcementRecord.Columns, errors, EnforcementRecord.Parse);
        if (errors.Count > 0) throw new ImportRejectedException(errors);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var results = new List<ImportResult>
        {
            await import.ImportDistrictAsync(district.Code, district.Name, district.Boundary, district.BoundarySource, cancellationToken),
            await import.ReplaceTownshipsAsync(district.Code, townships, cancellationToken),
            await import.ImportDepartmentsAsync(departments, cancellationToken),
            await import.ReplaceLeaderAssignmentsAsync(leaders, cancellationToken),
            await import.ImportEnterprisesAsync("enterprises.csv", enterprises, DuplicatePolicy.Reject, cancellationToken),
            await import.ImportInspectionsAsync("inspections.csv", inspections, cancellationToken),
            await import.ImportHazardsAsync("hazards.csv", hazards, cancellationToken),
            await import.ImportEnforcementActionsAsync("enforcement_actions.csv", enforcement, cancellationToken),
        };
        await MarkDemoAsync(db, [district.Code], cancellationToken);
        await Ledger.LedgerDemo.ApplyAsync(db, district.Code, CampaignCalendar.Today(TimeProvider.System), cancellationToken);
        var evidence = await Attachments.DemoEvidence.AttachAsync(db, cancellationToken);
        // The data-notes panel's last imports (the staging tables of this transaction say which department each row is of).
        (ImportKind Kind, string File, int Rows)[] runs =
        [
            (ImportKind.Boundaries, "townships.geojson", townships.Count), (ImportKind.Enterprises, "enterprises.csv", enterprises.Count),
            (ImportKind.Inspections, "inspections.csv", inspections.Count), (ImportKind.Hazards, "hazards.csv", hazards.Count),
            (ImportKind.Enforcement, "enforcement_actions.csv", enforcement.Count),
        ];
        foreach (var (kind, file, rows) in runs) await import.RecordRunAsync(kind, null, file, rows, cancellationToken, demo: true);
        var depots = await DemoDepotsAsync(district.Code, cancellationToken);
        var reports = await DemoErrorReportsAsync(district.Code, cancellationToken);
        // Opening hours for the schedule's time windows: the demo assumes gas retail outlets (below scale) receive inspectors 09:00–17:00.
        await db.Database.ExecuteSqlAsync($"UPDATE enterprises SET opens_at = '09:00', closes_at = '17:00' WHERE sector = 'gas' AND NOT above_scale", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return string.Join("; ", results) + "; " + evidence + $"; {depots} depots; {reports} error reports";
    }

    /// <summary>
    /// The demo district's depots: one per township government (街道办事处 / 镇人民政府 / 乡人民政府), placed at the township's label
    /// point (the centre of the largest circle inside its boundary) because the demo has no building positions: an approximation
    /// the depot's source says so. Existing names are kept.
    /// </summary>
    /// <returns>Depots added.</returns>
    private Task<int> DemoDepotsAsync(string district, CancellationToken cancellationToken) => db.Database.ExecuteSqlAsync($"""
        INSERT INTO depots (district_code, name, township_code, location, source)
        SELECT t.district_code, t.name || CASE t.kind WHEN 'Subdistrict' THEN '办事处' ELSE '人民政府' END, t.code, t.label_point,
            'approximated by the township''s label point (demo data)'
        FROM townships t
        WHERE t.district_code = {district} AND t.label_point IS NOT NULL
        ON CONFLICT (district_code, name) DO NOTHING
        """, cancellationToken);

    /// <summary>
    /// The demo's error reports (纠错), so that the queue is not empty: on the district's first three enterprises (by id) that a
    /// department covers — an open report on the first's location with a proposed point about 80 m north of it, a report on the
    /// second's name rejected by its department's officer a day later, and an open report on the third's first hazard —
    /// reported by the township's chief (<c>chief-&lt;township&gt;</c>) over the last days. The demo's accounts are created after the
    /// data, so the reports carry the reporter's user name with the user id <c>demo</c>: they are in no one's 我的纠错. Error
    /// reports count in no figure.
    /// </summary>
    /// <returns>Reports added.</returns>
    private Task<int> DemoErrorReportsAsync(string district, CancellationToken cancellationToken) => db.Database.ExecuteSqlAsync($"""
        WITH covered AS (
            SELECT e.id, e.township_code, e.department_code, e.location, row_number() OVER (ORDER BY e.id) AS n
            FROM enterprises e JOIN townships t ON t.code = e.township_code
            WHERE t.district_code = {district} AND e.department_code IS NOT NULL)
        INSERT INTO error_reports (subject, enterprise_id, hazard_id, text, proposed_location, reporter_id, reporter_name, reported_at, status,
            decision_reason, decided_by, decided_at)
        SELECT 'Enterprise', c.id, NULL::bigint, '企业位置有误：厂区实际在标注点北侧约 80 米处', ST_Translate(c.location, 0, 0.00072), 'demo',
            'chief-' || c.township_code, now() - interval '2 days', 'Open', NULL::text, NULL::text, NULL::timestamptz
        FROM covered c WHERE c.n = 1
        UNION ALL
        SELECT 'Enterprise', c.id, NULL, '企业名称与营业执照不一致', NULL, 'demo', 'chief-' || c.township_code, now() - interval '6 days',
            'Rejected', '经核对营业执照，登记名称无误', 'officer-' || replace(c.department_code, '_', '-'), now() - interval '5 days'
        FROM covered c WHERE c.n = 2
        UNION ALL
        SELECT 'Hazard', c.id, h.id, '该隐患描述与现场不符，请核实', NULL, 'demo', 'chief-' || c.township_code, now() - interval '1 day', 'Open',
            NULL, NULL, NULL
        FROM covered c JOIN LATERAL (SELECT id FROM hazards WHERE enterprise_id = c.id ORDER BY id LIMIT 1) h ON true WHERE c.n = 3
        """, cancellationToken);

    /// <summary>
    /// Marks the districts of <paramref name="codes"/> as demo districts (<see cref="District.Demo"/>): their records are
    /// fictional, the page says so, and the demo accounts are created only with the demo district.
    /// </summary>
    /// <returns>Districts marked.</returns>
    public static Task<int> MarkDemoAsync(RiskMapDbContext db, IReadOnlyCollection<string> codes, CancellationToken cancellationToken)
    {
        var list = codes.ToArray();
        return db.Database.ExecuteSqlAsync($"UPDATE districts SET demo = true WHERE code = ANY({list})", cancellationToken);
    }

    /// <summary>Reads departments.csv (code, name, sectors separated by ';') from <paramref name="directory"/>.</summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    public static List<Department> ReadDepartments(string directory, List<ImportError> errors)
        => CsvRecords.ReadFile(directory, "departments.csv", ["code", "name", "sectors"], errors, row =>
            new Department
            {
                Code = row.Required("code", FieldLengths.DepartmentCode),
                Name = row.Required("name", FieldLengths.Name),
                Sectors = ReadSectors(row),
            });

    private static List<string> ReadSectors(CsvRow row)
    {
        var sectors = row.Required("sectors", FieldLengths.SectorList).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var unknown in sectors.Where(s => !Sector.IsKnown(s))) row.Error("sectors", unknown, ImportProblemCodes.SectorUnknown, EnterpriseRecord.KnownSectors);
        return sectors;
    }

    private static async Task<District> ReadDistrictAsync(string path, CancellationToken cancellationToken)
    {
        var features = await ReadGeoJsonAsync(path, cancellationToken);
        var feature = features.Count == 1
            ? features[0]
            : throw new ImportRejectedException([new ImportError(Path.GetFileName(path), 0, "", $"{features.Count} features", ImportProblemCodes.DistrictFeatureCount, features.Count)]);
        var boundary = GeoJsonFiles.AsMultiPolygon(feature.Geometry)
            ?? throw new ImportRejectedException([new ImportError(Path.GetFileName(path), 1, "geometry", feature.Geometry?.GeometryType, ImportProblemCodes.PolygonExpected)]);
        boundary.SRID = 4326;
        return new District
        {
            Code = GeoJsonFiles.Text(feature.Attributes, "code") ?? "",
            Name = GeoJsonFiles.Text(feature.Attributes, "name") ?? "",
            Boundary = boundary,
            BoundarySource = GeoJsonFiles.Text(feature.Attributes, "source"),
        };
    }

    /// <summary>Reads a GeoJSON FeatureCollection file.</summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    public static async Task<NetTopologySuite.Features.FeatureCollection> ReadGeoJsonAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await GeoJsonFiles.ReadFeaturesAsync(stream, cancellationToken);
    }

}
