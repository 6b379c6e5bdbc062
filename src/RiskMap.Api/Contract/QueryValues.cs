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
/// parameter otherwise. An empty value (<c>sector=</c>, an empty list as a form or the page sends it) is no list: the
/// parameter is null, as when it is not given.
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
        => TryParse(s, provider, out var list) && list is not null ? list : throw new FormatException($"'{s}' is not a list of sector codes.");

    /// <inheritdoc />
    public static bool TryParse(string? s, IFormatProvider? provider, out SectorList result)
    {
        result = null!;
        // Binding asks even for an empty value: it stands for no list (the optional parameter stays null).
        if (string.IsNullOrWhiteSpace(s)) return s is not null;
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
/// One sector code from a query string (<c>gas</c>), a code of <see cref="Domain.Sector.All"/>. Binding fails with
/// <see cref="ProblemCodes.FormatSector"/> naming the parameter otherwise.
/// </summary>
/// <param name="Code">The code.</param>
public sealed record SectorCode(string Code) : IQueryValue<SectorCode>
{
    /// <inheritdoc />
    public static string ProblemCode => ProblemCodes.FormatSector;

    /// <inheritdoc />
    public static IReadOnlyList<string> ProblemArgs => SectorList.ProblemArgs;

    /// <inheritdoc />
    public static SectorCode Parse(string s, IFormatProvider? provider)
        => TryParse(s, provider, out var code) ? code : throw new FormatException($"'{s}' is not a sector code.");

    /// <inheritdoc />
    public static bool TryParse(string? s, IFormatProvider? provider, out SectorCode result)
    {
        result = null!;
        var code = s?.Trim();
        if (code is null || !Domain.Sector.IsKnown(code)) return false;
        result = new SectorCode(code);
        return true;
    }

    /// <summary>The OpenAPI schema: one of the sector codes.</summary>
    internal static OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.String,
        Enum = [.. Domain.Sector.All.Select(s => (global::System.Text.Json.Nodes.JsonNode)global::System.Text.Json.Nodes.JsonValue.Create(s.Code)!)],
        Description = "A sector code.",
    };

    /// <inheritdoc />
    public override string ToString() => Code;
}

/// <summary>
/// A comma-separated list of names of <typeparamref name="T"/> from a query string (<c>Open,Rectifying</c>), compared
/// case-insensitively, duplicates removed, at least one; numbers are not names. Binding fails with
/// <see cref="ProblemCodes.FormatOneOf"/> (the value, the names) otherwise.
/// </summary>
/// <typeparam name="T">The enum whose names are allowed.</typeparam>
/// <param name="Values">The values, in the order given.</param>
public sealed record EnumList<T>(IReadOnlyList<T> Values) : IQueryValue<EnumList<T>> where T : struct, Enum
{
    /// <inheritdoc />
    public static string ProblemCode => ProblemCodes.FormatOneOf;

    /// <inheritdoc />
    public static IReadOnlyList<string> ProblemArgs => [string.Join(", ", Enum.GetNames<T>())];

    /// <summary>The values' names as the enum spells them.</summary>
    public IReadOnlyList<string> Names => [.. Values.Select(v => v.ToString())];

    /// <inheritdoc />
    public static EnumList<T> Parse(string s, IFormatProvider? provider)
        => TryParse(s, provider, out var list) ? list : throw new FormatException($"'{s}' is not a list of {typeof(T).Name} names.");

    /// <inheritdoc />
    public static bool TryParse(string? s, IFormatProvider? provider, out EnumList<T> result)
    {
        result = null!;
        if (string.IsNullOrWhiteSpace(s)) return false;
        var values = new List<T>();
        foreach (var part in s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var name = Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, part, StringComparison.OrdinalIgnoreCase));
            if (name is null) return false;
            var value = Enum.Parse<T>(name);
            if (!values.Contains(value)) values.Add(value);
        }
        if (values.Count == 0) return false;
        result = new EnumList<T>(values);
        return true;
    }

    /// <summary>The OpenAPI schema: a string of comma-separated names.</summary>
    internal static OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.String,
        Pattern = $"^({string.Join("|", Enum.GetNames<T>())})(,({string.Join("|", Enum.GetNames<T>())}))*$",
        Description = $"Comma-separated, any of: {string.Join(", ", Enum.GetNames<T>())}.",
    };

    /// <inheritdoc />
    public override string ToString() => string.Join(",", Names);
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
/// A value within one of the documented ranges of <see cref="Features.Ranges"/>, named by its member (e.g.
/// <c>[InRange(nameof(Ranges.Day))]</c>): so the check and the API definition read the same range. Fails with
/// <see cref="ProblemCodes.DateRange"/> for days and <see cref="ProblemCodes.Range"/> otherwise (minimum, maximum, value);
/// null passes. NaN and infinities never pass.
/// </summary>
/// <param name="range">Name of a static <see cref="Features.IValueRange"/> member of <see cref="Features.Ranges"/>.</param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class InRangeAttribute(string range) : ValidationAttribute, ICodedValidationAttribute
{
    /// <summary>The range.</summary>
    public Features.IValueRange Range { get; } = typeof(Features.Ranges).GetField(range)?.GetValue(null) as Features.IValueRange
        ?? throw new ArgumentException($"Ranges has no range '{range}'.", nameof(range));

    /// <inheritdoc />
    public override bool IsValid(object? value) => value switch
    {
        null => true,
        int n when Range is Features.ValueRange<int> r => r.Contains(n),
        long n when Range is Features.ValueRange<int> r => n >= r.Min && n <= r.Max,
        double d when Range is Features.ValueRange<double> r => double.IsFinite(d) && r.Contains(d),
        decimal d when Range is Features.ValueRange<decimal> r => r.Contains(d),
        DateOnly day when Range is Features.ValueRange<DateOnly> r => r.Contains(day),
        string text when Range is Features.ValueRange<int> { Unit: Features.Ranges.Characters } r => text.Length <= r.Max,
        _ => false,
    };

    /// <inheritdoc />
    public string Code => Range is Features.ValueRange<DateOnly> ? ProblemCodes.DateRange
        : Range is Features.ValueRange<int> { Unit: Features.Ranges.Characters } ? ProblemCodes.LengthMax : ProblemCodes.Range;

    /// <inheritdoc />
    public object?[] Arguments(object? value) => Code == ProblemCodes.LengthMax
        ? [Range.MaxText, (value as string)?.Length ?? 0]
        : [Range.MinText, Range.MaxText, value];
}

/// <summary>
/// A comma-separated list of 9-digit township codes from a query string (<c>431103105,431103101</c>), duplicates removed,
/// at least one. Binding fails with <see cref="ProblemCodes.FormatCodeList"/> naming the parameter otherwise. An empty
/// value (<c>township=</c>) is no list: the parameter is null, as when it is not given.
/// </summary>
/// <param name="Codes">The codes, in the order given.</param>
public sealed record TownshipList(IReadOnlyList<string> Codes) : IQueryValue<TownshipList>
{
    /// <summary>Digits of a township code (GB/T 2260 district code and a 3-digit township number).</summary>
    public const int Digits = 9;

    /// <inheritdoc />
    public static string ProblemCode => ProblemCodes.FormatCodeList;

    /// <inheritdoc />
    public static IReadOnlyList<string> ProblemArgs => [Digits.ToString(CultureInfo.InvariantCulture)];

    /// <inheritdoc />
    public static TownshipList Parse(string s, IFormatProvider? provider)
        => TryParse(s, provider, out var list) && list is not null ? list : throw new FormatException($"'{s}' is not a list of township codes.");

    /// <inheritdoc />
    public static bool TryParse(string? s, IFormatProvider? provider, out TownshipList result)
    {
        result = null!;
        // Binding asks even for an empty value: it stands for no list (the optional parameter stays null).
        if (string.IsNullOrWhiteSpace(s)) return s is not null;
        var codes = s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (codes.Count == 0 || !codes.All(c => c.Length == Digits && c.All(char.IsAsciiDigit))) return false;
        result = new TownshipList(codes);
        return true;
    }

    /// <summary>The OpenAPI schema: a string of comma-separated 9-digit codes.</summary>
    internal static OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.String,
        Pattern = "^[0-9]{9}(,[0-9]{9})*$",
        Description = "Comma-separated 9-digit township codes.",
    };

    /// <inheritdoc />
    public override string ToString() => string.Join(",", Codes);
}

/// <summary>
/// A coordinate system's name in a request body, as <see cref="OutputCrs"/> reads it from a query string (<c>wgs84</c>,
/// <c>cgcs2000</c>, <c>gcj02</c>, <c>bd09</c>, EPSG:4326, EPSG:4490; case-insensitive); fails with
/// <see cref="ProblemCodes.FormatCrs"/> (args: value, known names). Null passes (the default, wgs84).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class KnownCrsAttribute : ValidationAttribute, ICodedValidationAttribute
{
    /// <inheritdoc />
    public override bool IsValid(object? value) => value is null || (value is string name && Geo.Crs.Parse(name) is not null);

    /// <inheritdoc />
    public string Code => ProblemCodes.FormatCrs;

    /// <inheritdoc />
    public object?[] Arguments(object? value) => [value, string.Join(", ", Geo.Crs.Names)];
}
