using System.Collections.Immutable;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace RiskMap.Api.Features.Import;

/// <summary>Staging tables of record imports (<see cref="StagingTable{T}"/>).</summary>
internal static class StagingTable
{
    /// <summary>
    /// A staging table of import records: it starts with <c>row int</c> (the source row) and <c>valid boolean</c> (no
    /// error on the row), every later column is staged NULL on a row whose field of the same name was rejected
    /// (<see cref="IImportRecord.Rejected"/>), and only valid rows are merged, in row order.
    /// </summary>
    public static StagingTable<T> Records<T>(string name) where T : IImportRecord
        => new StagingTable<T>(name, (record, column) => record.Rejected.Contains(column))
            .Integer("row", r => r.Row, merged: false)
            .Boolean("valid", r => r.IsValid(), merged: false);

    /// <summary>
    /// A staging table of inspection, hazard or enforcement records: <see cref="Records{T}"/> then <c>reference</c>
    /// (merged, the conflict key) and <c>credit_code</c> (joined to the enterprise, not merged).
    /// </summary>
    public static StagingTable<T> ReferencedRecords<T>(string name) where T : IReferencedRecord
        => Records<T>(name)
            .Text("reference", r => r.Reference)
            .Text("credit_code", r => r.CreditCode, merged: false);
}

/// <summary>
/// A temporary staging table of an import, declared once as its columns — name, type, and the value each takes from a
/// <typeparamref name="T"/> — from which the CREATE, the binary COPY and the merge into the target table are written,
/// so that a column is added or renamed in one place. The table lives until the transaction ends (ON COMMIT DROP).
/// </summary>
/// <typeparam name="T">What one row is staged from.</typeparam>
internal sealed class StagingTable<T>
{
    private readonly ImmutableList<Column> columns;
    private readonly Func<T, string, bool>? rejected;

    /// <summary>An empty declaration of the table <paramref name="name"/>.</summary>
    /// <param name="name">Table name, e.g. <c>staging_townships</c>.</param>
    /// <param name="rejected">When it says true for a row and a column, the column is staged NULL for that row.</param>
    public StagingTable(string name, Func<T, string, bool>? rejected = null) : this(name, rejected, []) { }

    private StagingTable(string name, Func<T, string, bool>? rejected, ImmutableList<Column> columns)
    {
        Name = name;
        this.rejected = rejected;
        this.columns = columns;
    }

    /// <summary>The table's name.</summary>
    public string Name { get; }

    /// <summary>The columns in order, with their SQL types (e.g. <c>row int</c>).</summary>
    public IEnumerable<(string Name, string Type)> Columns => columns.Select(c => (c.Name, SqlType(c.DbType)));

    /// <summary>Adds a text column.</summary>
    /// <param name="name">Column name; also the target column it is merged into.</param>
    /// <param name="value">The row's value, null for NULL.</param>
    /// <param name="merged">False for a column only the checks or the joins read.</param>
    public StagingTable<T> Text(string name, Func<T, string?> value, bool merged = true)
        => With(new ReferenceColumn<string>(name, NpgsqlDbType.Text, merged, value));

    /// <summary>Adds an int column (see <see cref="Text"/>).</summary>
    public StagingTable<T> Integer(string name, Func<T, int?> value, bool merged = true)
        => With(new ValueColumn<int>(name, NpgsqlDbType.Integer, merged, value));

    /// <summary>Adds a boolean column (see <see cref="Text"/>).</summary>
    public StagingTable<T> Boolean(string name, Func<T, bool?> value, bool merged = true)
        => With(new ValueColumn<bool>(name, NpgsqlDbType.Boolean, merged, value));

    /// <summary>Adds a date column (see <see cref="Text"/>).</summary>
    public StagingTable<T> Date(string name, Func<T, DateOnly?> value, bool merged = true)
        => With(new ValueColumn<DateOnly>(name, NpgsqlDbType.Date, merged, value));

    /// <summary>Adds a time-of-day column (see <see cref="Text"/>).</summary>
    public StagingTable<T> Time(string name, Func<T, TimeOnly?> value, bool merged = true)
        => With(new ValueColumn<TimeOnly>(name, NpgsqlDbType.Time, merged, value));

    /// <summary>Adds a double precision column (see <see cref="Text"/>).</summary>
    public StagingTable<T> Double(string name, Func<T, double?> value, bool merged = true)
        => With(new ValueColumn<double>(name, NpgsqlDbType.Double, merged, value));

    /// <summary>Adds a numeric column (see <see cref="Text"/>).</summary>
    public StagingTable<T> Numeric(string name, Func<T, decimal?> value, bool merged = true)
        => With(new ValueColumn<decimal>(name, NpgsqlDbType.Numeric, merged, value));

    /// <summary>Adds a geometry column of any type and SRID (see <see cref="Text"/>).</summary>
    public StagingTable<T> Geometry(string name, Func<T, Geometry?> value, bool merged = true)
        => With(new ReferenceColumn<Geometry>(name, NpgsqlDbType.Geometry, merged, value));

    private StagingTable<T> With(Column column) => new(Name, rejected, columns.Add(column));

    /// <summary>The CREATE TEMP TABLE … ON COMMIT DROP of the table.</summary>
    public string CreateSql => $"CREATE TEMP TABLE {Name} ({string.Join(", ", Columns.Select(c => $"{c.Name} {c.Type}"))}) ON COMMIT DROP";

    /// <summary>The binary COPY into the table, its columns in declaration order (the order rows are written in).</summary>
    public string CopySql => $"COPY {Name} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";

    /// <summary>
    /// Creates the table and fills it with <paramref name="rows"/> through one binary COPY, enumerating them once (a
    /// large file streams); <paramref name="progress"/> hears the rows written every 1000 rows and at the end.
    /// </summary>
    /// <returns>The number of rows written.</returns>
    public async Task<int> CreateAndCopyAsync(NpgsqlConnection connection, IEnumerable<T> rows, IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand(CreateSql, connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        var count = 0;
        // Synchronous writes: a write only fills Npgsql's buffer (flushed to the socket when full), and an awaited call
        // per field cost more than parsing the file itself.
        await using (var writer = await connection.BeginBinaryImportAsync(CopySql, cancellationToken))
        {
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                writer.StartRow();
                foreach (var column in columns) column.Write(writer, row, rejected?.Invoke(row, column.Name) ?? false);
                if (++count % 1000 == 0) progress?.Report(count);
            }
            await writer.CompleteAsync(cancellationToken);
        }
        progress?.Report(count);
        return count;
    }

    /// <summary>
    /// The merge of the staged rows into <paramref name="target"/>: one INSERT … SELECT … ON CONFLICT of every merged
    /// column (as <c>s.&lt;name&gt;</c>) and the <paramref name="computed"/> ones, returning <c>(xmax = 0)</c> per row (true when
    /// inserted, false when updated). A record table merges its valid rows in row order.
    /// </summary>
    /// <param name="target">Target table.</param>
    /// <param name="key">Conflict target (a unique column of <paramref name="target"/>).</param>
    /// <param name="joins">Joins after <c>FROM staging s</c> that <paramref name="computed"/> reads, e.g. the enterprise by credit code.</param>
    /// <param name="computed">
    /// Target columns and the SQL giving them (e.g. <c>("enterprise_id", "e.id")</c>); one named like a staged column
    /// replaces its <c>s.&lt;name&gt;</c>.
    /// </param>
    /// <param name="onConflict">Update every merged column but the key (true) or keep the stored row (false).</param>
    /// <param name="insertOnly">Target columns written on insert only, never updated.</param>
    public string MergeSql(string target, string key, string joins = "", IReadOnlyList<(string Column, string Expression)>? computed = null,
        bool onConflict = true, IReadOnlyCollection<string>? insertOnly = null)
    {
        var expressions = (computed ?? []).ToDictionary(x => x.Column, x => x.Expression);
        var staged = columns.Where(c => c.Merged).Select(c => c.Name).ToList();
        var merged = staged.Select(name => (Column: name, Expression: expressions.GetValueOrDefault(name) ?? $"s.{name}"))
            .Concat((computed ?? []).Where(x => !staged.Contains(x.Column)))
            .ToList();
        var updated = merged.Select(m => m.Column).Where(c => c != key && insertOnly?.Contains(c) != true).Select(c => $"{c} = EXCLUDED.{c}");
        var records = columns.Any(c => c.Name == "valid") && columns.Any(c => c.Name == "row");
        return $"""
            INSERT INTO {target} ({string.Join(", ", merged.Select(m => m.Column))})
            SELECT {string.Join(", ", merged.Select(m => m.Expression))}
            FROM {Name} s {joins}
            {(records ? "WHERE s.valid ORDER BY s.row" : "")}
            ON CONFLICT ({key}) {(onConflict ? $"DO UPDATE SET {string.Join(", ", updated)}" : "DO NOTHING")}
            RETURNING (xmax = 0)
            """;
    }

    private static string SqlType(NpgsqlDbType type) => type switch
    {
        NpgsqlDbType.Text => "text",
        NpgsqlDbType.Integer => "int",
        NpgsqlDbType.Boolean => "boolean",
        NpgsqlDbType.Date => "date",
        NpgsqlDbType.Time => "time",
        NpgsqlDbType.Double => "double precision",
        NpgsqlDbType.Numeric => "numeric",
        NpgsqlDbType.Geometry => "geometry",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No staging column of this type."),
    };

    private abstract class Column(string name, NpgsqlDbType dbType, bool merged)
    {
        public string Name { get; } = name;
        public NpgsqlDbType DbType { get; } = dbType;
        public bool Merged { get; } = merged;

        /// <summary>Writes the row's value, or NULL when there is none or it was <paramref name="rejected"/>.</summary>
        public abstract void Write(NpgsqlBinaryImporter writer, T row, bool rejected);
    }

    // Typed per value kind, so that a value is written without boxing.
    private sealed class ValueColumn<TValue>(string name, NpgsqlDbType dbType, bool merged, Func<T, TValue?> value)
        : Column(name, dbType, merged) where TValue : struct
    {
        public override void Write(NpgsqlBinaryImporter writer, T row, bool rejected)
        {
            if (!rejected && value(row) is { } v) writer.Write(v, DbType);
            else writer.WriteNull();
        }
    }

    private sealed class ReferenceColumn<TValue>(string name, NpgsqlDbType dbType, bool merged, Func<T, TValue?> value)
        : Column(name, dbType, merged) where TValue : class
    {
        public override void Write(NpgsqlBinaryImporter writer, T row, bool rejected)
        {
            if (!rejected && value(row) is { } v) writer.Write(v, DbType);
            else writer.WriteNull();
        }
    }
}
