using RiskMap.Api.Data;

namespace RiskMap.Api.Features.Records;

/// <summary>
/// The phone's GPS position kept with an inspection (table <c>inspection_positions</c>, Data/Sql/inspection_positions.sql; not in
/// EF Core's model).
/// </summary>
public static class InspectionPositions
{
    /// <summary>
    /// Stores <paramref name="position"/> for inspection <paramref name="inspectionId"/> in the context's transaction, with its
    /// geodesic distance to the enterprise's point (<c>ST_Distance</c> on geography, metres) and the flag of more than
    /// <see cref="InspectionPosition.FarFromEnterpriseMetres"/>.
    /// </summary>
    /// <param name="db">The database (its current transaction, if any).</param>
    /// <param name="inspectionId">The inspection, already saved.</param>
    /// <param name="position">The validated position.</param>
    public static async Task<RecordedPosition> RecordAsync(RiskMapDbContext db, long inspectionId, InspectionPosition position)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(position);
        var longitude = position.Longitude!.Value;
        var latitude = position.Latitude!.Value;
        await using var command = Sql.CommandOn(db, """
            INSERT INTO inspection_positions (inspection_id, location, accuracy_metres, distance_metres, far_from_enterprise)
            SELECT i.id, p.point, @accuracy, d.metres, d.metres > @far
            FROM inspections i
            JOIN enterprises e ON e.id = i.enterprise_id
            CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(@longitude, @latitude), 4326) AS point) p
            CROSS JOIN LATERAL (SELECT ST_Distance(e.location::geography, p.point::geography) AS metres) d
            WHERE i.id = @inspection
            RETURNING distance_metres, far_from_enterprise
            """);
        command.Parameters.AddWithValue("accuracy", position.AccuracyMetres!.Value);
        command.Parameters.AddWithValue("far", InspectionPosition.FarFromEnterpriseMetres);
        command.Parameters.AddWithValue("longitude", longitude);
        command.Parameters.AddWithValue("latitude", latitude);
        command.Parameters.AddWithValue("inspection", inspectionId);
        var row = (await Sql.QueryAsync(command, r => (Metres: r.Get<double>("distance_metres"), Far: r.Get<bool>("far_from_enterprise")), CancellationToken.None)).Single();
        return new RecordedPosition(longitude, latitude, position.AccuracyMetres.Value, Math.Round(row.Metres, 1), row.Far);
    }
}
