using Microsoft.EntityFrameworkCore;
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
}
