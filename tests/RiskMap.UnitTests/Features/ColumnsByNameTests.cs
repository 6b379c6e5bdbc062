using System.Text.RegularExpressions;
using RiskMap.Api.Hosting;

namespace RiskMap.UnitTests.Features;

/// <summary>
/// Query results are read and ordered by column name, never by position: a column added or moved in a SELECT cannot
/// shift another (SqlRow reads by name). Walks every C# file of src/ (migrations aside: they are history) for the
/// positional forms.
/// </summary>
public sealed partial class ColumnsByNameTests
{
    // reader.GetInt64(13), r.GetFieldValue<DateOnly>(4), IsDBNull(5): a column read at a literal position.
    [GeneratedRegex(@"\.(?:Get(?:Int16|Int32|Int64|String|Double|Decimal|Boolean|Value|DateTime|Guid)|GetFieldValue<[^>]+>|IsDBNull)\(\s*\d")]
    private static partial Regex PositionalRead();

    // ORDER BY 17, GROUP BY 1, 2, 3, "…, 5, h.id": an item that is only a number (not an argument such as round(x, 2)).
    [GeneratedRegex(@"\b(?:ORDER|GROUP) BY\s+(?:[^,\n]+,\s*)*\d+\b(?!\s*[).:(])")]
    private static partial Regex PositionalOrder();

    public static TheoryData<string> SourceFiles() => new(SourceFilePaths());

    private static List<string> SourceFilePaths()
    {
        var src = Path.Combine(RiskMapPaths.RepositoryRoot!, "src");
        var files = new List<string>();
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(src, file).Replace('\\', '/');
            if (relative.Contains("/Migrations/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal)
                || relative.Contains("/bin/", StringComparison.Ordinal)) continue;
            files.Add(relative);
        }
        return files;
    }

    [Fact]
    public void The_source_tree_is_found()
    {
        // Guards the theory below against passing on an empty list.
        Assert.Contains("RiskMap.Api/Features/SqlRow.cs", SourceFilePaths());
    }

    [Theory]
    [MemberData(nameof(SourceFiles))]
    public void No_query_reads_or_orders_columns_by_position(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(RiskMapPaths.RepositoryRoot!, "src", file));
        var positional = lines.Select((text, i) => (Line: i + 1, Text: text.Trim()))
            .Where(l => PositionalRead().IsMatch(l.Text) || PositionalOrder().IsMatch(l.Text))
            .Select(l => $"{file}:{l.Line}: {l.Text}")
            .ToList();
        Assert.Empty(positional);
    }

    [Theory]
    [InlineData("total = (int)r.GetInt64(19);")]
    [InlineData("r.IsDBNull(16) ? null : r.GetInt32(16)")]
    [InlineData("r.GetFieldValue<DateOnly>(12)")]
    [InlineData("ORDER BY 17 DESC NULLS LAST, h.found_on DESC")]
    [InlineData("GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")]
    [InlineData("ORDER BY h.enterprise_id, h.level = 'Major' DESC, 5, h.id")]
    public void The_positional_forms_are_recognised(string line)
        => Assert.True(PositionalRead().IsMatch(line) || PositionalOrder().IsMatch(line));

    [Theory]
    [InlineData("ORDER BY days_overdue DESC NULLS LAST, h.found_on DESC, h.id DESC")]
    [InlineData("ORDER BY round(x, 2), ST_AsGeoJSON(e.location, 7)")]
    [InlineData("ORDER BY x.extended_on LIMIT 1), {alias}.deadline)")]
    [InlineData("r.Get<long>(\"total\")")]
    [InlineData("for (var i = 0; i < fields.Length; i++) fields[i] = csv.GetString(i);")]
    public void Reads_and_orders_by_name_are_not_flagged(string line)
        => Assert.False(PositionalRead().IsMatch(line) || PositionalOrder().IsMatch(line));
}
