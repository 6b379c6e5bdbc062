using System.Globalization;

namespace RiskMap.Api.Features.Roads;

/// <summary>
/// Road classes and their default speeds in km/h, the district settings a road import starts from. Chinese
/// administrative classes (行政等级, JTG B01-2014 and the national road numbering: 国道 G, 省道 S, 县道 X, 乡道 Y, 村道 C,
/// 专用公路 Z) and OpenStreetMap <c>highway</c> values. The defaults are typical travel speeds of an inspection car on
/// such roads in a hilly county (below the design speeds: 国道 60, 省道 50, 县道 40, 乡道 30, 村道 20), documented in the
/// README; an import may set others per class (mapping <c>speed.&lt;class&gt;</c>) and a line's own speed column wins.
/// </summary>
public static class RoadClasses
{
    /// <summary>Walking speed in km/h for the distance between a stop and its nearest road point (the snap).</summary>
    public const double WalkingSpeedKmh = 5;

    /// <summary>The default speeds: class name (case-insensitive) → km/h.</summary>
    public static IReadOnlyDictionary<string, double> Defaults { get; } = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
    {
        ["高速公路"] = 90, ["国道"] = 60, ["省道"] = 50, ["县道"] = 40, ["乡道"] = 30, ["村道"] = 20, ["专用公路"] = 30, ["城市道路"] = 30,
        ["motorway"] = 90, ["motorway_link"] = 50, ["trunk"] = 70, ["trunk_link"] = 40, ["primary"] = 60, ["primary_link"] = 40,
        ["secondary"] = 50, ["secondary_link"] = 35, ["tertiary"] = 40, ["tertiary_link"] = 30, ["unclassified"] = 30,
        ["residential"] = 25, ["living_street"] = 10, ["service"] = 15, ["road"] = 30, ["track"] = 10,
    };

    /// <summary>Route-number prefixes of the national numbering (G105, S231, X012…) and the class they denote.</summary>
    private static readonly IReadOnlyDictionary<char, string> Prefixes = new Dictionary<char, string>
    {
        ['G'] = "国道", ['S'] = "省道", ['X'] = "县道", ['Y'] = "乡道", ['C'] = "村道", ['Z'] = "专用公路",
    };

    /// <summary>
    /// The class a file's value names: the value itself when it is a known class (any case), the class of a route number
    /// (G105 → 国道, X012 → 县道), else the trimmed value (a class the district must give a speed for).
    /// </summary>
    /// <returns>Null for an empty value.</returns>
    public static string? Normalise(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim();
        if (Defaults.ContainsKey(v)) return Defaults.Keys.First(k => string.Equals(k, v, StringComparison.OrdinalIgnoreCase));
        if (v.Length >= 2 && Prefixes.TryGetValue(char.ToUpperInvariant(v[0]), out var cls) && v[1..].All(char.IsAsciiDigit)) return cls;
        return v;
    }

    /// <summary>
    /// A speed value in km/h from a file: a positive number (OSM's <c>maxspeed</c> may carry " km/h" or "mph"); null when
    /// absent, not a number or not in 1 … 200.
    /// </summary>
    public static double? ParseSpeed(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim().ToLowerInvariant();
        var factor = 1.0;
        if (v.EndsWith("mph", StringComparison.Ordinal)) { factor = 1.609344; v = v[..^3]; }
        else if (v.EndsWith("km/h", StringComparison.Ordinal)) v = v[..^4];
        else if (v.EndsWith("kmh", StringComparison.Ordinal)) v = v[..^3];
        return double.TryParse(v.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n * factor is >= 1 and <= 200
            ? n * factor : null;
    }

    /// <summary>
    /// A one-way value: <c>yes</c>/<c>true</c>/<c>1</c>/<c>FT</c>/<c>是</c>/<c>单向</c> = the line's direction only, <c>-1</c>/<c>TF</c>/<c>reverse</c> =
    /// against it, <c>no</c>/<c>false</c>/<c>0</c>/<c>B</c>/<c>否</c>/<c>双向</c>/empty = both ways; null for anything else.
    /// </summary>
    public static OneWay? ParseOneWay(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return OneWay.Both;
        return value.Trim().ToLowerInvariant() switch
        {
            "yes" or "true" or "1" or "ft" or "f" or "是" or "单向" => OneWay.Forward,
            "-1" or "tf" or "t" or "reverse" => OneWay.Backward,
            "no" or "false" or "0" or "b" or "否" or "双向" => OneWay.Both,
            _ => null,
        };
    }
}

/// <summary>Which ways a road line may be driven.</summary>
public enum OneWay
{
    /// <summary>Both directions.</summary>
    Both,

    /// <summary>Only from the line's first point towards its last.</summary>
    Forward,

    /// <summary>Only from the line's last point towards its first.</summary>
    Backward,
}
