using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>Migrations on an empty database produce the schema the code expects.</summary>
[Collection(ReadOnlyEmptyCollection.Name)]
public sealed class SchemaTests(EmptyApp app)
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
        // TestData/schema.sql is the schema the nine migrations built before they were squashed into one (its one change
        // since: the audit trail's authentication check is valid from the start instead of NOT VALID); a change to the
        // schema shows here first. When the change is meant, the message names the file to copy over the recorded one.
        var recorded = RecordedSchema;
        var expected = SchemaDump.Normalise(await File.ReadAllTextAsync(recorded));
        var actual = await SchemaDump.OfAsync(app.DatabaseName);
        var written = Path.Combine(AppContext.BaseDirectory, "schema.actual.sql");
        if (actual != expected) await File.WriteAllTextAsync(written, actual);
        Assert.True(actual == expected, $"The migrated schema differs from {recorded}; it is written to {written}. First difference:\n"
            + FirstDifference(expected, actual));
    }

    [Fact]
    public async Task The_initial_migration_goes_down_to_an_empty_schema_and_up_again()
    {
        var (name, connectionString) = await TestCluster.CreateDatabaseAsync("schema_down");
        try
        {
            await using var db = new RiskMap.Api.Data.RiskMapDbContext(new DbContextOptionsBuilder<RiskMap.Api.Data.RiskMapDbContext>()
                .UseNpgsql(connectionString, npgsql => npgsql.UseNetTopologySuite()).UseSnakeCaseNamingConvention().Options);
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync();
            await migrator.MigrateAsync(Migration.InitialDatabase);
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                await using var left = new NpgsqlCommand("""
                    SELECT string_agg(name, ', ' ORDER BY name) FROM (
                        SELECT c.relname::text AS name FROM pg_class c
                        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'i', 'S')
                          AND c.relname NOT IN ('spatial_ref_sys', 'spatial_ref_sys_pkey', '__EFMigrationsHistory', 'pk___ef_migrations_history')
                        UNION ALL SELECT p.proname::text FROM pg_proc p WHERE p.proname LIKE 'riskmap\_%'
                        UNION ALL SELECT t.tgname::text FROM pg_trigger t WHERE NOT t.tgisinternal) o
                    """, connection);
                Assert.Null(await left.ExecuteScalarAsync() as string);
            }
            await migrator.MigrateAsync();
            Assert.Equal(SchemaDump.Normalise(await File.ReadAllTextAsync(RecordedSchema)), await SchemaDump.OfAsync(name));
        }
        finally
        {
            await (await TestCluster.GetAsync()).DropDatabaseAsync(name);
        }
    }

    private static string RecordedSchema => Path.Combine(RiskMap.Api.Hosting.RiskMapPaths.RepositoryRoot!, "tests", "RiskMap.IntegrationTests", "TestData", "schema.sql");

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

    [Fact]
    public void Every_database_script_is_applied_once_in_a_stated_order()
    {
        var order = RiskMap.Api.Data.DatabaseScripts.InOrder;
        Assert.Equal(order.Count, order.Distinct().Count());
        Assert.Equal(RiskMap.Api.Data.DatabaseScripts.Names, order.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ScriptNames))]
    public async Task Every_database_script_is_applied_as_written(string name)
    {
        // A script is named after the object it defines, and every object it creates is in the migrated database:
        // functions with the body written in the script, triggers, tables, indexes and columns.
        var script = RiskMap.Api.Data.DatabaseScripts.Read(name).ReplaceLineEndings("\n");
        var created = Regex.Matches(script, @"^(?:CREATE (?:OR REPLACE )?(FUNCTION|TRIGGER|TABLE|INDEX) (\w+)|ALTER TABLE (\w+) ADD COLUMN (\w+))",
            RegexOptions.Multiline);
        Assert.NotEmpty(created);
        Assert.Contains(created, m => m.Groups[2].Value == name || m.Groups[3].Value + "_" + m.Groups[4].Value == name);
        foreach (Match m in created)
        {
            switch (m.Groups[1].Value)
            {
                case "FUNCTION":
                    var body = (string?)await app.ScalarAsync($"SELECT prosrc FROM pg_proc WHERE proname = '{m.Groups[2].Value}'");
                    Assert.NotNull(body);
                    Assert.Contains("$$" + body + "$$", script);
                    break;
                case "TRIGGER":
                    Assert.Equal(1L, await app.ScalarAsync($"SELECT count(*) FROM pg_trigger WHERE tgname = '{m.Groups[2].Value}'"));
                    break;
                case "TABLE" or "INDEX":
                    Assert.Equal(m.Groups[2].Value, await app.ScalarAsync($"SELECT to_regclass('{m.Groups[2].Value}')::text"));
                    break;
                default:
                    Assert.Equal(1L, await app.ScalarAsync(
                        $"SELECT count(*) FROM information_schema.columns WHERE table_name = '{m.Groups[3].Value}' AND column_name = '{m.Groups[4].Value}'"));
                    break;
            }
        }
    }

    [Fact]
    public async Task The_data_version_starts_with_its_one_row()
        => Assert.Equal("*=1", await app.ScalarAsync("SELECT string_agg(area || '=' || version, ',') FROM riskmap_data_versions"));
}
