using Microsoft.EntityFrameworkCore;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>Migrations on an empty database produce the schema the code expects.</summary>
public sealed class SchemaTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    [Fact]
    public async Task Migrations_apply_on_an_empty_database_and_match_the_model()
    {
        var (pending, changes, applied) = await app.WithDbAsync(async db =>
            ((await db.Database.GetPendingMigrationsAsync()).ToList(), db.Database.HasPendingModelChanges(),
             (await db.Database.GetAppliedMigrationsAsync()).ToList()));
        Assert.Empty(pending);
        Assert.False(changes, "The model has changes that no migration captures: run dotnet ef migrations add.");
        Assert.NotEmpty(applied);
    }

    [Fact]
    public async Task Migrations_build_the_recorded_schema()
    {
        // TestData/schema.sql is the schema the migrations built before they were squashed into one; a change to the
        // schema shows here first. When the change is meant, the message names the file to copy over the recorded one.
        var recorded = Path.Combine(RiskMap.Api.Hosting.RiskMapPaths.RepositoryRoot!, "tests", "RiskMap.IntegrationTests", "TestData", "schema.sql");
        var expected = SchemaDump.Normalise(await File.ReadAllTextAsync(recorded));
        var actual = await SchemaDump.OfAsync(app.DatabaseName);
        var written = Path.Combine(AppContext.BaseDirectory, "schema.actual.sql");
        if (actual != expected) await File.WriteAllTextAsync(written, actual);
        Assert.True(actual == expected, $"The migrated schema differs from {recorded}; it is written to {written}. First difference:\n"
            + FirstDifference(expected, actual));
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var x = i < e.Length ? e[i] : "(end)";
            var y = i < a.Length ? a[i] : "(end)";
            if (x != y) return $"line {i + 1}: recorded  {x}\n        migrated  {y}";
        }
        return "";
    }

    [Theory]
    [InlineData("townships", "boundary", "MultiPolygon")]
    [InlineData("districts", "boundary", "MultiPolygon")]
    [InlineData("enterprises", "location", "Point")]
    public async Task Geometry_columns_have_type_and_srid_4326(string table, string column, string type)
    {
        var row = await app.ScalarAsync(
            $"SELECT type || ':' || srid FROM geometry_columns WHERE f_table_name = '{table}' AND f_geometry_column = '{column}'");
        Assert.Equal($"{type.ToUpperInvariant()}:4326", row);
    }

    [Theory]
    [InlineData("townships", "ix_townships_boundary")]
    [InlineData("districts", "ix_districts_boundary")]
    [InlineData("enterprises", "ix_enterprises_location")]
    public async Task Geometry_columns_have_gist_indexes(string table, string index)
    {
        var method = await app.ScalarAsync(
            $"SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam WHERE c.relname = '{index}' AND c.relkind = 'i'");
        Assert.Equal("gist", method);
        Assert.Equal(table, await app.ScalarAsync($"SELECT tablename FROM pg_indexes WHERE indexname = '{index}'"));
    }

    [Theory]
    [InlineData("91350100M000100Y43", true)]
    [InlineData("91350100M000100Y44", false)]
    [InlineData("91350100M000100Y4", false)]
    [InlineData("91350100M0001O0Y43", false)]
    public async Task The_database_checks_credit_codes_like_the_code_does(string code, bool valid)
    {
        Assert.Equal(valid, await app.ScalarAsync($"SELECT riskmap_credit_code_is_valid('{code}')"));
        Assert.Equal(valid, RiskMap.Api.Domain.UnifiedSocialCreditCode.IsValid(code));
    }

    public static TheoryData<string> ScriptNames() => new(RiskMap.Api.Data.DatabaseScripts.Names);

    [Fact]
    public void The_hazard_rules_of_a_day_are_database_scripts()
        => Assert.Subset(RiskMap.Api.Data.DatabaseScripts.Names.ToHashSet(), RiskMap.Api.Data.DatabaseScripts.HazardDayRules.ToHashSet());

    [Theory]
    [MemberData(nameof(ScriptNames))]
    public async Task Every_database_script_is_applied_as_written(string name)
    {
        // A script defines the function it is named after; the migrated database holds that definition's body.
        var body = (string?)await app.ScalarAsync($"SELECT prosrc FROM pg_proc WHERE proname = '{name}'");
        Assert.NotNull(body);
        Assert.Contains("$$" + body + "$$", RiskMap.Api.Data.DatabaseScripts.Read(name).ReplaceLineEndings("\n"));
    }
}
