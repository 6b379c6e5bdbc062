using System.Globalization;
using System.Text.Json;
using CsvHelper;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using RiskMap.Api.Hosting;

namespace RiskMap.UnitTests.DemoData;

/// <summary>One CSV record: header name → field text ("" for an empty field).</summary>
public sealed class CsvRecord(IReadOnlyDictionary<string, string> fields)
{
    public string this[string column] => fields[column];

    public string? OrNull(string column) => fields[column] is "" ? null : fields[column];

    public DateOnly Date(string column) => DateOnly.ParseExact(fields[column], "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public DateOnly? DateOrNull(string column) => OrNull(column) is null ? null : Date(column);

    public int Int(string column) => int.Parse(fields[column], NumberStyles.None, CultureInfo.InvariantCulture);

    public bool Bool(string column) => fields[column] switch
    {
        "true" => true,
        "false" => false,
        var other => throw new FormatException($"{column} is '{other}', not true/false."),
    };
}

/// <summary>A township feature of data/townships.geojson.</summary>
public sealed record TownshipFeature(string Code, string Name, string Kind, bool Illustrative, Geometry Geometry, IReadOnlyList<string> PropertyNames);

/// <summary>
/// The committed demo dataset in data/ of this checkout, read once. The checkout root is the nearest folder
/// above the test binaries (or the working directory) that holds RiskMap.sln.
/// </summary>
public sealed class CommittedDemoData
{
    private static readonly Lazy<CommittedDemoData> Lazy = new(() => new CommittedDemoData());

    public static CommittedDemoData Instance => Lazy.Value;

    public static string Root => RiskMapPaths.RepositoryRoot
        ?? throw new InvalidOperationException("No RiskMap.sln above the test binaries or the working directory.");

    public static string DataDirectory => Path.Combine(Root, "data");

    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    public IReadOnlyList<CsvRecord> Departments { get; } = ReadCsv("departments.csv");
    public IReadOnlyList<CsvRecord> Leaders { get; } = ReadCsv("district_leaders.csv");
    public IReadOnlyList<CsvRecord> Enterprises { get; } = ReadCsv("enterprises.csv");
    public IReadOnlyList<CsvRecord> Inspections { get; } = ReadCsv("inspections.csv");
    public IReadOnlyList<CsvRecord> Hazards { get; } = ReadCsv("hazards.csv");
    public IReadOnlyList<CsvRecord> Actions { get; } = ReadCsv("enforcement_actions.csv");

    public JsonElement TownshipsMetadata { get; }
    public IReadOnlyList<TownshipFeature> Townships { get; }
    public JsonElement DistrictProperties { get; }
    public Geometry District { get; }

    private CommittedDemoData()
    {
        using (var townships = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(DataDirectory, "townships.geojson"))))
        {
            TownshipsMetadata = townships.RootElement.GetProperty("metadata").Clone();
            Townships = townships.RootElement.GetProperty("features").EnumerateArray().Select(f =>
            {
                var p = f.GetProperty("properties");
                return new TownshipFeature(p.GetProperty("code").GetString()!, p.GetProperty("name").GetString()!,
                    p.GetProperty("kind").GetString()!, p.GetProperty("illustrative").GetBoolean(), ReadGeometry(f),
                    p.EnumerateObject().Select(o => o.Name).ToList());
            }).ToList();
        }
        using var district = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(DataDirectory, "district.geojson")));
        var feature = district.RootElement.GetProperty("features").EnumerateArray().Single();
        DistrictProperties = feature.GetProperty("properties").Clone();
        District = ReadGeometry(feature);
    }

    private static Geometry ReadGeometry(JsonElement feature)
        => JsonSerializer.Deserialize<Geometry>(feature.GetProperty("geometry").GetRawText(), GeoJson)!;

    /// <summary>Reads data/<paramref name="file"/> with its header row.</summary>
    public static IReadOnlyList<CsvRecord> ReadCsv(string file)
    {
        using var csv = CsvReader.Create(File.OpenRead(Path.Combine(DataDirectory, file)), CsvReaderOptions.Default with { Separator = ',' }, leaveOpen: false);
        var records = new List<CsvRecord>();
        while (csv.Read())
        {
            var headers = csv.Headers;
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Count; i++) fields[headers[i]] = csv.GetString(i);
            records.Add(new CsvRecord(fields));
        }
        return records;
    }
}
