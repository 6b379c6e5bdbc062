using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Npgsql;
using RiskMap.Api.Data;
using RiskMap.Api.Domain;
using RiskMap.Api.Geo;

namespace RiskMap.Api.Features.Import;

/// <summary>What to do with an enterprise whose credit code is already in the database.</summary>
public enum DuplicatePolicy
{
    /// <summary>Refuse the file, listing the rows.</summary>
    Reject,
    /// <summary>Overwrite the stored enterprise with the row.</summary>
    Update,
    /// <summary>Keep the stored enterprise and ignore the row.</summary>
    Skip,
}

/// <summary>How enterprises are imported.</summary>
/// <param name="Duplicates">What to do with a credit code already stored.</param>
/// <param name="District">6-digit district whose outline (or townships) must cover each point; null for no check.</param>
/// <param name="AcceptOutside">Keep points outside <paramref name="District"/> (flagged) instead of rejecting the file.</param>
public sealed record EnterpriseImportOptions(DuplicatePolicy Duplicates, string? District, bool AcceptOutside);

/// <summary>A township boundary to import, already in WGS-84.</summary>
/// <param name="Feature">1-based feature index in the source, for error messages.</param>
/// <param name="Code">9-digit code.</param>
/// <param name="Name">Name.</param>
/// <param name="Kind">Subdistrict, Town or Township.</param>
/// <param name="Boundary">WGS-84 MultiPolygon.</param>
/// <param name="Illustrative">True for made-up boundaries.</param>
/// <param name="Source">Provenance text.</param>
public sealed record TownshipBoundary(int Feature, string Code, string Name, TownshipKind Kind, MultiPolygon Boundary, bool Illustrative, string? Source);

/// <summary>
/// Writes imported rows to the database set-based: rows go through Npgsql binary COPY into a temporary staging
/// table (each import's declared once, a <see cref="StagingTable{T}"/>, which writes its CREATE, COPY and merge), are checked there against the database (unknown credit codes, duplicates, unknown references), and
/// are merged with one INSERT … ON CONFLICT. Records that failed parsing (<see cref="IImportRecord.Rejected"/>) may be
/// passed too: they are staged with their rejected fields as NULL and go through every check their other fields allow
/// (so a row with a bad sector is still reported for an unknown department), but are never merged; the caller rejects
/// the file for their parse errors. Every method runs in the caller's transaction when there is one
/// (so several files can be all-or-nothing together) or in its own; on any rejected row it throws
/// <see cref="ImportRejectedException"/> and the transaction is rolled back by its owner.
/// </summary>
public sealed class ImportService(RiskMapDbContext db)
{
    internal static readonly StagingTable<TownshipBoundary> TownshipStaging = new StagingTable<TownshipBoundary>("staging_townships")
        .Integer("feature", t => t.Feature, merged: false)
        .Text("code", t => t.Code)
        .Text("name", t => t.Name)
        .Text("kind", t => t.Kind.ToString())
        .Geometry("boundary", t => t.Boundary)
        .Boolean("illustrative", t => t.Illustrative)
        .Text("boundary_source", t => t.Source);

    internal static readonly StagingTable<EnterpriseRecord> EnterpriseStaging = StagingTable.Records<EnterpriseRecord>("staging_enterprises")
        .Text("credit_code", r => r.CreditCode)
        .Text("name", r => r.Name)
        .Text("sector", r => r.Sector)
        .Boolean("above_scale", r => r.AboveScale)
        .Text("address", r => r.Address)
        // NaN when the coordinates were rejected; merged as the location.
        .Double("lon", r => double.IsNaN(r.Longitude) ? null : r.Longitude, merged: false)
        .Double("lat", r => double.IsNaN(r.Latitude) ? null : r.Latitude, merged: false)
        .Text("department_code", r => r.DepartmentCode)
        .Time("opens_at", r => r.Hours?.Opens)
        .Time("closes_at", r => r.Hours?.Closes);

    internal static readonly StagingTable<InspectionRecord> InspectionStaging = StagingTable.ReferencedRecords<InspectionRecord>("staging_inspections")
        .Date("date", r => r.Date)
        .Text("inspection_group", r => r.InspectionGroup)
        .Integer("inspector_visits", r => r.InspectorVisits);

    internal static readonly StagingTable<HazardRecord> HazardStaging = StagingTable.ReferencedRecords<HazardRecord>("staging_hazards")
        .Text("inspection_reference", r => r.InspectionReference, merged: false)
        .Text("sector", r => r.Sector)
        .Text("level", r => r.Level.ToString())
        .Text("description", r => r.Description)
        .Date("found_on", r => r.FoundOn)
        .Date("deadline", r => r.Deadline)
        .Date("rectified_on", r => r.RectifiedOn)
        .Date("closed_on", r => r.ClosedOn)
        .Text("status", r => r.Status.ToString())
        .Text("responsible_person", r => r.ResponsiblePerson)
        .Boolean("supervised", r => r.Supervised)
        .Text("source", r => r.Ledger.Source.ToString())
        .Text("criterion_clause", r => r.Ledger.CriterionClause)
        .Text("plan_measures", r => r.Ledger.PlanMeasures)
        .Numeric("plan_funds_yuan", r => r.Ledger.PlanFundsYuan)
        .Text("plan_owner", r => r.Ledger.PlanOwner)
        .Text("plan_interim_measures", r => r.Ledger.PlanInterimMeasures)
        .Date("plan_completion_on", r => r.Ledger.PlanCompletionOn)
        .Text("supervision_level", r => r.Ledger.SupervisionLevel?.ToString())
        .Text("supervising_unit", r => r.Ledger.SupervisingUnit)
        .Date("supervision_listed_on", r => r.Ledger.SupervisionListedOn)
        .Date("supervision_delisted_on", r => r.Ledger.SupervisionDelistedOn)
        .Text("close_document_number", r => r.Ledger.CloseDocumentNumber);

    internal static readonly StagingTable<EnforcementRecord> EnforcementStaging = StagingTable.ReferencedRecords<EnforcementRecord>("staging_enforcement")
        .Date("date", r => r.Date)
        .Text("kind", r => r.Kind.ToString())
        .Numeric("amount_yuan", r => r.AmountYuan);

    /// <summary>Inserts or updates a district.</summary>
    public async Task<ImportResult> ImportDistrictAsync(string code, string name, MultiPolygon boundary, string? source,
        CancellationToken cancellationToken)
    {
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
            throw new ImportRejectedException([new ImportError("district", 1, "code", code, ImportProblemCodes.DistrictCodeFormat)]);
        return await InTransactionAsync(async () =>
        {
            var existing = await db.Districts.FindAsync([code], cancellationToken);
            if (existing is null)
                db.Districts.Add(new District { Code = code, Name = name, Boundary = boundary, BoundarySource = source });
            else
            {
                existing.Name = name;
                existing.Boundary = boundary;
                existing.BoundarySource = source;
                existing.OutlineFromTownships = false;
            }
            await db.SaveChangesAsync(cancellationToken);
            return new ImportResult("district", 1, existing is null ? 1 : 0, existing is null ? 0 : 1, []);
        }, cancellationToken);
    }

    /// <summary>The <see cref="ImportRun.Kind"/> of a file of district outlines.</summary>
    public const string DistrictsRunKind = "districts";

    /// <summary>
    /// Inserts or updates the districts of a districts file (one per feature, 6-digit codes checked by
    /// <see cref="BoundaryRecords.ReadDistricts"/>), in one transaction. Each outline counts as imported on its own
    /// (<see cref="District.OutlineFromTownships"/> false); an invalid one is repaired with NetTopologySuite's GeometryFixer.
    /// </summary>
    /// <exception cref="ImportRejectedException">Two features with the same code (the later one is named).</exception>
    public async Task<ImportResult> ImportDistrictsAsync(string file, IReadOnlyList<DistrictBoundary> districts, CancellationToken cancellationToken)
    {
        var errors = districts.GroupBy(d => d.Code).Where(g => g.Count() > 1)
            .SelectMany(g => g.Skip(1).Select(d => new ImportError(file, d.Feature, "code", d.Code, ImportProblemCodes.FeatureDuplicate, g.First().Feature)))
            .ToList();
        if (errors.Count > 0) throw new ImportRejectedException(errors);
        return await InTransactionAsync(async () =>
        {
            int inserted = 0, updated = 0;
            foreach (var d in districts)
            {
                var boundary = d.Boundary.IsValid ? d.Boundary
                    : GeoJsonFiles.AsMultiPolygon(NetTopologySuite.Geometries.Utilities.GeometryFixer.Fix(d.Boundary)) ?? d.Boundary;
                boundary.SRID = 4326;
                var existing = await db.Districts.FindAsync([d.Code], cancellationToken);
                if (existing is null)
                {
                    db.Districts.Add(new District { Code = d.Code, Name = d.Name, Boundary = boundary, BoundarySource = d.Source });
                    inserted++;
                }
                else
                {
                    (existing.Name, existing.Boundary, existing.BoundarySource, existing.OutlineFromTownships) = (d.Name, boundary, d.Source, false);
                    updated++;
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            return new ImportResult(file, districts.Count, inserted, updated,
                [ImportMessages.Of(ImportProblemCodes.BoundaryNoteDistricts, districts.Count, districts.Select(d => $"{d.Code} {d.Name}").ToList())]);
        }, cancellationToken);
    }

    /// <summary>
    /// Records a committed import in <c>import_runs</c>, one row per department whose enterprises its rows concern (the
    /// <c>department_code</c> of the enterprise rows, or of the enterprises that inspection, hazard and enforcement rows
    /// name; read from the import's staging table, so call it inside the import's transaction), one row without
    /// department for boundaries. The time is the transaction's (<c>now()</c>).
    /// </summary>
    /// <param name="kind">What was imported.</param>
    /// <param name="runKind">The kind recorded, when not <paramref name="kind"/> (<see cref="DistrictsRunKind"/>).</param>
    /// <param name="file">The file's name (cut to 255 characters).</param>
    /// <param name="rows">Rows or features read (boundaries).</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <param name="demo">True for the demo dataset's files (fictional records).</param>
    public async Task RecordRunAsync(ImportKind kind, string? runKind, string file, int rows, CancellationToken cancellationToken, bool demo = false)
    {
        var connection = await OpenConnectionAsync(cancellationToken);
        var byDepartment = kind switch
        {
            ImportKind.Enterprises => $"SELECT department_code, count(*)::int AS rows FROM {EnterpriseStaging.Name} GROUP BY department_code",
            ImportKind.Inspections or ImportKind.Hazards or ImportKind.Enforcement => $"""
                SELECT e.department_code, count(*)::int AS rows FROM {(kind switch
                {
                    ImportKind.Inspections => InspectionStaging.Name,
                    ImportKind.Hazards => HazardStaging.Name,
                    _ => EnforcementStaging.Name,
                })} s LEFT JOIN enterprises e ON e.credit_code = s.credit_code GROUP BY e.department_code
                """,
            _ => "SELECT NULL::text AS department_code, @rows AS rows",
        };
        await using var command = new NpgsqlCommand($"""
            INSERT INTO import_runs (kind, department_code, file_name, rows, finished_at, demo)
            SELECT @kind, r.department_code, @file, r.rows, now(), @demo FROM ({byDepartment}) r
            """, connection);
        command.Parameters.AddWithValue("kind", runKind ?? kind.ToString().ToLowerInvariant());
        command.Parameters.AddWithValue("file", file.Length > 255 ? file[..255] : file);
        command.Parameters.AddWithValue("rows", rows);
        command.Parameters.AddWithValue("demo", demo);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Replaces the townships of <paramref name="districtCode"/> with <paramref name="townships"/>: codes present in
    /// both are updated, new ones inserted, and the district's other townships deleted. Invalid polygons are repaired
    /// with ST_MakeValid (and reported in the notes). Enterprises are then re-assigned to the township covering their
    /// point in the same transaction; the notes say how many moved. A district whose outline is the union of its townships
    /// (<see cref="District.OutlineFromTownships"/>) gets the union of the new ones (ST_Union, repaired with ST_MakeValid); one
    /// whose outline was imported on its own keeps it, and the notes give the areas in m² (ST_Area on geography) of the
    /// outline no township covers, of the townships outside it and of townships overlapping each other.
    /// </summary>
    /// <param name="districtCode">6-digit district code.</param>
    /// <param name="townships">The district's new townships (WGS-84).</param>
    /// <param name="cancellationToken">Cancels the import.</param>
    /// <param name="newDistrictName">
    /// When the district is not stored yet: its name; the district is then created with the union of the townships
    /// (ST_Union) as its outline. Null refuses an unknown district.
    /// </param>
    public async Task<ImportResult> ReplaceTownshipsAsync(string districtCode, IReadOnlyList<TownshipBoundary> townships,
        CancellationToken cancellationToken, string? newDistrictName = null)
    {
        if (districtCode.Length != 6 || !districtCode.All(char.IsAsciiDigit))
            throw new ImportRejectedException([new ImportError("townships", 0, "district", districtCode, ImportProblemCodes.DistrictCodeFormat)]);
        const string file = "townships";
        var errors = new List<ImportError>();
        foreach (var t in townships)
        {
            if (t.Code.Length != 9 || !t.Code.All(char.IsAsciiDigit))
                errors.Add(new ImportError(file, t.Feature, "code", t.Code, ImportProblemCodes.TownshipCodeFormat));
            else if (!t.Code.StartsWith(districtCode, StringComparison.Ordinal))
                errors.Add(new ImportError(file, t.Feature, "code", t.Code, ImportProblemCodes.TownshipCodeOutsideDistrict, districtCode));
            if (string.IsNullOrWhiteSpace(t.Name))
                errors.Add(new ImportError(file, t.Feature, "name", t.Name, ImportProblemCodes.TownshipNameRequired));
        }
        foreach (var dup in townships.GroupBy(t => t.Code).Where(g => g.Count() > 1))
            foreach (var t in dup.Skip(1))
                errors.Add(new ImportError(file, t.Feature, "code", t.Code, ImportProblemCodes.FeatureDuplicate, dup.First().Feature));
        if (errors.Count > 0) throw new ImportRejectedException(errors);

        return await InTransactionAsync(async () =>
        {
            var exists = await db.Districts.AnyAsync(d => d.Code == districtCode, cancellationToken);
            if (!exists && string.IsNullOrWhiteSpace(newDistrictName))
                throw new ImportRejectedException([new ImportError(file, 0, "district", districtCode, ImportProblemCodes.DistrictUnknownWithoutName, districtCode)]);
            var connection = await OpenConnectionAsync(cancellationToken);
            // Where every enterprise was, to count those that change township.
            await ExecuteAsync(connection, "CREATE TEMP TABLE township_before ON COMMIT DROP AS SELECT id, township_code FROM enterprises", cancellationToken);
            await TownshipStaging.CreateAndCopyAsync(connection, townships, null, cancellationToken);

            var notes = new List<Contract.CodedMessage>();
            var repaired = await QueryListAsync(connection, """
                UPDATE staging_townships
                SET boundary = ST_Multi(ST_CollectionExtract(ST_MakeValid(boundary), 3))
                WHERE NOT ST_IsValid(boundary)
                RETURNING code || ' ' || name AS township
                """, r => r.Get<string>("township"), cancellationToken);
            if (repaired.Count > 0) notes.Add(ImportMessages.Of(ImportProblemCodes.NotePolygonsRepaired, repaired));
            if (!exists)
            {
                await using var create = new NpgsqlCommand("""
                    INSERT INTO districts (code, name, boundary, boundary_source, outline_from_townships)
                    SELECT @code, @name, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_Union(boundary), 4326)), 3)), 'union of the imported townships', true
                    FROM staging_townships
                    """, connection);
                create.Parameters.AddWithValue("code", districtCode);
                create.Parameters.AddWithValue("name", newDistrictName!.Trim());
                await create.ExecuteNonQueryAsync(cancellationToken);
                notes.Add(ImportMessages.Of(ImportProblemCodes.NoteDistrictCreated, districtCode, newDistrictName!.Trim()));
            }

            var (inserted, updated) = await CountUpsertAsync(connection, TownshipStaging.MergeSql("townships", "code",
                computed: [("boundary", "ST_SetSRID(s.boundary, 4326)"), ("district_code", $"'{districtCode}'")], insertOnly: ["district_code"]),
                cancellationToken);
            var removed = await ExecuteAsync(connection, $"""
                DELETE FROM townships t
                WHERE t.district_code = '{districtCode}' AND NOT EXISTS (SELECT 1 FROM staging_townships s WHERE s.code = t.code)
                """, cancellationToken);
            if (removed > 0) notes.Add(ImportMessages.Of(ImportProblemCodes.NoteTownshipsRemoved, removed, districtCode));
            if (exists) notes.Add(await OutlineAfterTownshipsAsync(connection, districtCode, cancellationToken));
            await ReassignEnterprisesAsync(connection, cancellationToken);
            var moved = await ScalarAsync<long>(connection, """
                SELECT count(*) FROM enterprises e JOIN township_before b ON b.id = e.id WHERE e.township_code IS DISTINCT FROM b.township_code
                """, cancellationToken);
            notes.Add(ImportMessages.Of(ImportProblemCodes.NoteEnterprisesMoved, moved));
            return new ImportResult(file, townships.Count, inserted, updated, notes);
        }, cancellationToken);
    }

    // The district's outline once its townships are replaced: their union when it was made from them, else the gaps and overlaps.
    private static async Task<Contract.CodedMessage> OutlineAfterTownshipsAsync(NpgsqlConnection connection, string districtCode,
        CancellationToken cancellationToken)
    {
        var recomputed = await ExecuteAsync(connection, $"""
            UPDATE districts d SET boundary = u.boundary, boundary_source = 'union of the imported townships'
            FROM (SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(boundary)), 3)) AS boundary FROM townships WHERE district_code = '{districtCode}') u
            WHERE d.code = '{districtCode}' AND d.outline_from_townships
            """, cancellationToken);
        if (recomputed > 0) return ImportMessages.Of(ImportProblemCodes.BoundaryNoteOutlineRecomputed, districtCode);
        var areas = await QueryListAsync(connection, $"""
            WITH u AS (SELECT ST_Union(boundary) AS g FROM townships WHERE district_code = '{districtCode}'),
                 d AS (SELECT boundary AS g FROM districts WHERE code = '{districtCode}')
            SELECT round(ST_Area(ST_Difference(d.g, u.g)::geography))::bigint AS gap,
                   round(ST_Area(ST_Difference(u.g, d.g)::geography))::bigint AS outside,
                   (SELECT coalesce(round(sum(ST_Area(ST_Intersection(a.boundary, b.boundary)::geography))), 0)::bigint
                    FROM townships a JOIN townships b ON a.code < b.code AND ST_Intersects(a.boundary, b.boundary)
                    WHERE a.district_code = '{districtCode}' AND b.district_code = '{districtCode}') AS overlap
            FROM u, d
            """, r => (Gap: r.Get<long>("gap"), Outside: r.Get<long>("outside"), Overlap: r.Get<long>("overlap")), cancellationToken);
        var (gap, outside, overlap) = areas[0];
        return ImportMessages.Of(ImportProblemCodes.BoundaryNoteOutlineGaps, districtCode, gap, outside, overlap);
    }

    /// <summary>Inserts or updates departments (small table, through EF).</summary>
    public async Task<ImportResult> ImportDepartmentsAsync(IReadOnlyList<Department> departments, CancellationToken cancellationToken)
        => await InTransactionAsync(async () =>
        {
            int inserted = 0, updated = 0;
            foreach (var d in departments)
            {
                var existing = await db.Departments.FindAsync([d.Code], cancellationToken);
                if (existing is null)
                {
                    db.Departments.Add(d);
                    inserted++;
                }
                else
                {
                    existing.Name = d.Name;
                    existing.Sectors = d.Sectors;
                    updated++;
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            return new ImportResult("departments", departments.Count, inserted, updated, []);
        }, cancellationToken);

    /// <summary>Replaces the leader assignments of the townships named in <paramref name="assignments"/>.</summary>
    public async Task<ImportResult> ReplaceLeaderAssignmentsAsync(IReadOnlyList<LeaderAssignment> assignments, CancellationToken cancellationToken)
        => await InTransactionAsync(async () =>
        {
            var codes = assignments.Select(a => a.TownshipCode).Distinct().ToList();
            var known = await db.Townships.Where(t => codes.Contains(t.Code)).Select(t => t.Code).ToListAsync(cancellationToken);
            var unknown = codes.Except(known).ToList();
            if (unknown.Count > 0)
                throw new ImportRejectedException(unknown.Select(c => new ImportError("district_leaders", 0, "township_code", c, ImportProblemCodes.TownshipUnknown)).ToList());
            await db.LeaderAssignments.Where(a => codes.Contains(a.TownshipCode)).ExecuteDeleteAsync(cancellationToken);
            db.LeaderAssignments.AddRange(assignments);
            await db.SaveChangesAsync(cancellationToken);
            return new ImportResult("district_leaders", assignments.Count, assignments.Count, 0, []);
        }, cancellationToken);

    /// <summary>Imports enterprises with <paramref name="policy"/> for stored credit codes and no district check.</summary>
    public Task<ImportResult> ImportEnterprisesAsync(string file, IEnumerable<EnterpriseRecord> records, DuplicatePolicy policy,
        CancellationToken cancellationToken)
        => ImportEnterprisesAsync(file, records, new EnterpriseImportOptions(policy, null, AcceptOutside: true), null, cancellationToken);

    /// <summary>
    /// Imports enterprises: <paramref name="records"/> are enumerated once, straight into a binary COPY to a staging
    /// table (so a large file streams; <paramref name="progress"/> hears the rows written every 1000 rows), checked there
    /// (credit codes repeated in the file, unknown departments, codes already stored when the policy is Reject, points
    /// outside <see cref="EnterpriseImportOptions.District"/>), then merged with one INSERT … ON CONFLICT. Townships are
    /// assigned by the database trigger from each point. <see cref="ImportResult.RowsRead"/> counts the valid records.
    /// </summary>
    /// <remarks>
    /// A point is inside the district when the district outline or one of its townships covers it (ST_Covers; the GiST
    /// indexes of both tables). Outside points are rejected unless <see cref="EnterpriseImportOptions.AcceptOutside"/>;
    /// then they are kept and listed in <see cref="ImportResult.Flagged"/> with their distance to the district in km
    /// (geography, metres / 1000).
    /// </remarks>
    /// <exception cref="ImportRejectedException">Any check failed; every failing row is listed.</exception>
    public async Task<ImportResult> ImportEnterprisesAsync(string file, IEnumerable<EnterpriseRecord> records, EnterpriseImportOptions options,
        IProgress<int>? progress, CancellationToken cancellationToken)
        => await InTransactionAsync(async () =>
        {
            var connection = await OpenConnectionAsync(cancellationToken);
            var valid = 0;
            IEnumerable<EnterpriseRecord> CountingValid()
            {
                foreach (var r in records)
                {
                    // A row with errors is staged too: its readable fields go through the checks below, the rejected
                    // ones as NULL (IImportRecord); only valid rows are merged.
                    if (r.IsValid()) valid++;
                    yield return r;
                }
            }
            await EnterpriseStaging.CreateAndCopyAsync(connection, CountingValid(), progress, cancellationToken);

            var errors = new List<ImportError>();
            errors.AddRange(await QueryListAsync(connection, """
                SELECT row, credit_code, first_row FROM (
                    SELECT row, credit_code, min(row) OVER (PARTITION BY credit_code) AS first_row FROM staging_enterprises
                    WHERE credit_code IS NOT NULL) s
                WHERE row <> first_row ORDER BY row
                """, r => new ImportError(file, r.Get<int>("row"), "credit_code", r.Get<string>("credit_code"),
                    ImportProblemCodes.RowDuplicate, r.Get<int>("first_row")), cancellationToken));
            errors.AddRange(await QueryListAsync(connection, """
                SELECT s.row, s.department_code FROM staging_enterprises s
                WHERE s.department_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM departments d WHERE d.code = s.department_code)
                ORDER BY s.row
                """, r => new ImportError(file, r.Get<int>("row"), "department_code", r.Get<string>("department_code"),
                    ImportProblemCodes.DepartmentUnknown), cancellationToken));
            if (options.Duplicates == DuplicatePolicy.Reject)
            {
                errors.AddRange(await QueryListAsync(connection, """
                    SELECT s.row, s.credit_code FROM staging_enterprises s JOIN enterprises e ON e.credit_code = s.credit_code ORDER BY s.row
                    """, r => new ImportError(file, r.Get<int>("row"), "credit_code", r.Get<string>("credit_code"),
                        ImportProblemCodes.CreditCodeExists), cancellationToken));
            }
            var flagged = new List<ImportError>();
            if (options.District is { } district)
            {
                if (district.Length != 6 || !district.All(char.IsAsciiDigit))
                    throw new ImportRejectedException([new ImportError(file, 0, "district", district, ImportProblemCodes.DistrictCodeFormat)]);
                var outside = await QueryListAsync(connection, $"""
                    SELECT s.row, s.lon, s.lat, round((ST_Distance(d.boundary::geography, p.geom::geography) / 1000)::numeric, 2) AS distance_km
                    FROM staging_enterprises s
                    CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326) AS geom) p
                    JOIN districts d ON d.code = '{district}'
                    WHERE s.lon IS NOT NULL AND s.lat IS NOT NULL AND NOT ST_Covers(d.boundary, p.geom)
                      AND NOT EXISTS (SELECT 1 FROM townships t WHERE t.district_code = d.code AND ST_Covers(t.boundary, p.geom))
                    ORDER BY s.row
                    """, r => new ImportError(file, r.Get<int>("row"), "longitude",
                        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{r.Get<double>("lon"):0.######}, {r.Get<double>("lat"):0.######}"),
                        options.AcceptOutside ? ImportProblemCodes.OutsideDistrictKept : ImportProblemCodes.OutsideDistrict, district,
                        r.Get<decimal>("distance_km")), cancellationToken);
                if (options.AcceptOutside) flagged.AddRange(outside);
                else errors.AddRange(outside);
            }
            if (errors.Count > 0) throw new ImportRejectedException(errors);

            var (inserted, updated) = await CountUpsertAsync(connection, EnterpriseStaging.MergeSql("enterprises", "credit_code",
                computed: [("location", "ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326)")], onConflict: options.Duplicates == DuplicatePolicy.Update),
                cancellationToken);
            var inNoTownship = await ScalarAsync<long>(connection, """
                SELECT count(*) FROM enterprises e JOIN staging_enterprises s ON s.credit_code = e.credit_code WHERE s.valid AND e.township_code IS NULL
                """, cancellationToken);
            List<Contract.CodedMessage> notes = inNoTownship > 0 ? [ImportMessages.Of(ImportProblemCodes.NoteInNoTownship, inNoTownship)] : [];
            if (flagged.Count > 0) notes.Add(ImportMessages.Of(ImportProblemCodes.NoteOutsideKept, flagged.Count, options.District));
            if (options.Duplicates == DuplicatePolicy.Skip && valid - inserted > 0) notes.Add(ImportMessages.Of(ImportProblemCodes.NoteExistingSkipped, valid - inserted));
            return new ImportResult(file, valid, inserted, updated, notes) { Flagged = flagged };
        }, cancellationToken);

    /// <summary>
    /// Imports inspections, linked to enterprises by credit code. A row whose reference is already stored updates
    /// that inspection; a row without one is inserted and gets RM-INS-{id} (<see cref="RecordReferences"/>). Unknown
    /// credit codes, references repeated within the file and RM- references not stored are rejected.
    /// </summary>
    public async Task<ImportResult> ImportInspectionsAsync(string file, IReadOnlyList<InspectionRecord> records, CancellationToken cancellationToken)
        => await InTransactionAsync(async () =>
        {
            var connection = await OpenConnectionAsync(cancellationToken);
            await InspectionStaging.CreateAndCopyAsync(connection, records, null, cancellationToken);
            var errors = await CommonReferenceErrorsAsync(connection, file, InspectionStaging.Name, "inspections", cancellationToken);
            if (errors.Count > 0) throw new ImportRejectedException(errors);
            var (inserted, updated) = await CountUpsertAsync(connection, MergeReferencedSql(InspectionStaging, "inspections"), cancellationToken);
            return new ImportResult(file, records.Count(r => r.IsValid()), inserted, updated, []);
        }, cancellationToken);

    /// <summary>
    /// Imports hazards, linked to enterprises by credit code and to inspections by reference. A row whose reference is
    /// already stored updates that hazard (so a hazard export imported back inserts nothing); a row without one is
    /// inserted and gets RM-HZ-{id} (<see cref="RecordReferences"/>). Unknown credit codes or inspection references,
    /// repeated references and RM- references not stored are rejected.
    /// </summary>
    public async Task<ImportResult> ImportHazardsAsync(string file, IReadOnlyList<HazardRecord> records, CancellationToken cancellationToken)
        => await InTransactionAsync(async () =>
        {
            var connection = await OpenConnectionAsync(cancellationToken);
            await HazardStaging.CreateAndCopyAsync(connection, records, null, cancellationToken);
            var errors = await CommonReferenceErrorsAsync(connection, file, HazardStaging.Name, "hazards", cancellationToken);
            errors.AddRange(await QueryListAsync(connection, """
                SELECT s.row, s.inspection_reference FROM staging_hazards s
                WHERE s.inspection_reference IS NOT NULL AND NOT EXISTS (SELECT 1 FROM inspections i WHERE i.reference = s.inspection_reference)
                ORDER BY s.row
                """, r => new ImportError(file, r.Get<int>("row"), "inspection_reference", r.Get<string>("inspection_reference"),
                    ImportProblemCodes.InspectionReferenceUnknown), cancellationToken));
            if (errors.Count > 0) throw new ImportRejectedException(errors);
            var (inserted, updated) = await CountUpsertAsync(connection, MergeReferencedSql(HazardStaging, "hazards",
                "LEFT JOIN inspections i ON i.reference = s.inspection_reference", ("inspection_id", "i.id")), cancellationToken);
            return new ImportResult(file, records.Count(r => r.IsValid()), inserted, updated, []);
        }, cancellationToken);

    /// <summary>
    /// Imports enforcement actions, linked to enterprises by credit code; a stored reference is updated, a row without one
    /// is inserted and gets RM-ENF-{id} (<see cref="RecordReferences"/>).
    /// </summary>
    public async Task<ImportResult> ImportEnforcementActionsAsync(string file, IReadOnlyList<EnforcementRecord> records, CancellationToken cancellationToken)
        => await InTransactionAsync(async () =>
        {
            var connection = await OpenConnectionAsync(cancellationToken);
            await EnforcementStaging.CreateAndCopyAsync(connection, records, null, cancellationToken);
            var errors = await CommonReferenceErrorsAsync(connection, file, EnforcementStaging.Name, "enforcement_actions", cancellationToken);
            if (errors.Count > 0) throw new ImportRejectedException(errors);
            var (inserted, updated) = await CountUpsertAsync(connection, MergeReferencedSql(EnforcementStaging, "enforcement_actions"), cancellationToken);
            return new ImportResult(file, records.Count(r => r.IsValid()), inserted, updated, []);
        }, cancellationToken);

    /// <summary>
    /// Re-assigns every enterprise to the township covering its point (riskmap_township_of: ST_Covers, lowest code on a
    /// shared border). Returns how many changed township.
    /// </summary>
    internal static async Task<long> ReassignEnterprisesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
        => await ScalarAsync<long>(connection, """
            WITH moved AS (
                UPDATE enterprises e SET township_code = riskmap_township_of(e.location)
                WHERE e.township_code IS DISTINCT FROM riskmap_township_of(e.location)
                RETURNING 1)
            SELECT count(*) FROM moved
            """, cancellationToken);

    // Inspections, hazards and enforcement actions are merged on their reference, with the enterprise their credit code names.
    private static string MergeReferencedSql<T>(StagingTable<T> staging, string target, string joins = "",
        params (string Column, string Expression)[] computed)
        => staging.MergeSql(target, "reference", $"JOIN enterprises e ON e.credit_code = s.credit_code {joins}", [("enterprise_id", "e.id"), .. computed]);

    // Staging tables of records share row/reference/credit_code columns: unknown enterprises, repeated references, and
    // references in RiskMap's own format (RecordReferences) that name nothing stored in the target table.
    private static async Task<List<ImportError>> CommonReferenceErrorsAsync(NpgsqlConnection connection, string file, string staging,
        string table, CancellationToken cancellationToken)
    {
        var errors = await QueryListAsync(connection, $"""
            SELECT s.row, s.credit_code FROM {staging} s
            WHERE s.credit_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM enterprises e WHERE e.credit_code = s.credit_code) ORDER BY s.row
            """, r => new ImportError(file, r.Get<int>("row"), "credit_code", r.Get<string>("credit_code"), ImportProblemCodes.CreditCodeUnknown),
            cancellationToken);
        errors.AddRange(await QueryListAsync(connection, $"""
            SELECT row, reference, first_row FROM (
                SELECT row, reference, min(row) OVER (PARTITION BY reference) AS first_row FROM {staging} WHERE reference IS NOT NULL) s
            WHERE row <> first_row ORDER BY row
            """, r => new ImportError(file, r.Get<int>("row"), "reference", r.Get<string>("reference"),
                ImportProblemCodes.RowDuplicate, r.Get<int>("first_row")), cancellationToken));
        errors.AddRange(await QueryListAsync(connection, $"""
            SELECT s.row, s.reference FROM {staging} s
            WHERE starts_with(s.reference, '{RecordReferences.Prefix}')
              AND NOT EXISTS (SELECT 1 FROM {table} t WHERE t.reference = s.reference)
            ORDER BY s.row
            """, r => new ImportError(file, r.Get<int>("row"), "reference", r.Get<string>("reference"),
                ImportProblemCodes.OwnReferenceUnknown, RecordReferences.Prefix), cancellationToken));
        return errors;
    }

    private async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null) return await work();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return (NpgsqlConnection)db.Database.GetDbConnection();
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<List<T>> QueryListAsync<T>(NpgsqlConnection connection, string sql, Func<SqlRow, T> map,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await Sql.QueryAsync(command, map, cancellationToken);
    }

    // RETURNING (xmax = 0) is true for inserted rows and false for rows updated by ON CONFLICT DO UPDATE; counted in the
    // database so that a large merge sends two numbers back, not a row per row.
    private static async Task<(int Inserted, int Updated)> CountUpsertAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var counts = await QueryListAsync(connection, $"""
            WITH upsert(inserted) AS ({sql})
            SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM upsert
            """, r => ((int)r.Get<long>("inserted"), (int)r.Get<long>("updated")), cancellationToken);
        return counts[0];
    }
}
