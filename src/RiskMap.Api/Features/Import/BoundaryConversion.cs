using System.Globalization;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;
using NpgsqlTypes;
using RiskMap.Api.Geo;

namespace RiskMap.Api.Features.Import;

/// <summary>The features of a boundary file converted to WGS-84, and how.</summary>
/// <param name="Features">Features with WGS-84 geometry (SRID 4326, XY only).</param>
/// <param name="Crs">The source system used, or null when none could be settled (then <paramref name="Errors"/> says why).</param>
/// <param name="Errors">Why the file cannot be imported as it is.</param>
/// <param name="Notes">What was decided (e.g. that EPSG:4546 comes from the .prj), as codes of <see cref="ImportProblemCodes"/>.</param>
public sealed record ConvertedBoundaries(IReadOnlyList<SourceFeature> Features, SourceCrs? Crs, IReadOnlyList<ImportError> Errors,
    IReadOnlyList<Contract.CodedMessage> Notes);

/// <summary>
/// Settles a boundary file's coordinate system — the file's metadata when present, else the required <c>crs</c>
/// parameter — checks that the coordinates look like that system (degrees within ±180/±90 for longitude/latitude
/// systems, metres for projected ones), and converts every geometry to WGS-84: GCJ-02 and BD-09 through
/// <see cref="ChinaCoordinates"/>, projected EPSG systems through PostGIS ST_Transform.
/// </summary>
public static class BoundaryConversion
{
    /// <summary>Converts <paramref name="file"/>; see the class remarks. Nothing is written to the database.</summary>
    public static async Task<ConvertedBoundaries> ToWgs84Async(BoundaryFile file, string fileName, string? crsParameter,
        NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var errors = new List<ImportError>();
        var notes = new List<Contract.CodedMessage>();
        var crs = Settle(file, fileName, crsParameter, errors, notes);
        if (crs is null) return new ConvertedBoundaries([], null, errors, notes);

        var projected = false;
        if (crs.Epsg is { } epsg)
        {
            var definition = await Sql.QueryAsync(dataSource, "SELECT srtext FROM spatial_ref_sys WHERE srid = @srid",
                p => p.AddWithValue("srid", epsg), r => r.Get<string>("srtext"), cancellationToken);
            if (definition.Count == 0)
            {
                errors.Add(new ImportError(fileName, 0, "crs", crs.Name, ImportProblemCodes.EpsgUnknown));
                return new ConvertedBoundaries([], crs, errors, notes);
            }
            projected = definition[0].StartsWith("PROJCS", StringComparison.OrdinalIgnoreCase);
        }

        var envelope = new Envelope();
        foreach (var f in file.Features) if (f.Geometry is { IsEmpty: false } g) envelope.ExpandToInclude(g.EnvelopeInternal);
        if (!envelope.IsNull)
        {
            var looksLikeDegrees = envelope.MinX >= -180 && envelope.MaxX <= 180 && envelope.MinY >= -90 && envelope.MaxY <= 90;
            var shown = string.Create(CultureInfo.InvariantCulture, $"x {envelope.MinX:0.###}…{envelope.MaxX:0.###}, y {envelope.MinY:0.###}…{envelope.MaxY:0.###}");
            if (!projected && !looksLikeDegrees)
                errors.Add(new ImportError(fileName, 0, "crs", crs.Name, ImportProblemCodes.CrsNotDegrees, shown, crs.Name));
            if (projected && looksLikeDegrees)
                errors.Add(new ImportError(fileName, 0, "crs", crs.Name, ImportProblemCodes.CrsNotMetres, shown, crs.Name));
        }
        if (errors.Count > 0) return new ConvertedBoundaries([], crs, errors, notes);

        List<SourceFeature> converted;
        if (crs.Geographic is { } system)
        {
            converted = file.Features.Select(f => f with { Geometry = f.Geometry is null ? null : ChinaCoordinates.ToWgs84(system, f.Geometry) }).ToList();
            if (system is GeographicSystem.Gcj02 or GeographicSystem.Bd09)
                notes.Add(ImportMessages.Of(ImportProblemCodes.NoteShiftedToWgs84, crs.Name));
        }
        else
        {
            converted = await TransformAsync(dataSource, crs.Epsg!.Value, file.Features, cancellationToken);
            notes.Add(ImportMessages.Of(ImportProblemCodes.NoteReprojected, crs.Name));
        }

        foreach (var f in converted)
        {
            if (f.Geometry is not { IsEmpty: false } g) continue;
            var e = g.EnvelopeInternal;
            if (e.MinY < -90 || e.MaxY > 90 || e.MinX < -180 || e.MaxX > 180)
                errors.Add(new ImportError(fileName, f.Number, "geometry", crs.Name, ImportProblemCodes.GeometryOutOfRange));
        }
        return new ConvertedBoundaries(converted, crs, errors, notes);
    }

    private static SourceCrs? Settle(BoundaryFile file, string fileName, string? crsParameter, List<ImportError> errors, List<Contract.CodedMessage> notes)
    {
        SourceCrs? parameter = null;
        if (!string.IsNullOrWhiteSpace(crsParameter) && (parameter = SourceCrs.Parse(crsParameter)) is null)
        {
            errors.Add(new ImportError(fileName, 0, "crs", crsParameter, ImportProblemCodes.CrsUnknown, crsParameter, Crs.Names));
            return null;
        }
        var declared = file.DeclaredCrs;
        // An unrecognised .prj / crs member is an error only when the user does not name the system.
        errors.AddRange(file.Errors.Where(e => e.Column != "crs" || parameter is null));
        if (declared is null && parameter is null)
        {
            if (!file.Errors.Any(e => e.Column == "crs"))
                errors.Add(new ImportError(fileName, 0, "crs", null, ImportProblemCodes.CrsMissing, (object)Crs.Names));
            return null;
        }
        if (declared is not null && parameter is not null && declared != parameter)
        {
            if (declared.Geographic is not null && parameter.Geographic is not null)
            {
                notes.Add(ImportMessages.Of(ImportProblemCodes.NoteCrsAsGiven, parameter.Name, declared.Name));
                return parameter;
            }
            errors.Add(new ImportError(fileName, 0, "crs", parameter.Name, ImportProblemCodes.CrsContradictsFile, declared.Name, file.CrsMetadata, parameter.Name));
            return null;
        }
        if (declared is not null) notes.Add(ImportMessages.Of(ImportProblemCodes.NoteCrsFromFile, declared.Name));
        return declared ?? parameter;
    }

    /// <summary>Reprojects geometries with ST_Transform(ST_SetSRID(geom, srid), 4326), in one round trip (WKB both ways).</summary>
    private static async Task<List<SourceFeature>> TransformAsync(NpgsqlDataSource dataSource, int srid, IReadOnlyList<SourceFeature> features,
        CancellationToken cancellationToken)
    {
        var writer = new WKBWriter();
        var input = features.Select(f => f.Geometry is null ? null : writer.Write(f.Geometry)).ToArray();
        var output = await Sql.QueryAsync(dataSource, """
            SELECT i, ST_AsBinary(ST_Force2D(ST_Transform(ST_SetSRID(ST_GeomFromWKB(g), @srid), 4326))) AS wgs84
            FROM unnest(@geoms) WITH ORDINALITY AS u(g, i) ORDER BY i
            """,
            p =>
            {
                p.AddWithValue("srid", srid);
                p.Add(new NpgsqlParameter("geoms", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = input });
            },
            r => r.IsNull("wgs84") ? null : r.Get<byte[]>("wgs84"), cancellationToken);
        var reader = new WKBReader(new NtsGeometryServices(new PrecisionModel(), 4326));
        return features.Select((f, i) => f with { Geometry = output[i] is { } wkb ? Srid4326(reader.Read(wkb)) : null }).ToList();
    }

    private static Geometry Srid4326(Geometry g)
    {
        g.SRID = 4326;
        return g;
    }
}
