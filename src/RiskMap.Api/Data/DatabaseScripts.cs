using Microsoft.EntityFrameworkCore.Migrations;

namespace RiskMap.Api.Data;

/// <summary>
/// What the database holds beyond EF Core's model — functions, triggers, and the few tables, columns and indexes only
/// SQL reads — one current definition per <c>Data/Sql/&lt;name&gt;.sql</c> file (embedded in the assembly), named after
/// the object it defines, applied by the migrations in the order of the lists below.
/// </summary>
/// <remarks>
/// <para>A function script replaces what it defines (<c>CREATE OR REPLACE FUNCTION</c>, <c>CREATE OR REPLACE
/// TRIGGER</c>), so it can be applied again; a table, column or index script runs once.</para>
/// <para>To change a function or trigger: edit its file, and add a migration whose <c>Up</c> applies it again
/// (<see cref="ApplyDatabaseScripts"/>). To add one: write its file and list it in the migration that creates what it
/// needs, in a new list here that <see cref="InOrder"/> takes in migration order. A new database runs the
/// <see cref="InitialBeforeTables"/> and <see cref="InitialAfterTables"/> scripts as they are now, so a script listed
/// there may use only what the initial migration creates. No database has been deployed yet: until one is, a schema
/// change may instead be folded into the initial migration (delete it and generate it again).</para>
/// </remarks>
public static class DatabaseScripts
{
    private const string Prefix = "RiskMap.Api.Sql.";

    /// <summary>Applied by the initial migration before its tables: functions the tables' CHECK constraints call.</summary>
    public static readonly IReadOnlyList<string> InitialBeforeTables = ["riskmap_credit_code_is_valid"];

    /// <summary>
    /// The hazard rules of a day, in the order they depend on each other: open, status, deadline in force, overdue
    /// (C# twin: <see cref="Features.Hazards.HazardLifecycle"/>).
    /// </summary>
    public static readonly IReadOnlyList<string> HazardDayRules =
    [
        "riskmap_hazard_open_until", "riskmap_hazard_open_on", "riskmap_hazard_status_on",
        "riskmap_hazard_extended_deadline_on", "riskmap_hazard_deadline_on", "riskmap_hazard_overdue_on",
    ];

    /// <summary>
    /// Applied by the initial migration after its tables, each after what it uses: the subdivided townships and the
    /// township of a point, the township of enterprises and of their hazards, the counters, the data version, record
    /// references, the append-only audit trail, and the hazard rules of a day.
    /// </summary>
    public static readonly IReadOnlyList<string> InitialAfterTables =
    [
        "township_parts", "riskmap_townships_subdivide", "riskmap_township_of", "riskmap_enterprises_assign_township",
        "hazards_township_code", "ix_hazards_open_until", "riskmap_hazards_township", "riskmap_enterprises_township_to_hazards",
        "township_enterprise_counts", "riskmap_enterprise_counts_change", "riskmap_enterprise_counts_truncate",
        "riskmap_data_versions", "riskmap_bump_data_versions",
        "riskmap_assign_reference", "riskmap_audit_log_is_append_only",
        .. HazardDayRules,
    ];

    /// <summary>
    /// Applied by the CampaignPublications migration: the published campaign bulletins and the versions of their records,
    /// and the trigger that keeps both append-only.
    /// </summary>
    public static readonly IReadOnlyList<string> CampaignPublications =
        ["campaign_publications", "riskmap_campaign_publications_are_immutable"];

    /// <summary>Applied by the Notifications migration: the inbox, the webhooks, their deliveries and attempts (Features/Notifications).</summary>
    public static readonly IReadOnlyList<string> Notifications = ["notifications"];

    /// <summary>Applied by the RoadNetwork migration: pgRouting and the district road networks the planner routes on.</summary>
    public static readonly IReadOnlyList<string> RoadNetwork = ["road_vertices", "road_edges", "road_class_speeds"];

    /// <summary>
    /// Applied by the LocationQuality migration (after it creates the pg_trgm extension): the enterprises' location-quality
    /// column and the distinct-pair decisions, the flags of one enterprise, the triggers that keep them, and the merge of two
    /// enterprises.
    /// </summary>
    public static readonly IReadOnlyList<string> LocationQuality =
        ["enterprises_location_quality", "riskmap_location_quality_of", "riskmap_enterprises_location_quality", "riskmap_enterprises_merge"];

    /// <summary>Applied by the StatefulJobs migration: the announcement of revoked API tokens to every instance.</summary>
    public static readonly IReadOnlyList<string> StatefulJobs = ["riskmap_api_tokens_notify_revoked"];

    /// <summary>
    /// Applied by the DistrictFigures migration: the first and last record day per township, the function that computes
    /// them again for some townships, and the statement triggers on the records and on enterprises that keep them.
    /// </summary>
    public static readonly IReadOnlyList<string> DistrictFigures =
    [
        "township_record_days", "riskmap_township_record_days_refresh", "riskmap_township_record_days_change",
        "riskmap_township_record_days_enterprises",
    ];

    /// <summary>Applied by the FieldSync migration: the idempotency keys of synced writes, the team assignments (Features/Field) and the GPS positions of inspections.</summary>
    public static readonly IReadOnlyList<string> FieldSync = ["idempotency_keys", "field_assignments", "inspection_positions"];

    /// <summary>Every script in the order a new database receives them: the lists of the migrations, in migration order.</summary>
    public static IReadOnlyList<string> InOrder { get; } =
        [.. InitialBeforeTables, .. InitialAfterTables, .. CampaignPublications, .. RoadNetwork, .. LocationQuality, .. Notifications,
            .. DistrictFigures, .. FieldSync, .. StatefulJobs];

    /// <summary>Names of every embedded script (file names without <c>.sql</c>), sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(DatabaseScripts).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^".sql".Length])
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The text of <c>Data/Sql/<paramref name="name"/>.sql</c>.</summary>
    /// <exception cref="ArgumentException">No script has this name.</exception>
    public static string Read(string name)
    {
        using var stream = typeof(DatabaseScripts).Assembly.GetManifestResourceStream(Prefix + name + ".sql")
            ?? throw new ArgumentException($"No database script Data/Sql/{name}.sql is embedded.", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Adds the scripts <paramref name="names"/> to a migration, in the order given.</summary>
    /// <exception cref="ArgumentException">A name has no script.</exception>
    public static void ApplyDatabaseScripts(this MigrationBuilder migrationBuilder, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var name in names) migrationBuilder.Sql(Read(name));
    }
}
