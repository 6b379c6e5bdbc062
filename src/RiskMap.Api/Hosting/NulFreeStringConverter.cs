using System.Text.Json;
using System.Text.Json.Serialization;

namespace RiskMap.Api.Hosting;

/// <summary>
/// Reads every JSON string of a request body refusing U+0000: PostgreSQL text cannot hold it (the insert or even a
/// lookup fails with SQLSTATE 22021), so a body carrying one is a 400 naming the field (through
/// <see cref="Contract.BindingFailures"/>, code <see cref="Contract.ProblemCodes.FormatTextNul"/>) before anything is
/// read from or written to the database. Writes strings unchanged.
/// </summary>
public sealed class NulFreeStringConverter : JsonConverter<string>
{
    /// <inheritdoc />
    /// <exception cref="NulCharacterException">The string contains U+0000.</exception>
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is not null && text.Contains('\0') ? throw new NulCharacterException() : text;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>A JSON string of a request body holds U+0000 (see <see cref="NulFreeStringConverter"/>).</summary>
public sealed class NulCharacterException() : JsonException("The text contains a NUL character (U+0000), which no text field can hold.");
