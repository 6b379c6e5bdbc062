using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.OpenApi;

namespace RiskMap.Api.Contract;

/// <summary>
/// A value of the service's own type bound from a query string through <see cref="IParsable{TSelf}.TryParse(string?, IFormatProvider?, out TSelf)"/>;
/// when a value does not parse, binding fails and the answer names the parameter with <see cref="ProblemCode"/>, its
/// arguments the value followed by <see cref="ProblemArgs"/> (<see cref="BindingFailures"/>).
/// </summary>
/// <typeparam name="TSelf">The type itself.</typeparam>
public interface IQueryValue<TSelf> : IParsable<TSelf> where TSelf : IQueryValue<TSelf>
{
    /// <summary>The code of a value that does not parse.</summary>
    static abstract string ProblemCode { get; }

    /// <summary>The message arguments after the value (e.g. the allowed values).</summary>
    static abstract IReadOnlyList<string> ProblemArgs { get; }
}

/// <summary>
/// A comma-separated list of sector codes from a query string (<c>gas,fireworks</c>), duplicates removed, at least one;
/// each a code of <see cref="Domain.Sector.All"/>. Binding fails with <see cref="ProblemCodes.FormatSector"/> naming the
/// parameter otherwise.
/// </summary>
/// <param name="Codes">The codes, in the order given.</param>
public sealed record SectorList(IReadOnlyList<string> Codes) : IQueryValue<SectorList>
{
    /// <inheritdoc />
    public static string ProblemCode => ProblemCodes.FormatSector;

    /// <inheritdoc />
    public static IReadOnlyList<string> ProblemArgs => [string.Join(", ", Domain.Sector.All.Select(s => s.Code))];

    /// <inheritdoc />
    public static SectorList Parse(string s, IFormatProvider? provider)
        => TryParse(s, provider, out var list) ? list : throw new FormatException($"'{s}' is not a list of sector codes.");

    /// <inheritdoc />
    public static bool TryParse(string? s, IFormatProvider? provider, out SectorList result)
    {
        result = null!;
        if (string.IsNullOrWhiteSpace(s)) return false;
        var codes = s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (codes.Count == 0 || !codes.All(Domain.Sector.IsKnown)) return false;
        result = new SectorList(codes);
        return true;
    }

    /// <summary>The OpenAPI schema: a string of comma-separated sector codes.</summary>
    internal static OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.String,
        Pattern = "^[a-z_]+(,[a-z_]+)*$",
        Description = "Comma-separated sector codes: " + string.Join(", ", Domain.Sector.All.Select(s => s.Code)) + ".",
    };

    /// <inheritdoc />
    public override string ToString() => string.Join(",", Codes);
}

/// <summary>
/// A bounding box <c>minLon,minLat,maxLon,maxLat</c> in WGS-84 degrees from a query string: four finite numbers,
/// longitudes within ±180, latitudes within ±90, each minimum not above its maximum. Binding fails with
/// <see cref="ProblemCodes.FormatBoundingBox"/> otherwise.
/// </summary>
/// <param name="MinLon">West edge, degrees.</param>
/// <param name="MinLat">South edge, degrees.</param>
/// <param name="MaxLon">East edge, degrees.</param>
/// <param name="MaxLat">North edge, degrees.</param>
public readonly record struct BoundingBox(double MinLon, double MinLat, double MaxLon, double MaxLat) : IQueryValue<BoundingBox>
{
    /// <inheritdoc />
    public static string ProblemCode => ProblemCodes.FormatBoundingBox;

    /// <inheritdoc />
    public static IReadOnlyList<string> ProblemArgs => [];

    /// <inheritdoc />
    public static BoundingBox Parse(string s, IFormatProvider? provider)
        => TryParse(s, provider, out var box) ? box : throw new FormatException($"'{s}' is not a bounding box.");

    /// <inheritdoc />
    public static bool TryParse(string? s, IFormatProvider? provider, out BoundingBox result)
    {
        result = default;
        var parts = s?.Split(',');
        if (parts is not { Length: 4 }) return false;
        var n = new double[4];
        for (var i = 0; i < 4; i++)
        {
            if (!double.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out n[i]) || !double.IsFinite(n[i])) return false;
        }
        if (n[0] < -180 || n[2] > 180 || n[1] < -90 || n[3] > 90 || n[0] > n[2] || n[1] > n[3]) return false;
        result = new BoundingBox(n[0], n[1], n[2], n[3]);
        return true;
    }

    /// <summary>The OpenAPI schema: a string of four comma-separated numbers.</summary>
    internal static OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.String,
        Pattern = @"^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$",
        Description = "minLon,minLat,maxLon,maxLat in WGS-84 degrees (longitudes within ±180, latitudes within ±90, minimum first).",
    };
}

/// <summary>
/// An output coordinate system from a query string: <c>wgs84</c> (default), <c>cgcs2000</c>, <c>gcj02</c> or <c>bd09</c>
/// (case-insensitive; EPSG:4326 and EPSG:4490 also). Binding fails with <see cref="ProblemCodes.FormatCrs"/> otherwise.
/// </summary>
/// <param name="System">The system.</param>
public readonly record struct OutputCrs(Geo.GeographicSystem System) : IQueryValue<OutputCrs>
{
    /// <inheritdoc />
    public static string ProblemCode => ProblemCodes.FormatCrs;

    /// <inheritdoc />
    public static IReadOnlyList<string> ProblemArgs => [string.Join(", ", Geo.Crs.Names)];

    /// <summary>WGS-84, the default.</summary>
    public static OutputCrs Wgs84 => new(Geo.GeographicSystem.Wgs84);

    /// <summary>The API name (<c>wgs84</c> …).</summary>
    public string Name => Geo.Crs.Name(System);

    /// <inheritdoc />
    public static OutputCrs Parse(string s, IFormatProvider? provider)
        => TryParse(s, provider, out var crs) ? crs : throw new FormatException($"'{s}' is not a coordinate system.");

    /// <inheritdoc />
    public static bool TryParse(string? s, IFormatProvider? provider, out OutputCrs result)
    {
        result = Wgs84;
        if (Geo.Crs.Parse(s) is not { } system) return false;
        result = new OutputCrs(system);
        return true;
    }

    /// <summary>The OpenAPI schema: one of the names.</summary>
    internal static OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.String,
        Enum = [.. Geo.Crs.Names.Select(n => (global::System.Text.Json.Nodes.JsonNode)global::System.Text.Json.Nodes.JsonValue.Create(n)!)],
        Default = global::System.Text.Json.Nodes.JsonValue.Create("wgs84"),
        Description = "Output coordinate system: wgs84 (default), cgcs2000, gcj02 (Amap, Tencent) or bd09 (Baidu).",
    };

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>
/// A code of exactly <see cref="Digits"/> ASCII digits (a 6-digit district or 9-digit township code); fails with
/// <see cref="ProblemCodes.FormatCode"/>. Null passes (use <see cref="RequiredAttribute"/> for required codes).
/// </summary>
/// <param name="digits">Number of digits.</param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class DigitCodeAttribute(int digits) : RegularExpressionAttribute($"^[0-9]{{{digits}}}$"), ICodedValidationAttribute
{
    /// <summary>Number of digits.</summary>
    public int Digits { get; } = digits;

    /// <inheritdoc />
    public string Code => ProblemCodes.FormatCode;

    /// <inheritdoc />
    public object?[] Arguments(object? value) => [value, Digits];
}

/// <summary>
/// A day within <see cref="First"/>..<see cref="Last"/> (records of the People's Republic: 1949-10-01 to 2100-12-31);
/// fails with <see cref="ProblemCodes.DateRange"/>. Null passes.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class RecordDateAttribute : ValidationAttribute, ICodedValidationAttribute
{
    /// <summary>The first day a record may carry.</summary>
    public static readonly DateOnly First = new(1949, 10, 1);

    /// <summary>The last day a record may carry.</summary>
    public static readonly DateOnly Last = new(2100, 12, 31);

    /// <inheritdoc />
    public override bool IsValid(object? value) => value is not DateOnly day || (day >= First && day <= Last);

    /// <inheritdoc />
    public string Code => ProblemCodes.DateRange;

    /// <inheritdoc />
    public object?[] Arguments(object? value) => [First, Last, value];
}
