using System.Text.Json.Nodes;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>
/// The OpenAPI document (<c>/swagger/v1/swagger.json</c>) is the API's contract, generated from the code. These tests
/// walk every operation of it, so that an endpoint added without a description, an undocumented parameter, a number
/// typed as a string or a success answer without a schema fails here rather than in a caller's hands.
/// </summary>
public sealed class OpenApiContractTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    /// <summary>
    /// Query and path parameters whose values are numbers or booleans wherever they appear; the document must type them
    /// so (integer, number or boolean), never as strings.
    /// </summary>
    private static readonly HashSet<string> NumericOrBoolean = new(StringComparer.Ordinal)
    {
        "id", "page", "pageSize", "limit", "offset", "zoom", "z", "x", "y", "team", "dpi",
        "notInspectedForDays", "open", "overdue", "supervised", "aboveScale", "dryRun", "acceptOutside", "unread",
    };

    /// <summary>
    /// Whether parameter <paramref name="parameter"/> of <paramref name="operation"/> ("GET /path") must be typed as a number
    /// or boolean: those of <see cref="NumericOrBoolean"/>, except a route plan's id, which is 32 hex digits by design.
    /// </summary>
    private static bool IsNumericOrBoolean(string operation, string parameter)
        => NumericOrBoolean.Contains(parameter) && !(parameter == "id" && operation.Split(' ')[1].StartsWith("/api/v1/routes/plans/{id}", StringComparison.Ordinal));

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private async Task<JsonObject> DocumentAsync()
    {
        using var client = app.CreateClient();
        var text = await client.GetStringAsync("/swagger/v1/swagger.json");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static IEnumerable<(string Name, JsonObject Operation)> Operations(JsonObject document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var method in Methods)
            {
                if (item![method] is JsonObject operation) yield return ($"{method.ToUpperInvariant()} {path}", operation);
            }
        }
    }

    [Fact]
    public async Task Every_operation_has_a_summary_and_a_description_of_its_own()
    {
        var document = await DocumentAsync();
        var problems = new List<string>();
        foreach (var (name, operation) in Operations(document))
        {
            var summary = operation["summary"]?.GetValue<string>();
            var description = operation["description"]?.GetValue<string>();
            if (string.IsNullOrWhiteSpace(summary)) problems.Add($"{name}: no summary");
            if (string.IsNullOrWhiteSpace(description)) problems.Add($"{name}: no description");
            else if (description.StartsWith("Handles ", StringComparison.Ordinal) || description == summary)
                problems.Add($"{name}: the description only repeats the handler or the summary");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(Operations(document).Count() >= 40, "the document lists the API's operations");
    }

    [Fact]
    public async Task Every_parameter_is_described_and_numbers_and_booleans_are_typed_as_such()
    {
        var document = await DocumentAsync();
        var problems = new List<string>();
        var parameters = 0;
        foreach (var (name, operation) in Operations(document))
        {
            foreach (var node in operation["parameters"]?.AsArray() ?? [])
            {
                var parameter = node!.AsObject();
                var p = parameter["name"]!.GetValue<string>();
                parameters++;
                if (string.IsNullOrWhiteSpace(parameter["description"]?.GetValue<string>()))
                    problems.Add($"{name} parameter '{p}': no description");
                var type = SchemaType(parameter["schema"]);
                if (IsNumericOrBoolean(name, p) && type is not ("integer" or "number" or "boolean"))
                    problems.Add($"{name} parameter '{p}': typed '{type ?? "(none)"}', expected integer, number or boolean");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(parameters >= 80, $"only {parameters} parameters in the document");
    }

    [Fact]
    public async Task Every_success_answer_with_a_body_has_a_schema()
    {
        var document = await DocumentAsync();
        var problems = new List<string>();
        foreach (var (name, operation) in Operations(document))
        {
            var responses = operation["responses"]!.AsObject();
            var successes = responses.Where(r => r.Key.StartsWith('2')).ToList();
            if (successes.Count == 0) problems.Add($"{name}: no success answer documented");
            foreach (var (status, response) in successes)
            {
                // 204 No Content and 202 Accepted with a Location only have no body by definition.
                if (status == "204") continue;
                var content = response!["content"]?.AsObject();
                if (content is null || content.Count == 0)
                {
                    problems.Add($"{name} {status}: no content described");
                    continue;
                }
                foreach (var (mediaType, media) in content)
                {
                    if (media?["schema"] is null) problems.Add($"{name} {status} {mediaType}: no schema");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The JSON type of a schema (OpenAPI 3.0 <c>type</c> string, 3.1 type array without null, or a $ref's target kind).</summary>
    private static string? SchemaType(JsonNode? schema)
    {
        if (schema is null) return null;
        return schema["type"] switch
        {
            JsonValue value => value.GetValue<string>(),
            JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
            _ => schema["$ref"] is not null ? "object" : null,
        };
    }
}
