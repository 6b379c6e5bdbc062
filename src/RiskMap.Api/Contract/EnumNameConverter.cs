using System.Text.Json;
using System.Text.Json.Serialization;

namespace RiskMap.Api.Contract;

/// <summary>
/// Reads and writes enums in JSON bodies by name only: one declared name (any letter case, as JSON member names match),
/// never a number, a numeric string or a comma-separated list of names (which <see cref="JsonStringEnumConverter"/> takes as
/// flags and combines into another value: "Interview, Case" would become Fine). Anything else throws a
/// <see cref="JsonException"/>, which <see cref="BindingFailures"/> answers as a 400 naming the field with
/// <see cref="ProblemCodes.JsonExpectOneOf"/>. Writes the declared name.
/// </summary>
public sealed class EnumNameConverter : JsonConverterFactory
{
    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    /// <inheritdoc />
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
        => (JsonConverter)Activator.CreateInstance(typeof(NameConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class NameConverter<T> : JsonConverter<T> where T : struct, Enum
    {
        private static readonly Dictionary<string, T> ByName =
            Enum.GetValues<T>().ToDictionary(v => v.ToString(), v => v, StringComparer.OrdinalIgnoreCase);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && reader.GetString() is { } name && ByName.TryGetValue(name, out var value))
                return value;
            throw new JsonException($"Expected one of: {string.Join(", ", ByName.Keys)}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => ByName.TryGetValue(reader.GetString() ?? "", out var value) ? value : throw new JsonException($"Expected one of: {string.Join(", ", ByName.Keys)}.");

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(value.ToString());
    }
}
