using System.Text.Json;
using System.Text.Json.Serialization;

namespace RiskMap.Api.Data;

/// <summary>
/// How state that lives in jsonb columns (import jobs, route plans) is written and read back: the web's camel-case names,
/// enums by name, and the converters of types that need one to be read back
/// (<see cref="Features.Import.ImportErrorJsonConverter"/>).
/// </summary>
public static class StoredJson
{
    /// <summary>The options; shared and read-only.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new Features.Import.ImportErrorJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
