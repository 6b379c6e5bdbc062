namespace RiskMap.Api.Domain;

/// <summary>
/// The references RiskMap gives inspections, hazards and enforcement actions that arrive without one (recorded through
/// the API, or imported with an empty reference column): <c>RM-INS-{id}</c>, <c>RM-HZ-{id}</c> and <c>RM-ENF-{id}</c>,
/// where id is the row's surrogate key in decimal, e.g. <c>RM-HZ-4350</c>. They are assigned by a BEFORE INSERT trigger
/// (<c>Data/Sql/riskmap_assign_reference.sql</c>), so that every writer gets one and the
/// column is NOT NULL. With a reference on every row the exports name every record, and an export imported back matches
/// each row to the stored one (ON CONFLICT (reference)) instead of inserting a copy.
/// </summary>
/// <remarks>
/// The prefix <see cref="Prefix"/> is reserved: an import may name a stored RM- reference (and so update that record) but
/// may not bring a new one, since the trigger could later give the same text to another row.
/// </remarks>
public static class RecordReferences
{
    /// <summary>What every assigned reference starts with.</summary>
    public const string Prefix = "RM-";

    /// <summary>Prefix of an inspection's assigned reference.</summary>
    public const string Inspection = "RM-INS-";

    /// <summary>Prefix of a hazard's assigned reference.</summary>
    public const string Hazard = "RM-HZ-";

    /// <summary>Prefix of an enforcement action's assigned reference.</summary>
    public const string Enforcement = "RM-ENF-";
}
