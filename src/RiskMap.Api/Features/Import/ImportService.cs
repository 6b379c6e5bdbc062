using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;
using RiskMap.Api.Data;
using RiskMap.Api.Domain;

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
/// table, are checked there against the database (unknown credit codes, duplicates, unknown references), and
/// are merged with one INSERT … ON CONFLICT. Records that failed parsing (<see cref="IImportRecord.Rejected"/>) may be
/// passed too: they are staged with their rejected fields as NULL and go through every check their other fields allow
/// (so a row with a bad sector is still reported for an unknown department), but are never merged; the caller rejects
/// the file for their parse errors. Every method runs in the caller's transaction when there is one
/// (so several files can be all-or-nothing together) or in its own; on any rejected row it throws
/// <see cref="ImportRejectedException"/> and the transaction is rolled back by its owner.
/// </summary>
public sealed class ImportService(RiskMapDbContext db)
{
    /// <summary>Inserts or updates a district.</summary>
    public async Task<ImportResult> ImportDistrictAsync(string code, string name, MultiPolygon boundary, string? source,
        CancellationToken cancellationToken)
    {
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
            throw new ImportRejectedException([new ImportError("district", 1, "code", code, "A district code has 6 digits (GB/T 2260).")]);
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
            }
            await db.SaveChangesAsync(cancellationToken);
            return new ImportResult("district", 1, existing is null ? 1 : 0, existing is null ? 0 : 1, []);
        }, cancellationToken);
    }

    /// <summary>
    /// Replaces the townships of <paramref name="districtCode"/> with <paramref name="townships"/>: codes present in
    /// both are updated, new ones inserted, and the district's other townships deleted. Invalid polygons are repaired
    /// with ST_MakeValid (and reported in the notes). Enterprises are then re-assigned to the township covering their
    /// point in the same transaction; the notes say how many moved.
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
            throw new ImportRejectedException([new ImportError("townships", 0, "district", districtCode, "A district code has 6 digits (GB/T 2260).")]);
        const string file = "townships";
        var errors = new List<ImportError>();
        foreach (var t in townships)
        {
            if (t.Code.Length != 9 || !t.Code.All(char.IsAsciiDigit))
                errors.Add(new ImportError(file, t.Feature, "code", t.Code, "A township code has 9 digits."));
            else if (!t.Code.StartsWith(districtCode, StringComparison.Ordinal))
                errors.Add(new ImportError(file, t.Feature, "code", t.Code, $"The code does not start with the district code {districtCode}."));
            if (string.IsNullOrWhiteSpace(t.Name))
                errors.Add(new ImportError(file, t.Feature, "name", t.Name, "A name is required."));
        }
        foreach (var dup in townships.GroupBy(t => t.Code).Where(g => g.Count() > 1))
            foreach (var t in dup.Skip(1))
                errors.Add(new ImportError(file, t.Feature, "code", t.Code, $"Duplicate of feature {dup.First().Feature}."));
        if (errors.Count > 0) throw new ImportRejectedException(errors);

        return await InTransactionAsync(async () =>
        {
            var exists = await db.Districts.AnyAsync(d => d.Code == districtCode, cancellationToken);
            if (!exists && string.IsNullOrWhiteSpace(newDistrictName))
                throw new ImportRejectedException([new ImportError(file, 0, "district", districtCode,
                    "Unknown district: give its name (districtName) to create it with the townships' union as its outline.")]);
            var connection = await OpenConnectionAsync(cancellationToken);
            // Where every enterprise was, to count those that change township.
            await ExecuteAsync(connection, "CREATE TEMP TABLE township_before ON COMMIT DROP AS SELECT id, township_code FROM enterprises", cancellationToken);
            await ExecuteAsync(connection, """
                CREATE TEMP TABLE staging_townships (
                    feature int, code text, name text, kind text, boundary geometry, illustrative boolean, source text
                ) ON COMMIT DROP
                """, cancellationToken);
            await using (var writer = await connection.BeginBinaryImportAsync(
                "COPY staging_townships (feature, code, name, kind, boundary, illustrative, source) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (var t in townships)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    writer.StartRow();
                    writer.Write(t.Feature, NpgsqlDbType.Integer);
                    writer.Write(t.Code, NpgsqlDbType.Text);
                    writer.Write(t.Name, NpgsqlDbType.Text);
                    writer.Write(t.Kind.ToString(), NpgsqlDbType.Text);
                    writer.Write((Geometry)t.Boundary, NpgsqlDbType.Geometry);
                    writer.Write(t.Illustrative, NpgsqlDbType.Boolean);
                    WriteNullable(writer, t.Source, NpgsqlDbType.Text);
                }
                await writer.CompleteAsync(cancellationToken);
            }

            var notes = new List<string>();
            var repaired = await QueryListAsync(connection, """
                UPDATE staging_townships
                SET boundary = ST_Multi(ST_CollectionExtract(ST_MakeValid(boundary), 3))
                WHERE NOT ST_IsValid(boundary)
                RETURNING code || ' ' || name AS township
                """, r => r.Get<string>("township"), cancellationToken);
            if (repaired.Count > 0) notes.Add($"repaired invalid polygons (ST_MakeValid) of {string.Join(", ", repaired)}");
            if (!exists)
            {
                await using var create = new NpgsqlCommand("""
                    INSERT INTO districts (code, name, boundary, boundary_source)
                    SELECT @code, @name, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_Union(boundary), 4326)), 3)), 'union of the imported townships'
                    FROM staging_townships
                    """, connection);
                create.Parameters.AddWithValue("code", districtCode);
                create.Parameters.AddWithValue("name", newDistrictName!.Trim());
                await create.ExecuteNonQueryAsync(cancellationToken);
                notes.Add($"district {districtCode} {newDistrictName!.Trim()} created with the union of the townships as its outline");
            }

            var (inserted, updated) = await CountUpsertAsync(connection, $"""
                INSERT INTO townships (code, district_code, name, kind, boundary, illustrative, boundary_source)
                SELECT code, '{districtCode}', name, kind, ST_SetSRID(boundary, 4326), illustrative, source FROM staging_townships
                ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, boundary = EXCLUDED.boundary,
                    illustrative = EXCLUDED.illustrative, boundary_source = EXCLUDED.boundary_source
                RETURNING (xmax = 0)
                """, cancellationToken);
            var removed = await ExecuteAsync(connection, $"""
                DELETE FROM townships t
                WHERE t.district_code = '{districtCode}' AND NOT EXISTS (SELECT 1 FROM staging_townships s WHERE s.code = t.code)
                """, cancellationToken);
            if (removed > 0) notes.Add($"{removed} township(s) of {districtCode} not in the file were removed");
            await ReassignEnterprisesAsync(connection, cancellationToken);
            var moved = await ScalarAsync<long>(connection, """
                SELECT count(*) FROM enterprises e JOIN township_before b ON b.id = e.id WHERE e.township_code IS DISTINCT FROM b.township_code
                """, cancellationToken);
            notes.Add($"{moved} enterprise(s) moved to another township");
            return new ImportResult(file, townships.Count, inserted, updated, notes);
        }, cancellationToken);
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
                throw new ImportRejectedException(unknown.Select(c => new ImportError("district_leaders", 0, "township_code", c, "Unknown township.")).ToList());
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
            await ExecuteAsync(connection, """
                CREATE TEMP TABLE staging_enterprises (
                    row int, valid boolean, credit_code text, name text, sector text, above_scale boolean, address text,
                    lon double precision, lat double precision, department_code text
                ) ON COMMIT DROP
                """, cancellationToken);
            int count = 0, valid = 0;
            await using (var writer = await connection.BeginBinaryImportAsync(
                "COPY staging_enterprises (row, valid, credit_code, name, sector, above_scale, address, lon, lat, department_code) FROM STDIN (FORMAT BINARY)",
                cancellationToken))
            {
                foreach (var r in records)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    writer.StartRow();
                    writer.Write(r.Row, NpgsqlDbType.Integer);
                    // A row with errors is staged too: its readable fields go through the checks below, the rejected
                    // ones as NULL (IImportRecord); only valid rows are merged.
                    var isValid = r.IsValid();
                    if (isValid) valid++;
                    writer.Write(isValid, NpgsqlDbType.Boolean);
                    WriteNullable(writer, r.Kept("credit_code", r.CreditCode), NpgsqlDbType.Text);
                    WriteNullable(writer, r.Kept("name", r.Name), NpgsqlDbType.Text);
                    WriteNullable(writer, r.Kept("sector", r.Sector), NpgsqlDbType.Text);
                    WriteNullable(writer, r.KeptValue("above_scale", r.AboveScale), NpgsqlDbType.Boolean);
                    WriteNullable(writer, r.Kept("address", r.Address), NpgsqlDbType.Text);
                    WriteNullable(writer, double.IsNaN(r.Longitude) ? null : (double?)r.Longitude, NpgsqlDbType.Double);
                    WriteNullable(writer, double.IsNaN(r.Latitude) ? null : (double?)r.Latitude, NpgsqlDbType.Double);
                    WriteNullable(writer, r.Kept("department_code", r.DepartmentCode), NpgsqlDbType.Text);
                    if (++count % 1000 == 0) progress?.Report(count);
                }
                await writer.CompleteAsync(cancellationToken);
            }
            progress?.Report(count);

            var errors = new List<ImportError>();
            errors.AddRange(await QueryListAsync(connection, """
                SELECT row, credit_code, first_row FROM (
                    SELECT row, credit_code, min(row) OVER (PARTITION BY credit_code) AS first_row FROM staging_enterprises
                    WHERE credit_code IS NOT NULL) s
                WHERE row <> first_row ORDER BY row
                """, r => new ImportError(file, r.Get<int>("row"), "credit_code", r.Get<string>("credit_code"),
                    $"Duplicate of row {r.Get<int>("first_row")}."), cancellationToken));
            errors.AddRange(await QueryListAsync(connection, """
                SELECT s.row, s.department_code FROM staging_enterprises s
                WHERE s.department_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM departments d WHERE d.code = s.department_code)
                ORDER BY s.row
                """, r => new ImportError(file, r.Get<int>("row"), "department_code", r.Get<string>("department_code"), "Unknown department."),
                cancellationToken));
            if (options.Duplicates == DuplicatePolicy.Reject)
            {
                errors.AddRange(await QueryListAsync(connection, """
                    SELECT s.row, s.credit_code FROM staging_enterprises s JOIN enterprises e ON e.credit_code = s.credit_code ORDER BY s.row
                    """, r => new ImportError(file, r.Get<int>("row"), "credit_code", r.Get<string>("credit_code"),
                        "An enterprise with this credit code already exists (choose update or skip)."), cancellationToken));
            }
            var flagged = new List<ImportError>();
            if (options.District is { } district)
            {
                if (district.Length != 6 || !district.All(char.IsAsciiDigit))
                    throw new ImportRejectedException([new ImportError(file, 0, "district", district, "A district code has 6 digits (GB/T 2260).")]);
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
                        $"Outside district {district} ({r.Get<decimal>("distance_km")} km from it, WGS-84)" +
                        (options.AcceptOutside ? ": kept as accepted." : ": accept points outside the district to keep it.")), cancellationToken);
                if (options.AcceptOutside) flagged.AddRange(outside);
                else errors.AddRange(outside);
            }
            if (errors.Count > 0) throw new ImportRejectedException(errors);

            var conflict = options.Duplicates == DuplicatePolicy.Update
                ? """
                  DO UPDATE SET name = EXCLUDED.name, sector = EXCLUDED.sector, above_scale = EXCLUDED.above_scale,
                      address = EXCLUDED.address, department_code = EXCLUDED.department_code, location = EXCLUDED.location
                  """
                : "DO NOTHING";
            var (inserted, updated) = await CountUpsertAsync(connection, $"""
                INSERT INTO enterprises (credit_code, name, sector, above_scale, address, department_code, location)
                SELECT credit_code, name, sector, above_scale, address, department_code, ST_SetSRID(ST_MakePoint(lon, lat), 4326)
                FROM staging_enterprises WHERE valid ORDER BY row
                ON CONFLICT (credit_code) {conflict}
                RETURNING (xmax = 0)
                """, cancellationToken);
            var inNoTownship = await ScalarAsync<long>(connection, """
                SELECT count(*) FROM enterprises e JOIN staging_enterprises s ON s.credit_code = e.credit_code WHERE s.valid AND e.township_code IS NULL
                """, cancellationToken);
            List<string> notes = inNoTownship > 0 ? [$"{inNoTownship} enterprise(s) lie in no township"] : [];
            if (flagged.Count > 0) notes.Add($"{flagged.Count} enterprise(s) outside district {options.District} kept as accepted");
            if (options.Duplicates == DuplicatePolicy.Skip && valid - inserted > 0) notes.Add($"{valid - inserted} existing enterprise(s) skipped");
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
            await ExecuteAsync(connection, """
                CREATE TEMP TABLE staging_inspections (
                    row int, valid boolean, reference text, credit_code text, date date, inspection_group text, inspector_visits int
                ) ON COMMIT DROP
                """, cancellationToken);
            await using (var writer = await connection.BeginBinaryImportAsync(
                "COPY staging_inspections (row, valid, reference, credit_code, date, inspection_group, inspector_visits) FROM STDIN (FORMAT BINARY)",
                cancellationToken))
            {
                foreach (var r in records)
                {
                    await WriteKeyAsync(writer, r, cancellationToken);
                    WriteNullable(writer, r.KeptValue("date", r.Date), NpgsqlDbType.Date);
                    WriteNullable(writer, r.Kept("inspection_group", r.InspectionGroup), NpgsqlDbType.Text);
                    WriteNullable(writer, r.KeptValue("inspector_visits", r.InspectorVisits), NpgsqlDbType.Integer);
                }
                await writer.CompleteAsync(cancellationToken);
            }
            var errors = await CommonReferenceErrorsAsync(connection, file, "staging_inspections", "inspections", cancellationToken);
            if (errors.Count > 0) throw new ImportRejectedException(errors);
            var (inserted, updated) = await CountUpsertAsync(connection, """
                INSERT INTO inspections (reference, enterprise_id, date, inspection_group, inspector_visits)
                SELECT s.reference, e.id, s.date, s.inspection_group, s.inspector_visits
                FROM staging_inspections s JOIN enterprises e ON e.credit_code = s.credit_code WHERE s.valid ORDER BY s.row
                ON CONFLICT (reference) DO UPDATE SET enterprise_id = EXCLUDED.enterprise_id, date = EXCLUDED.date,
                    inspection_group = EXCLUDED.inspection_group, inspector_visits = EXCLUDED.inspector_visits
                RETURNING (xmax = 0)
                """, cancellationToken);
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
            await ExecuteAsync(connection, """
                CREATE TEMP TABLE staging_hazards (
                    row int, valid boolean, reference text, inspection_reference text, credit_code text, sector text, level text,
                    description text, found_on date, deadline date, rectified_on date, closed_on date, status text,
                    responsible_person text, supervised boolean
                ) ON COMMIT DROP
                """, cancellationToken);
            await using (var writer = await connection.BeginBinaryImportAsync(
                """
                COPY staging_hazards (row, valid, reference, credit_code, inspection_reference, sector, level, description, found_on,
                    deadline, rectified_on, closed_on, status, responsible_person, supervised) FROM STDIN (FORMAT BINARY)
                """, cancellationToken))
            {
                foreach (var r in records)
                {
                    await WriteKeyAsync(writer, r, cancellationToken);
                    WriteNullable(writer, r.Kept("inspection_reference", r.InspectionReference), NpgsqlDbType.Text);
                    WriteNullable(writer, r.Kept("sector", r.Sector), NpgsqlDbType.Text);
                    WriteNullable(writer, r.Kept("level", r.Level.ToString()), NpgsqlDbType.Text);
                    WriteNullable(writer, r.Kept("description", r.Description), NpgsqlDbType.Text);
                    WriteNullable(writer, r.KeptValue("found_on", r.FoundOn), NpgsqlDbType.Date);
                    WriteNullable(writer, r.KeptValue("deadline", r.Deadline), NpgsqlDbType.Date);
                    WriteNullable(writer, r.Rejected.Contains("rectified_on") ? null : r.RectifiedOn, NpgsqlDbType.Date);
                    WriteNullable(writer, r.Rejected.Contains("closed_on") ? null : r.ClosedOn, NpgsqlDbType.Date);
                    WriteNullable(writer, r.Kept("status", r.Status.ToString()), NpgsqlDbType.Text);
                    WriteNullable(writer, r.Kept("responsible_person", r.ResponsiblePerson), NpgsqlDbType.Text);
                    WriteNullable(writer, r.KeptValue("supervised", r.Supervised), NpgsqlDbType.Boolean);
                }
                await writer.CompleteAsync(cancellationToken);
            }
            var errors = await CommonReferenceErrorsAsync(connection, file, "staging_hazards", "hazards", cancellationToken);
            errors.AddRange(await QueryListAsync(connection, """
                SELECT s.row, s.inspection_reference FROM staging_hazards s
                WHERE s.inspection_reference IS NOT NULL AND NOT EXISTS (SELECT 1 FROM inspections i WHERE i.reference = s.inspection_reference)
                ORDER BY s.row
                """, r => new ImportError(file, r.Get<int>("row"), "inspection_reference", r.Get<string>("inspection_reference"),
                    "Unknown inspection reference."), cancellationToken));
            if (errors.Count > 0) throw new ImportRejectedException(errors);
            var (inserted, updated) = await CountUpsertAsync(connection, """
                INSERT INTO hazards (reference, enterprise_id, inspection_id, sector, level, description, found_on, deadline,
                    rectified_on, closed_on, status, responsible_person, supervised)
                SELECT s.reference, e.id, i.id, s.sector, s.level, s.description, s.found_on, s.deadline, s.rectified_on,
                    s.closed_on, s.status, s.responsible_person, s.supervised
                FROM staging_hazards s
                JOIN enterprises e ON e.credit_code = s.credit_code
                LEFT JOIN inspections i ON i.reference = s.inspection_reference
                WHERE s.valid
                ORDER BY s.row
                ON CONFLICT (reference) DO UPDATE SET enterprise_id = EXCLUDED.enterprise_id, inspection_id = EXCLUDED.inspection_id,
                    sector = EXCLUDED.sector, level = EXCLUDED.level, description = EXCLUDED.description, found_on = EXCLUDED.found_on,
                    deadline = EXCLUDED.deadline, rectified_on = EXCLUDED.rectified_on, closed_on = EXCLUDED.closed_on,
                    status = EXCLUDED.status, responsible_person = EXCLUDED.responsible_person, supervised = EXCLUDED.supervised
                RETURNING (xmax = 0)
                """, cancellationToken);
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
            await ExecuteAsync(connection, """
                CREATE TEMP TABLE staging_enforcement (row int, valid boolean, reference text, credit_code text, date date, kind text, amount_yuan numeric)
                ON COMMIT DROP
                """, cancellationToken);
            await using (var writer = await connection.BeginBinaryImportAsync(
                "COPY staging_enforcement (row, valid, reference, credit_code, date, kind, amount_yuan) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (var r in records)
                {
                    await WriteKeyAsync(writer, r, cancellationToken);
                    WriteNullable(writer, r.KeptValue("date", r.Date), NpgsqlDbType.Date);
                    WriteNullable(writer, r.Kept("kind", r.Kind.ToString()), NpgsqlDbType.Text);
                    WriteNullable(writer, r.Rejected.Contains("amount_yuan") ? null : r.AmountYuan, NpgsqlDbType.Numeric);
                }
                await writer.CompleteAsync(cancellationToken);
            }
            var errors = await CommonReferenceErrorsAsync(connection, file, "staging_enforcement", "enforcement_actions", cancellationToken);
            if (errors.Count > 0) throw new ImportRejectedException(errors);
            var (inserted, updated) = await CountUpsertAsync(connection, """
                INSERT INTO enforcement_actions (reference, enterprise_id, date, kind, amount_yuan)
                SELECT s.reference, e.id, s.date, s.kind, s.amount_yuan
                FROM staging_enforcement s JOIN enterprises e ON e.credit_code = s.credit_code WHERE s.valid ORDER BY s.row
                ON CONFLICT (reference) DO UPDATE SET enterprise_id = EXCLUDED.enterprise_id, date = EXCLUDED.date,
                    kind = EXCLUDED.kind, amount_yuan = EXCLUDED.amount_yuan
                RETURNING (xmax = 0)
                """, cancellationToken);
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

    // The leading columns every record staging table has (row, valid, reference, credit_code); a rejected field is NULL.
    private static async Task WriteKeyAsync(NpgsqlBinaryImporter writer, IReferencedRecord record, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        writer.StartRow();
        writer.Write(record.Row, NpgsqlDbType.Integer);
        writer.Write(record.IsValid(), NpgsqlDbType.Boolean);
        WriteNullable(writer, record.Kept("reference", record.Reference), NpgsqlDbType.Text);
        WriteNullable(writer, record.Kept("credit_code", record.CreditCode), NpgsqlDbType.Text);
    }

    // Staging tables of records share row/reference/credit_code columns: unknown enterprises, repeated references, and
    // references in RiskMap's own format (RecordReferences) that name nothing stored in the target table.
    private static async Task<List<ImportError>> CommonReferenceErrorsAsync(NpgsqlConnection connection, string file, string staging,
        string table, CancellationToken cancellationToken)
    {
        var errors = await QueryListAsync(connection, $"""
            SELECT s.row, s.credit_code FROM {staging} s
            WHERE s.credit_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM enterprises e WHERE e.credit_code = s.credit_code) ORDER BY s.row
            """, r => new ImportError(file, r.Get<int>("row"), "credit_code", r.Get<string>("credit_code"), "No enterprise has this credit code."),
            cancellationToken);
        errors.AddRange(await QueryListAsync(connection, $"""
            SELECT row, reference, first_row FROM (
                SELECT row, reference, min(row) OVER (PARTITION BY reference) AS first_row FROM {staging} WHERE reference IS NOT NULL) s
            WHERE row <> first_row ORDER BY row
            """, r => new ImportError(file, r.Get<int>("row"), "reference", r.Get<string>("reference"), $"Duplicate of row {r.Get<int>("first_row")}."),
            cancellationToken));
        errors.AddRange(await QueryListAsync(connection, $"""
            SELECT s.row, s.reference FROM {staging} s
            WHERE starts_with(s.reference, '{RecordReferences.Prefix}')
              AND NOT EXISTS (SELECT 1 FROM {table} t WHERE t.reference = s.reference)
            ORDER BY s.row
            """, r => new ImportError(file, r.Get<int>("row"), "reference", r.Get<string>("reference"), RecordReferences.UnknownOwnReference),
            cancellationToken));
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

    /// <summary>
    /// Writes a value or NULL to a staging COPY. Staging COPYs write synchronously: a write only fills Npgsql's buffer
    /// (flushed to the socket when full), and an awaited call per field cost more than parsing the file itself.
    /// </summary>
    private static void WriteNullable<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type)
    {
        if (value is null) writer.WriteNull();
        else writer.Write(value, type);
    }

}
