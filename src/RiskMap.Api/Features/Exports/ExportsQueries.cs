using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;
using RiskMap.Api.Features.Accounts;

namespace RiskMap.Api.Features.Exports;

/// <summary>A township as exported.</summary>
/// <param name="Code">9-digit code.</param>
/// <param name="Name">Name.</param>
/// <param name="Kind">Subdistrict, Town or Township.</param>
/// <param name="District">6-digit district code.</param>
/// <param name="Illustrative">True for made-up boundaries.</param>
/// <param name="AreaKm2">Area in km² (geography).</param>
/// <param name="Boundary">WGS-84 MultiPolygon.</param>
public sealed record TownshipRow(string Code, string Name, string Kind, string District, bool Illustrative, double AreaKm2, Geometry Boundary);

/// <summary>An enterprise as exported (the columns of the enterprise import, so that an export reads back).</summary>
/// <param name="CreditCode">Credit code.</param>
/// <param name="Name">Name.</param>
/// <param name="Sector">Sector code.</param>
/// <param name="AboveScale">规模以上.</param>
/// <param name="Address">Address.</param>
/// <param name="Longitude">WGS-84 longitude, degrees.</param>
/// <param name="Latitude">WGS-84 latitude, degrees.</param>
/// <param name="Department">Department code.</param>
/// <param name="Township">Township code.</param>
/// <param name="TownshipName">Township name.</param>
/// <param name="Hours">Opening hours, null when none are recorded.</param>
public sealed record EnterpriseRow(string CreditCode, string Name, string Sector, bool AboveScale, string? Address, double Longitude, double Latitude,
    string? Department, string? Township, string? TownshipName, Routing.OpeningHours? Hours);

/// <summary>A hazard as exported.</summary>
/// <param name="Reference">Reference.</param>
/// <param name="InspectionReference">Inspection reference.</param>
/// <param name="CreditCode">Enterprise credit code.</param>
/// <param name="EnterpriseName">Enterprise name.</param>
/// <param name="TownshipName">Township name.</param>
/// <param name="Sector">Sector code.</param>
/// <param name="Level">General or Major.</param>
/// <param name="Description">Description.</param>
/// <param name="FoundOn">Found.</param>
/// <param name="Deadline">Deadline.</param>
/// <param name="RectifiedOn">Rectified.</param>
/// <param name="ClosedOn">Closed.</param>
/// <param name="Status">Stored status.</param>
/// <param name="ResponsiblePerson">Responsible person.</param>
/// <param name="Supervised">挂牌督办.</param>
/// <param name="Ledger">The ledger columns, as the hazard import reads them (<see cref="Import.HazardLedgerRecord"/>).</param>
public sealed record HazardRow(string? Reference, string? InspectionReference, string CreditCode, string EnterpriseName, string? TownshipName,
    string Sector, string Level, string Description, DateOnly FoundOn, DateOnly Deadline, DateOnly? RectifiedOn, DateOnly? ClosedOn,
    string Status, string? ResponsiblePerson, bool Supervised, Import.HazardLedgerRecord Ledger);

/// <summary>
/// SQL behind the exports. Every query keeps to the caller's <see cref="ReadScope"/> with <c>township_code = ANY(@scope)</c>
/// (null: everything) and optional district, township and sector filters.
/// </summary>
public static class ExportsQueries
{
    private static readonly WKBReader Wkb = new(new NtsGeometryServices(new PrecisionModel(), 4326));

    /// <summary>Townships in scope, by code, with ST_Area(boundary::geography) / 10⁶ as km².</summary>
    public static Task<List<TownshipRow>> TownshipsAsync(NpgsqlDataSource dataSource, ReadScope scope, string? district, CancellationToken cancellationToken)
        => Sql.QueryAsync(dataSource, """
            SELECT code, name, kind, district_code, illustrative, ST_Area(boundary::geography) / 1e6 AS area_km2, ST_AsBinary(boundary) AS boundary
            FROM townships
            WHERE (@scope::text[] IS NULL OR code = ANY(@scope)) AND (@district::text IS NULL OR district_code = @district)
            ORDER BY code
            """,
            p =>
            {
                p.TextArray("scope", scope.AsArray());
                p.Text("district", district);
            },
            r => new TownshipRow(r.Get<string>("code"), r.Get<string>("name"), r.Get<string>("kind"), r.Get<string>("district_code"),
                r.Get<bool>("illustrative"), r.Get<double>("area_km2"), Wkb.Read(r.Get<byte[]>("boundary"))), cancellationToken);

    /// <summary>Enterprises in scope, by credit code; an enterprise in no township only with an unlimited scope.</summary>
    public static Task<List<EnterpriseRow>> EnterprisesAsync(NpgsqlDataSource dataSource, ReadScope scope, string? township,
        IReadOnlyCollection<string>? sectors, CancellationToken cancellationToken)
        => Sql.QueryAsync(dataSource, """
            SELECT e.credit_code, e.name, e.sector, e.above_scale, e.address, ST_X(e.location) AS longitude, ST_Y(e.location) AS latitude,
                e.department_code, e.township_code, t.name AS township_name, e.opens_at, e.closes_at
            FROM enterprises e LEFT JOIN townships t ON t.code = e.township_code
            WHERE (@scope::text[] IS NULL OR e.township_code = ANY(@scope))
              AND (@township::text IS NULL OR e.township_code = @township)
              AND (@sectors::text[] IS NULL OR e.sector = ANY(@sectors))
            ORDER BY e.credit_code
            """,
            p =>
            {
                p.TextArray("scope", scope.AsArray());
                p.Text("township", township);
                p.TextArray("sectors", sectors);
            },
            r => new EnterpriseRow(r.Get<string>("credit_code"), r.Get<string>("name"), r.Get<string>("sector"), r.Get<bool>("above_scale"),
                r.NullableString("address"), r.Get<double>("longitude"), r.Get<double>("latitude"), r.NullableString("department_code"),
                r.NullableString("township_code"), r.NullableString("township_name"), r.IsNull("opens_at") ? null : new Routing.OpeningHours(r.Get<TimeOnly>("opens_at"), r.Get<TimeOnly>("closes_at"))),
            cancellationToken);

    /// <summary>Hazards of enterprises in scope, newest first.</summary>
    public static Task<List<HazardRow>> HazardsAsync(NpgsqlDataSource dataSource, ReadScope scope, string? township,
        IReadOnlyCollection<string>? sectors, CancellationToken cancellationToken)
        => Sql.QueryAsync(dataSource, """
            SELECT h.reference, i.reference AS inspection_reference, e.credit_code, e.name AS enterprise_name, t.name AS township_name,
                h.sector, h.level, h.description, h.found_on, h.deadline, h.rectified_on, h.closed_on, h.status, h.responsible_person, h.supervised,
                h.source, h.criterion_clause, h.plan_measures, h.plan_funds_yuan, h.plan_owner, h.plan_interim_measures, h.plan_completion_on,
                h.supervision_level, h.supervising_unit, h.supervision_listed_on, h.supervision_delisted_on, h.close_document_number
            FROM hazards h
            JOIN enterprises e ON e.id = h.enterprise_id
            LEFT JOIN inspections i ON i.id = h.inspection_id
            LEFT JOIN townships t ON t.code = e.township_code
            WHERE (@scope::text[] IS NULL OR e.township_code = ANY(@scope))
              AND (@township::text IS NULL OR e.township_code = @township)
              AND (@sectors::text[] IS NULL OR h.sector = ANY(@sectors))
            ORDER BY h.found_on DESC, h.id DESC
            """,
            p =>
            {
                p.TextArray("scope", scope.AsArray());
                p.Text("township", township);
                p.TextArray("sectors", sectors);
            },
            r => new HazardRow(r.NullableString("reference"), r.NullableString("inspection_reference"), r.Get<string>("credit_code"),
                r.Get<string>("enterprise_name"), r.NullableString("township_name"), r.Get<string>("sector"), r.Get<string>("level"),
                r.Get<string>("description"), r.Get<DateOnly>("found_on"), r.Get<DateOnly>("deadline"), r.Nullable<DateOnly>("rectified_on"),
                r.Nullable<DateOnly>("closed_on"), r.Get<string>("status"), r.NullableString("responsible_person"), r.Get<bool>("supervised"),
                new Import.HazardLedgerRecord(Enum.Parse<Domain.HazardSource>(r.Get<string>("source")), r.NullableString("criterion_clause"),
                    r.NullableString("plan_measures"), r.Nullable<decimal>("plan_funds_yuan"), r.NullableString("plan_owner"),
                    r.NullableString("plan_interim_measures"), r.Nullable<DateOnly>("plan_completion_on"),
                    r.NullableString("supervision_level") is { } level ? Enum.Parse<Domain.SupervisionLevel>(level) : null,
                    r.NullableString("supervising_unit"), r.Nullable<DateOnly>("supervision_listed_on"), r.Nullable<DateOnly>("supervision_delisted_on"),
                    r.NullableString("close_document_number"))),
            cancellationToken);
}
