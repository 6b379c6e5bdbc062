using System.Data.Common;

namespace RiskMap.Api.Features;

/// <summary>
/// The current row of a query result, read by column name (the name a column has in the result: its alias, or the
/// column's own name). Queries name every column they read, so that adding or moving a column cannot shift another.
/// </summary>
/// <remarks>
/// A name is looked up among the result's columns once per result, on the first row: each call remembers which name it
/// was given at its place in the row's sequence of calls, so that on the next rows a call costs a string comparison
/// (equal literals are one reference, compared first) instead of a search. A mapping that reads different columns on
/// different rows still reads the right ones; it only looks them up again.
/// </remarks>
public sealed class SqlRow
{
    private readonly DbDataReader reader;
    private string[] names = new string[16];
    private int[] ordinals = new int[16];
    private int next;

    /// <summary>Reads the rows of <paramref name="reader"/>; call <see cref="Advance"/> before mapping each row.</summary>
    public SqlRow(DbDataReader reader) => this.reader = reader;

    /// <summary>Starts a new row (the next call is the row's first).</summary>
    public void Advance() => next = 0;

    /// <summary>The value of <paramref name="column"/> as <typeparamref name="T"/> (e.g. <c>long</c> for bigint, <c>DateOnly</c> for date).</summary>
    /// <exception cref="InvalidOperationException">No column, or two, have this name.</exception>
    /// <exception cref="InvalidCastException">The value is NULL or not a <typeparamref name="T"/>.</exception>
    public T Get<T>(string column) => reader.GetFieldValue<T>(Ordinal(column));

    /// <summary>The value of <paramref name="column"/>, or null when it is NULL.</summary>
    /// <exception cref="InvalidOperationException">No column, or two, have this name.</exception>
    public T? Nullable<T>(string column) where T : struct
    {
        var ordinal = Ordinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
    }

    /// <summary>True when <paramref name="column"/> is NULL.</summary>
    /// <exception cref="InvalidOperationException">No column, or two, have this name.</exception>
    public bool IsNull(string column) => reader.IsDBNull(Ordinal(column));

    /// <summary>The text of <paramref name="column"/>, or null when it is NULL.</summary>
    /// <exception cref="InvalidOperationException">No column, or two, have this name.</exception>
    public string? NullableString(string column)
    {
        var ordinal = Ordinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    private int Ordinal(string column)
    {
        var call = next++;
        if (call < names.Length && string.Equals(names[call], column, StringComparison.Ordinal)) return ordinals[call];
        return Remember(call, column);
    }

    private int Remember(int call, string column)
    {
        if (call >= names.Length)
        {
            Array.Resize(ref names, Math.Max(call + 1, names.Length * 2));
            Array.Resize(ref ordinals, names.Length);
        }
        names[call] = column;
        return ordinals[call] = Find(column);
    }

    // Exact names only (NpgsqlDataReader.GetOrdinal would also match another case), and a name the result has twice
    // (two unaliased "id" columns) is a mistake to report, not to resolve to the first.
    private int Find(string column)
    {
        var found = -1;
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (!string.Equals(reader.GetName(i), column, StringComparison.Ordinal)) continue;
            if (found >= 0) throw new InvalidOperationException($"The result has two columns named '{column}': give each its own name (AS …).");
            found = i;
        }
        if (found < 0)
        {
            var columns = string.Join(", ", Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
            throw new InvalidOperationException($"The result has no column named '{column}' (its columns: {columns}).");
        }
        return found;
    }
}
