using Npgsql;
using NpgsqlTypes;

namespace RiskMap.Api.Features;

/// <summary>Small helpers to run parameterised SQL through the shared <see cref="NpgsqlDataSource"/>.</summary>
public static class Sql
{
    /// <summary>Runs <paramref name="sql"/> and maps every row with <paramref name="map"/>, which reads columns by name.</summary>
    public static async Task<List<T>> QueryAsync<T>(NpgsqlDataSource dataSource, string sql, Action<NpgsqlParameterCollection> parameters,
        Func<SqlRow, T> map, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        parameters(command.Parameters);
        return await QueryAsync(command, map, cancellationToken);
    }

    /// <summary>Runs <paramref name="command"/> and maps every row with <paramref name="map"/>, which reads columns by name.</summary>
    public static async Task<List<T>> QueryAsync<T>(NpgsqlCommand command, Func<SqlRow, T> map, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var row = new SqlRow(reader);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            row.Advance();
            rows.Add(map(row));
        }
        return rows;
    }

    /// <summary>
    /// A command on <paramref name="db"/>'s connection in its current transaction, so that raw SQL commits or rolls back
    /// with the context's writes. The connection must be open (a transaction is in progress).
    /// </summary>
    public static NpgsqlCommand CommandOn(Microsoft.EntityFrameworkCore.DbContext db, string sql)
    {
        ArgumentNullException.ThrowIfNull(db);
        var database = Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetDbConnection(db.Database);
        var transaction = Microsoft.EntityFrameworkCore.Storage.DbContextTransactionExtensions.GetDbTransaction(
            db.Database.CurrentTransaction ?? throw new InvalidOperationException("A transaction must be in progress."));
        return new NpgsqlCommand(sql, (NpgsqlConnection)database, (NpgsqlTransaction)transaction);
    }

    /// <summary>Adds a text parameter that may be null (typed, so that <c>@p IS NULL</c> works).</summary>
    public static void Text(this NpgsqlParameterCollection parameters, string name, string? value)
        => parameters.Add(new NpgsqlParameter<string?>(name, NpgsqlDbType.Text) { TypedValue = value });

    /// <summary>Adds a text[] parameter that may be null.</summary>
    public static void TextArray(this NpgsqlParameterCollection parameters, string name, IReadOnlyCollection<string>? values)
        => parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values is null ? DBNull.Value : values.ToArray() });

    /// <summary>Adds a date parameter.</summary>
    public static void Date(this NpgsqlParameterCollection parameters, string name, DateOnly value)
        => parameters.Add(new NpgsqlParameter<DateOnly>(name, NpgsqlDbType.Date) { TypedValue = value });
}

/// <summary>
/// The as-of rules of ../shared/DOMAIN.md over a hazards alias, shared by every query. Each rule is one database
/// function (<see cref="Data.DatabaseScripts.HazardDayRules"/>, defined in <c>Data/Sql/</c>), written in SQL the planner
/// inlines, so that the indexes on the expressions they expand to still serve them: a hazard is open on day <c>d</c>
/// when it was found on or before <c>d</c> and was neither rectified nor closed on or before <c>d</c>; it is overdue on
/// <c>d</c> when it is open and the deadline in force on <c>d</c> is before <c>d</c>. The deadline in force is the
/// current one unless it was extended after <c>d</c> (deadline_extensions, looked up only for hazards flagged
/// deadline_extended, through ix_deadline_extensions_hazard_id_extended_on). C# twin:
/// <see cref="Hazards.HazardLifecycle"/>.
/// </summary>
public static class HazardSql
{
    /// <summary>
    /// Open on the date parameter <paramref name="asOf"/> (e.g. <c>@as_of</c>): riskmap_hazard_open_on, which the planner
    /// expands to <c>found_on &lt;= d AND coalesce(least(rectified_on, closed_on), 'infinity') &gt; d</c>, the expression of
    /// the index ix_hazards_open_until, so that it reads only the hazards still open after the day.
    /// </summary>
    public static string OpenAsOf(string alias, string asOf) => $"riskmap_hazard_open_on({alias}, {asOf})";

    /// <summary>
    /// The hazard's life, found_on through the day it was rectified or closed (both days included, open-ended while it is
    /// open), overlaps the days <paramref name="from"/> to <paramref name="to"/> (date parameters, both included; a null
    /// bound is open). Unlike <see cref="OpenAsOf"/>, which reads the status at the end of a day, the day of rectification
    /// counts: the hazard existed on it. The stop day is riskmap_hazard_open_until, the expression of ix_hazards_open_until.
    /// </summary>
    public static string LifeOverlaps(string alias, string? from, string? to)
    {
        var tests = new List<string>(2) { "true" };
        if (to is not null) tests.Add($"{alias}.found_on <= {to}");
        if (from is not null) tests.Add($"riskmap_hazard_open_until({alias}) >= {from}");
        return $"({string.Join(" AND ", tests)})";
    }

    /// <summary>
    /// A LATERAL subquery named <c>o</c> counting, for the enterprise aliased <paramref name="enterprise"/>, its hazards
    /// open on <paramref name="asOf"/>: <c>o.open_major</c>, <c>o.open_general</c>, <c>o.overdue</c> (one row, zeros when
    /// nothing is open), read through ix_hazards_enterprise_id_found_on.
    /// </summary>
    public static string OpenCountsLateral(string enterprise, string asOf) => $"""
        CROSS JOIN LATERAL (
            SELECT count(*) FILTER (WHERE h.level = 'Major')::int AS open_major,
                count(*) FILTER (WHERE h.level = 'General')::int AS open_general,
                count(*) FILTER (WHERE {DeadlineAsOf("h", asOf)} < {asOf})::int AS overdue
            FROM hazards h
            WHERE h.enterprise_id = {enterprise}.id AND {OpenAsOf("h", asOf)}
        ) o
        """;

    /// <summary>The deadline in force on <paramref name="asOf"/> (riskmap_hazard_deadline_on).</summary>
    public static string DeadlineAsOf(string alias, string asOf) => $"riskmap_hazard_deadline_on({alias}, {asOf})";

    /// <summary>Overdue on the date parameter <paramref name="asOf"/> (riskmap_hazard_overdue_on).</summary>
    public static string OverdueAsOf(string alias, string asOf) => $"riskmap_hazard_overdue_on({alias}, {asOf})";

    /// <summary>Days past the deadline in force on <paramref name="asOf"/> (negative before it).</summary>
    public static string DaysOverdue(string alias, string asOf) => $"({asOf} - {DeadlineAsOf(alias, asOf)})";

    /// <summary>
    /// The filter on an enterprise's worst open hazard level, given columns counting its open major and general
    /// hazards: Major (an open major hazard), General (open general hazards only), Any (something open), None (nothing
    /// open); <c>true</c> for null or anything else.
    /// </summary>
    public static string OpenLevelIs(string? level, string openMajor, string openGeneral) => level switch
    {
        "Major" => $"{openMajor} > 0",
        "General" => $"{openMajor} = 0 AND {openGeneral} > 0",
        "Any" => $"{openMajor} + {openGeneral} > 0",
        "None" => $"{openMajor} + {openGeneral} = 0",
        _ => "true",
    };

    /// <summary>
    /// Status on <paramref name="asOf"/> (riskmap_hazard_status_on): Closed, Rectified or Rectifying when the recorded day
    /// of that step has come; otherwise Open. For imported hazards whose Rectifying day is not recorded, a current
    /// Rectifying status counts.
    /// </summary>
    public static string StatusAsOf(string alias, string asOf) => $"riskmap_hazard_status_on({alias}, {asOf})";
}
