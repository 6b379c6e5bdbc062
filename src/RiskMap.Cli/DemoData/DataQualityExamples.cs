using NetTopologySuite.Algorithm.Construct;
using NetTopologySuite.Geometries;
using RiskMap.Api.Domain;

namespace RiskMap.Cli.DemoData;

/// <summary>
/// A few more fictional enterprises, without records, whose locations and names show what the data checks find in
/// real registers (so that the demo's location-quality layer and duplicate review queue are not empty): five shops a
/// geocoder put on one point, three points with 3 decimals, two addresses naming a neighbouring township, one point on
/// a township's label point, a second record of an enterprise under its name without the district prefix 60 m from it,
/// and two enterprises of one name in two townships. Drawn with their own random stream after everything else, so the
/// other files and the published campaign figures do not move.
/// </summary>
internal static class DataQualityExamples
{
    /// <summary>Offset of the examples' random stream from the generator's seed.</summary>
    private const int SeedOffset = 15;

    /// <summary>The examples, in the order above (their townships are rural, except the second record's).</summary>
    public static List<DemoEnterprise> Generate(int seed, DistrictPartition partition, IReadOnlyList<DemoEnterprise> enterprises)
    {
        var rng = new Random(seed + SeedOffset);
        var names = new FictionalNames(rng);
        var codes = enterprises.Select(e => e.CreditCode).ToHashSet(StringComparer.Ordinal);
        var usedNames = enterprises.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var rural = partition.Townships.Where(t => t.Source.Kind != TownshipKind.Subdistrict).OrderBy(t => t.Source.Code, StringComparer.Ordinal).ToList();
        var result = new List<DemoEnterprise>();

        DemoEnterprise Add(TownshipArea township, string sector, string? name, string address, Coordinate at)
        {
            TownshipPartition.Grid.MakePrecise(at);
            if (!township.Boundary.Contains(township.Boundary.Factory.CreatePoint(at)) || township.Boundary.Boundary.Distance(township.Boundary.Factory.CreatePoint(at)) < 1e-4)
                throw new InvalidOperationException($"An example point is not well inside {township.Source.Name}.");
            if (name is null) do name = names.Enterprise(Sector.Find(sector)!, township.Source); while (!usedNames.Add(name));
            var enterprise = new DemoEnterprise
            {
                CreditCode = EnterpriseGenerator.NewCreditCode(rng, codes), Name = name, Sector = sector, Address = address,
                Longitude = at.X, Latitude = at.Y, DepartmentCode = DemoDepartment.Covering(sector).Code,
                TownshipCode = township.Source.Code, SafetyManager = names.Person(),
            };
            result.Add(enterprise);
            return enterprise;
        }

        // Five fireworks shops a geocoder put on one point (SharedPoint).
        var shared = new Coordinate(rural[0].Centre.X + 0.0021234, rural[0].Centre.Y + 0.0011234);
        for (var i = 0; i < 5; i++) Add(rural[0], "fireworks", null, names.Address(rural[0].Source), shared.Copy());
        // Three points with 3 decimals (CoarseCoordinates).
        for (var i = 0; i < 3; i++)
        {
            var at = new Coordinate(Math.Round(rural[1].Centre.X + 0.0017 * (i + 1), 3), Math.Round(rural[1].Centre.Y - 0.0013 * (i + 1), 3));
            Add(rural[1], "industry_trade", null, names.Address(rural[1].Source), at);
        }
        // Two addresses naming the next township (AddressNamesOtherTownship).
        for (var i = 0; i < 2; i++)
            Add(rural[2], "industry_trade", null, names.Address(rural[3].Source), new Coordinate(rural[2].Centre.X + 0.0012345 * (i + 1), rural[2].Centre.Y + 0.0023456));
        // One on the point where the map writes the township's name (NearLabelPoint): the centre of the largest circle
        // inside the boundary, as PostGIS's ST_MaximumInscribedCircle finds it.
        var label = new MaximumInscribedCircle(rural[4].Boundary, 1e-6).GetCenter().Coordinate;
        Add(rural[4], "industry_trade", null, names.Address(rural[4].Source), new Coordinate(label.X + 0.0000123, label.Y + 0.0000123));

        // A second record of an urban enterprise under its name without 冷水滩区, 60 m east (a duplicate candidate).
        var areas = partition.Townships.ToDictionary(t => t.Source.Code);
        var original = enterprises.First(e => e.Name.StartsWith("冷水滩区", StringComparison.Ordinal)
            && areas[e.TownshipCode].Source.Kind == TownshipKind.Subdistrict && IsWellInside(areas[e.TownshipCode], new Coordinate(e.Longitude + 0.0006, e.Latitude)));
        Add(areas[original.TownshipCode], original.Sector, original.Name["冷水滩区".Length..], original.Address,
            new Coordinate(original.Longitude + 0.0006, original.Latitude));
        // An industry-and-trade enterprise's name again, in another rural township (the same name at two places).
        var named = enterprises.First(e => e.Sector == "industry_trade" && e.TownshipCode == rural[5].Source.Code);
        Add(rural[6], named.Sector, named.Name, names.Address(rural[6].Source), new Coordinate(rural[6].Centre.X - 0.0014321, rural[6].Centre.Y + 0.0012345));
        return result;
    }

    private static bool IsWellInside(TownshipArea township, Coordinate at)
    {
        var point = township.Boundary.Factory.CreatePoint(at);
        return township.Boundary.Contains(point) && township.Boundary.Boundary.Distance(point) >= 1e-4;
    }
}
