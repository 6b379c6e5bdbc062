using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Distance;
using RiskMap.Api.Domain;

namespace RiskMap.Cli.DemoData;

/// <summary>
/// Makes up the district's enterprises: how many per sector, which are above scale, where they are
/// (fireworks and non-coal mines in the rural towns, gas and fire safety mostly in the urban subdistricts,
/// construction and road traffic everywhere), their names, addresses and credit codes.
/// </summary>
internal static class EnterpriseGenerator
{
    /// <summary>
    /// Enterprises per sector, how many of them are above scale (100 in all) and the share located in the urban
    /// subdistricts.
    /// </summary>
    private static readonly (string Sector, int Count, int AboveScale, double UrbanShare)[] Plan =
    [
        ("gas", 80, 4, 0.8),
        ("fireworks", 70, 2, 0.0),
        ("hazardous_chemicals", 120, 12, 0.25),
        ("non_coal_mines", 45, 4, 0.0),
        ("road_traffic", 230, 8, 0.5),
        ("construction", 290, 18, 0.5),
        ("fire_safety", 460, 2, 0.8),
        ("industry_trade", 500, 45, 0.35),
        ("special_equipment", 205, 5, 0.6),
    ];

    /// <summary>Number of above-scale enterprises (DOMAIN.md: 100).</summary>
    public static int AboveScaleCount => Plan.Sum(p => p.AboveScale);

    /// <summary>Least distance between an enterprise and its township's border: 3e-5° (at least 2.9 m here).</summary>
    public const double MinBorderDistanceDegrees = 3e-5;

    /// <summary>Generates the enterprises, ordered by township code, sector (display order) and credit code.</summary>
    public static List<DemoEnterprise> Generate(Random rng, DistrictPartition partition, FictionalNames names)
    {
        if (Plan.Select(p => p.Sector).Order(StringComparer.Ordinal).SequenceEqual(Sector.All.Select(s => s.Code).Order(StringComparer.Ordinal)) is false)
            throw new InvalidOperationException("The enterprise plan must cover every sector once.");

        var urban = partition.Townships.Where(t => t.Source.Kind == TownshipKind.Subdistrict).ToList();
        var rural = partition.Townships.Where(t => t.Source.Kind != TownshipKind.Subdistrict).ToList();
        // Some townships are busier than others: a fixed factor each, times area for the rural ones.
        var urbanWeights = urban.Select(_ => 0.6 + 0.8 * rng.NextDouble()).ToList();
        var ruralWeights = rural.Select(t => Math.Sqrt(t.Boundary.Area) * (0.6 + 0.8 * rng.NextDouble())).ToList();
        var samplers = partition.Townships.ToDictionary(t => t.Source.Code, t => new PointSampler(t));

        var codes = new HashSet<string>(StringComparer.Ordinal);
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<DemoEnterprise>();
        foreach (var (sectorCode, count, aboveScale, urbanShare) in Plan)
        {
            var sector = Sector.Find(sectorCode)!;
            var department = DemoDepartment.Covering(sectorCode).Code;
            var ofSector = new List<DemoEnterprise>();
            for (var i = 0; i < count; i++)
            {
                var township = rng.NextDouble() < urbanShare
                    ? urban[rng.WeightedIndex(urbanWeights)]
                    : rural[rng.WeightedIndex(ruralWeights)];
                var point = samplers[township.Source.Code].Sample(rng);
                string name;
                do name = names.Enterprise(sector, township.Source); while (!usedNames.Add(name));
                ofSector.Add(new DemoEnterprise
                {
                    CreditCode = NewCreditCode(rng, codes),
                    Name = name,
                    Sector = sectorCode,
                    Address = names.Address(township.Source),
                    Longitude = point.X,
                    Latitude = point.Y,
                    DepartmentCode = department,
                    TownshipCode = township.Source.Code,
                    SafetyManager = names.Person(),
                });
            }
            foreach (var e in rng.ShuffleInPlace(ofSector.ToList()).Take(aboveScale)) e.AboveScale = true;
            result.AddRange(ofSector);
        }
        var sectorOrder = Sector.All.Select((s, i) => (s.Code, i)).ToDictionary(p => p.Code, p => p.i);
        return result
            .OrderBy(e => e.TownshipCode, StringComparer.Ordinal)
            .ThenBy(e => sectorOrder[e.Sector])
            .ThenBy(e => e.CreditCode, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// A fictional credit code: 9 (registered with industry and commerce), 1 (enterprise), 431103 (冷水滩区), nine
    /// random characters of the alphabet and the GB 32100-2015 check character; unique within <paramref name="used"/>.
    /// </summary>
    public static string NewCreditCode(Random rng, HashSet<string> used)
    {
        while (true)
        {
            var chars = new char[UnifiedSocialCreditCode.Length];
            "91431103".CopyTo(chars);
            for (var i = 8; i < 17; i++) chars[i] = UnifiedSocialCreditCode.Alphabet[rng.Next(UnifiedSocialCreditCode.Alphabet.Length)];
            chars[17] = UnifiedSocialCreditCode.CheckCharacter(chars.AsSpan(0, 17));
            var code = new string(chars);
            if (used.Add(code)) return code;
        }
    }

    /// <summary>Draws points inside one township, at least <see cref="MinBorderDistanceDegrees"/> from its border.</summary>
    private sealed class PointSampler(TownshipArea area)
    {
        private readonly IPreparedGeometry inside = PreparedGeometryFactory.Prepare(area.Boundary);
        private readonly IndexedFacetDistance border = new(area.Boundary.Boundary);
        private readonly Envelope envelope = area.Boundary.EnvelopeInternal;
        private readonly double spread = Math.Sqrt(area.Boundary.Area) / 4;

        /// <summary>Most enterprises cluster around the township's centre; the rest spread over it.</summary>
        public Coordinate Sample(Random rng)
        {
            for (var attempt = 0; attempt < 100_000; attempt++)
            {
                var c = rng.NextDouble() < 0.6
                    ? new Coordinate(area.Centre.X + spread * rng.Gaussian(), area.Centre.Y + spread * rng.Gaussian())
                    : new Coordinate(envelope.MinX + envelope.Width * rng.NextDouble(), envelope.MinY + envelope.Height * rng.NextDouble());
                TownshipPartition.Grid.MakePrecise(c);
                var point = TownshipPartition.GridFactory.CreatePoint(c);
                if (inside.Contains(point) && border.Distance(point) >= MinBorderDistanceDegrees) return c;
            }
            throw new InvalidOperationException($"Could not place a point in {area.Source.Name}.");
        }
    }
}
