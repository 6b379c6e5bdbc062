using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using RiskMap.Api.Data;
using RiskMap.Api.Domain;
using RiskMap.Api.Features.Import;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>Enterprises get their township from their point, once, even on a shared border.</summary>
public sealed class TownshipAssignmentTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    internal static MultiPolygon Box(double minLon, double minLat, double maxLon, double maxLat)
        => Factory.CreateMultiPolygon([Factory.CreatePolygon([
            new(minLon, minLat), new(maxLon, minLat), new(maxLon, maxLat), new(minLon, maxLat), new(minLon, minLat)])]);

    /// <summary>
    /// Two townships side by side sharing the meridian 112.1, between latitudes <see cref="Lat"/>(district) and +0.1°,
    /// so that test districts never overlap.
    /// </summary>
    internal static async Task CreateTwoTownshipsAsync(RiskMapApp app, string district)
    {
        var y = Lat(district, 0);
        await app.WithDbAsync(async db =>
        {
            var import = new ImportService(db);
            await import.ImportDistrictAsync(district, "测试区", Box(112.0, y, 112.2, y + 0.1), "test", default);
            return await import.ReplaceTownshipsAsync(district,
            [
                new TownshipBoundary(1, district + "001", "东街道", TownshipKind.Subdistrict, Box(112.1, y, 112.2, y + 0.1), false, null),
                new TownshipBoundary(2, district + "002", "西镇", TownshipKind.Town, Box(112.0, y, 112.1, y + 0.1), false, null),
            ], default);
        });
    }

    /// <summary>
    /// <see cref="CreateTwoTownshipsAsync"/> with a gas enterprise in each township (东燃气 in 001 east, 西燃气 in 002 west),
    /// covered by the department urban_management (城市管理局, sector gas); returns the two enterprises' ids.
    /// </summary>
    internal static async Task<(long East, long West)> CreateTwoGasEnterprisesAsync(RiskMapApp app, string district)
    {
        await CreateTwoTownshipsAsync(app, district);
        var y = Lat(district, 0.05);
        await app.WithDbAsync(async db =>
        {
            var import = new ImportService(db);
            await import.ImportDepartmentsAsync([new Department { Code = "urban_management", Name = "城市管理局", Sectors = ["gas"] }], default);
            return await import.ImportEnterprisesAsync("test", [
                new EnterpriseRecord(2, CreditCode(district, 1), "东燃气", "gas", false, null, 112.15, y, "urban_management"),
                new EnterpriseRecord(3, CreditCode(district, 2), "西燃气", "gas", false, null, 112.05, y, "urban_management"),
            ], DuplicatePolicy.Reject, default);
        });
        return ((long)(await app.ScalarAsync($"SELECT id FROM enterprises WHERE credit_code = '{CreditCode(district, 1)}'"))!,
            (long)(await app.ScalarAsync($"SELECT id FROM enterprises WHERE credit_code = '{CreditCode(district, 2)}'"))!);
    }

    /// <summary>Latitude inside the test district's band: its base plus <paramref name="offset"/> degrees.</summary>
    internal static double Lat(string district, double offset) => 20.0 + (int.Parse(district) % 100) * 0.2 + offset;

    internal static string CreditCode(string district, int serial)
    {
        var first17 = $"91{district}{serial:D8}X";
        return first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
    }

    [Fact]
    public async Task A_point_on_a_shared_border_is_assigned_to_exactly_one_township_the_lowest_code()
    {
        const string district = "431191";
        await CreateTwoTownshipsAsync(app, district);
        await app.WithDbAsync(db => new ImportService(db).ImportEnterprisesAsync("test", [
            new EnterpriseRecord(2, CreditCode(district, 1), "边界企业", "gas", false, null, 112.1, Lat(district, 0.05), null),
            new EnterpriseRecord(3, CreditCode(district, 2), "西镇企业", "gas", false, null, 112.05, Lat(district, 0.05), null),
            new EnterpriseRecord(4, CreditCode(district, 3), "东街道企业", "gas", false, null, 112.15, Lat(district, 0.05), null),
        ], DuplicatePolicy.Reject, default));

        // Both townships cover the border point (ST_Covers includes the boundary)…
        Assert.Equal(2L, await app.ScalarAsync(
            $"SELECT count(*) FROM townships t JOIN enterprises e ON ST_Covers(t.boundary, e.location) WHERE e.credit_code = '{CreditCode(district, 1)}'"));
        // …but the stored assignment names one of them: the lower code.
        var assigned = await app.WithDbAsync(db => db.Enterprises.Where(e => e.CreditCode.Substring(2, 6) == district)
            .OrderBy(e => e.CreditCode).Select(e => e.TownshipCode).ToListAsync());
        Assert.Equal([district + "001", district + "002", district + "001"], assigned);
    }

    [Fact]
    public async Task Moving_a_point_moves_the_enterprise_and_a_point_outside_every_township_has_none()
    {
        const string district = "431192";
        await CreateTwoTownshipsAsync(app, district);
        await app.WithDbAsync(db => new ImportService(db).ImportEnterprisesAsync("test", [
            new EnterpriseRecord(2, CreditCode(district, 1), "会搬家的企业", "gas", false, null, 112.05, Lat(district, 0.05), null),
            new EnterpriseRecord(3, CreditCode(district, 2), "区外企业", "gas", false, null, 113.5, Lat(district, 0.05), null),
        ], DuplicatePolicy.Reject, default));
        await app.ExecuteAsync($"UPDATE enterprises SET location = ST_SetSRID(ST_MakePoint(112.15, {Lat(district, 0.05).ToString(System.Globalization.CultureInfo.InvariantCulture)}), 4326) WHERE credit_code = '{CreditCode(district, 1)}'");

        Assert.Equal(district + "001", await app.ScalarAsync($"SELECT township_code FROM enterprises WHERE credit_code = '{CreditCode(district, 1)}'"));
        Assert.Equal(DBNull.Value, await app.ScalarAsync($"SELECT township_code FROM enterprises WHERE credit_code = '{CreditCode(district, 2)}'"));
    }

    [Fact]
    public async Task A_typed_township_code_is_overwritten_by_the_point()
    {
        const string district = "431193";
        await CreateTwoTownshipsAsync(app, district);
        await app.WithDbAsync(db => new ImportService(db).ImportEnterprisesAsync("test", [
            new EnterpriseRecord(2, CreditCode(district, 1), "企业", "gas", false, null, 112.05, Lat(district, 0.05), null),
        ], DuplicatePolicy.Reject, default));
        await app.ExecuteAsync($"UPDATE enterprises SET township_code = '{district}001' WHERE credit_code = '{CreditCode(district, 1)}'");
        Assert.Equal(district + "002", await app.ScalarAsync($"SELECT township_code FROM enterprises WHERE credit_code = '{CreditCode(district, 1)}'"));
    }
}
