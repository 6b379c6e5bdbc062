using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>
/// A query parameter given with an empty value (<c>sector=</c>: the page sends an empty list that way) is answered as if
/// it were not given, or with a 400 naming that parameter — never as an unreadable request body. Every GET operation of
/// the API definition without path parameters is asked with all its query parameters empty.
/// </summary>
public sealed class EmptyQueryValuesTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    [Fact]
    public async Task Every_query_parameter_given_empty_is_read_as_not_given_or_named()
    {
        using var anonymous = app.CreateClient();
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/swagger/v1/swagger.json"))!.AsObject();
        using var admin = await app.ClientForAsync("admin");
        var problems = new List<string>();
        var asked = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            if (path.Contains('{') || item!["get"] is not JsonObject operation) continue;
            var names = (operation["parameters"]?.AsArray() ?? []).Where(p => p!["in"]!.GetValue<string>() == "query")
                .Select(p => p!["name"]!.GetValue<string>()).ToList();
            if (names.Count == 0) continue;
            asked++;
            using var response = await admin.GetAsync($"{path}?{string.Join('&', names.Select(n => n + "="))}");
            if ((int)response.StatusCode >= 500) problems.Add($"GET {path}: {(int)response.StatusCode}");
            if (response.StatusCode != HttpStatusCode.BadRequest) continue;
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var fields = problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(f => f.Name).ToList() : [];
            var unnamed = fields.Where(f => !names.Contains(f)).ToList();
            if (fields.Count == 0 || unnamed.Count > 0) problems.Add($"GET {path}: 400 naming {string.Join(", ", unnamed.DefaultIfEmpty("nothing"))}: {problem}");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(asked >= 10, $"only {asked} operations asked");
    }
}
