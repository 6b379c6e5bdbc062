using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RiskMap.Api.Features;
using RiskMap.TestSupport;

namespace RiskMap.IntegrationTests;

/// <summary>
/// A fuzz test generated from the API definition (<c>/swagger/v1/swagger.json</c>): every query and route parameter of
/// every operation under <c>/api/v1</c> and <c>/ogc</c>, every field of every JSON body and the file name of every
/// multipart upload gets boundary and hostile values, one at a time with the others valid, from a township chief and
/// from an admin; no answer may be a 5xx. Each gets a fixed core of values, the boundaries its documented range gives
/// (minimum − 1, maximum + 1, one character too many), and a few more drawn with a fixed seed from a larger list, so a run
/// is repeatable and bounded (about six thousand requests). Its own database: the requests write records, users and
/// tokens that other classes must not see.
/// </summary>
public sealed class HostileInputTests(HostileInputTests.FuzzApp app) : IClassFixture<HostileInputTests.FuzzApp>
{
    /// <summary>
    /// The demo district in a database of its own, uploads in a temporary folder, and as many concurrent solves as the
    /// fuzz sends plans at once (so that a 503 "planner busy" is not mistaken for a fault).
    /// </summary>
    public sealed class FuzzApp : DemoApp
    {
        /// <summary>Where uploads go during the run.</summary>
        public string Uploads { get; } = Directory.CreateTempSubdirectory("riskmap-fuzz-uploads-").FullName;

        /// <inheritdoc />
        protected override IEnumerable<(string Key, string Value)> Settings =>
        [
            ("RiskMap:Import:UploadDirectory", Uploads),
            ("RiskMap:Routing:ConcurrentSolves", Parallelism.ToString(CultureInfo.InvariantCulture)),
        ];
    }

    private const string Chief = "chief-431103105";
    private const string ChiefTownship = "431103105";
    private const int Seed = 20201001;
    private const int Parallelism = 4;
    private const int SampledPerTarget = 4;

    /// <summary>Operations the fuzz does not send, and why; every other operation of the definition is fuzzed.</summary>
    private static readonly Dictionary<string, string> NotFuzzed = new()
    {
        ["POST /api/v1/auth/logout"] = "ends the session the fuzz runs in; takes no parameters or body",
    };

    /// <summary>Query and route values every parameter gets: empty, long, beyond every integer, tiny, NaN, impossible instants, NUL, injection, unicode.</summary>
    private static readonly string[] CoreTexts =
    [
        "", new string('x', 20_000), "-1", "9223372036854775808", "1e-300", "NaN", "9999-12-31T23:59:59Z", "../9999-12-31T23:59:59Z",
        "a\0b", "' OR '1'='1", "名字😀\u202e",
    ];

    /// <summary>More query and route values, of which each parameter gets a seeded sample.</summary>
    private static readonly string[] MoreTexts =
    [
        " ", new string('9', 3000), "0", "-0", "1.5", "0x10", "1e3", "2147483648", "-2147483649", "-9223372036854775809",
        "99999999999999999999999999999999", "1e308", "-1e308", "1e400", "Infinity", "-Infinity",
        "0001-01-01", "9999-12-31", "1949-09-30", "2101-01-01", "2020-02-30", "2020-13-01", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-14:00", "2020-06-30T25:00:00Z", "9999-12-31/..", "0001-01-01/9999-12-31", "/", "..", "../..",
        "-180,-90,180,90", "180,90,-180,-90", "1e-300,1e-300,1e-300,1e-300", "NaN,NaN,NaN,NaN", "-1e308,-1e308,1e308,1e308", ",,,", "a,b,c,d",
        "1; DROP TABLE hazards; --", "$$; SELECT pg_sleep(0) --", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
        "\0", "\u0001\u001f", "\r\n", "\uFEFF", "\ud800", "%", "%00", "%ZZ", "\\", "{}", "[]", "null", "true", "false",
        "gas,gas,gas,fireworks,unknown", "431103105,431103001,999999999", "Major,General,Major", "wgs84,gcj02", "EPSG:99999999999",
    ];

    /// <summary>Raw JSON values every body field gets: NUL, long, beyond every integer and double, tiny, impossible days, wrong types.</summary>
    private static readonly string[] CoreJson =
    [
        "\"a\\u0000b\"", JsonSerializer.Serialize(new string('x', 20_000)), "9223372036854775808", "1e400", "1e-300", "-1",
        "\"9999-12-31\"", "\"0001-01-01\"", "null", "[]", "{}", "true",
    ];

    /// <summary>More raw JSON values, of which each field gets a seeded sample.</summary>
    private static readonly string[] MoreJson =
    [
        "\"\"", "\" \"", "0", "-0", "1.5", "1e3", "2147483648", "-2147483649", "4294967296", "-9223372036854775809", "-1e400", "-1e-300", "1e308",
        "\"NaN\"", "\"Infinity\"", "\"1\"", "\"2020-02-30\"", "\"1949-09-30\"", "\"2101-01-01\"", "\"9999-12-31T23:59:59Z\"", "\"' OR '1'='1\"",
        "\"<script>alert(1)</script>\"", "\"\\u0000\"", "\"\\ud800\"", "\"名字😀\\u202e\"", "\"EPSG:99999999999\"", "false", "[null]", "[1e400]",
        "{\"x\":1}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    ];

    /// <summary>Whole bodies that are not the object an operation expects.</summary>
    private static readonly string[] HostileBodies = ["", "null", "[]", "1e400", "\"text\"", "{", "{\"a\":", "{\"\\u0000\":1}"];

    /// <summary>One request of the fuzz: what it tries, and how to build it (a request message is sent once).</summary>
    private sealed record Probe(string Operation, string Target, string Value, Func<HttpRequestMessage> Build);

    [Fact]
    public async Task No_parameter_or_body_field_answers_5xx_to_boundary_or_hostile_values()
    {
        using var anonymous = app.CreateClient();
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/swagger/v1/swagger.json"))!.AsObject();
        using var admin = await app.ClientForAsync("admin");
        using var chief = await app.ClientForAsync(Chief);
        var valid = await ValidValuesAsync(admin, chief);

        var random = new Random(Seed);
        var probes = new List<Probe>();
        var fuzzed = new List<string>();
        foreach (var (operation, path, node) in Operations(document))
        {
            if (NotFuzzed.ContainsKey(operation)) continue;
            fuzzed.Add(operation);
            probes.AddRange(ProbesOf(operation, path, node, document, valid, random));
        }
        Assert.InRange(probes.Count, 1000, 7000); // the bound: a new operation adds its share, a runaway generator fails here

        var failures = new ConcurrentBag<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        foreach (var (user, client) in new[] { (Chief, chief), ("admin", admin) })
        {
            await Parallel.ForEachAsync(probes, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = timeout.Token },
                async (probe, cancellationToken) =>
                {
                    using var request = probe.Build();
                    try
                    {
                        using var response = await client.SendAsync(request, cancellationToken);
                        if ((int)response.StatusCode >= 500)
                        {
                            var body = await response.Content.ReadAsStringAsync(cancellationToken);
                            failures.Add($"{user} {probe.Operation} {probe.Target} = {Show(probe.Value)}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException)
                    {
                        failures.Add($"{user} {probe.Operation} {probe.Target} = {Show(probe.Value)}: no answer ({e.GetType().Name}: {e.Message})");
                    }
                });
        }

        Assert.True(failures.IsEmpty,
            $"{failures.Count} of {2 * probes.Count} requests answered 5xx:\n{string.Join("\n", failures.Order(StringComparer.Ordinal))}");
        // The definition is the list of operations: the ones named here must be in it, so that a broken document cannot pass by fuzzing nothing.
        Assert.Contains("GET /ogc/collections/{collectionId}/items", fuzzed);
        Assert.Contains("POST /api/v1/routes/plan", fuzzed);
        Assert.Contains("POST /api/v1/inspections", fuzzed);
        Assert.Contains("POST /api/v1/imports/uploads", fuzzed);
        Assert.Empty(NotFuzzed.Keys.Except(Operations(document).Select(o => o.Operation)));
    }

    [Fact]
    public async Task Every_JSON_body_that_repeats_a_key_is_a_400_naming_the_key()
    {
        var (tried, failures) = await SendJsonBodiesAsync((operation, schema, document, valid) =>
        {
            var body = ValidBody(operation, schema, document, valid, "")!.AsObject();
            var key = body.First().Key;
            // {"key":<value>,"key":<value>,...}: the first property written twice.
            var json = "{" + JsonSerializer.Serialize(key) + ":" + body[key]!.ToJsonString() + "," + body.ToJsonString()[1..];
            return [(json, (status, answer) => status == HttpStatusCode.BadRequest
                && answer?["errors"]?[key]?[0]?.GetValue<string>() == $"'{key}' is given more than once; send each field once.")];
        });
        Assert.True(tried >= 10, $"only {tried} JSON bodies in the definition");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_JSON_object_body_sent_as_another_JSON_value_is_a_400_saying_the_body_must_be_an_object()
    {
        var (tried, failures) = await SendJsonBodiesAsync((_, schema, _, _) => (string?)schema["type"] != "object" ? [] :
            new[] { "[1,2]", "[]", "7", "\"text\"", "true" }.Select(json => (json, (Func<HttpStatusCode, JsonNode?, bool>)((status, answer) =>
                status == HttpStatusCode.BadRequest && answer?["errorCodes"]?["body"]?[0]?["code"]?.GetValue<string>() == "json.expect.object"))));
        Assert.True(tried >= 50, $"only {tried} object bodies tried");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>
    /// Sends as admin, to every operation of the definition with a JSON body (but <see cref="NotFuzzed"/>), each body that
    /// <paramref name="bodiesOf"/> makes from the operation, its resolved body schema, the definition and the valid
    /// values, and checks each answer (status, parsed body or null) with that body's own check. Returns how many were
    /// sent and the failures (operation, body, status, answer).
    /// </summary>
    private async Task<(int Tried, List<string> Failures)> SendJsonBodiesAsync(
        Func<string, JsonObject, JsonObject, Dictionary<string, string>, IEnumerable<(string Json, Func<HttpStatusCode, JsonNode?, bool> Accepted)>> bodiesOf)
    {
        using var anonymous = app.CreateClient();
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/swagger/v1/swagger.json"))!.AsObject();
        using var admin = await app.ClientForAsync("admin");
        var valid = await ValidValuesAsync(admin, admin);
        var failures = new List<string>();
        var tried = 0;
        foreach (var (operation, path, node) in Operations(document))
        {
            if (NotFuzzed.ContainsKey(operation) || node["requestBody"]?["content"]?["application/json"]?["schema"] is not { } schema) continue;
            foreach (var (json, accepted) in bodiesOf(operation, Resolve(schema, document), document, valid))
            {
                using var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(operation[..operation.IndexOf(' ')]), Url(path, valid, null, null))
                {
                    Content = new StringContent(json, Encoding.UTF8, "application/json"),
                });
                tried++;
                var text = await response.Content.ReadAsStringAsync();
                JsonNode? answer;
                try { answer = JsonNode.Parse(text); }
                catch (JsonException) { answer = null; }
                if (!accepted(response.StatusCode, answer)) failures.Add($"{operation} {json}: {(int)response.StatusCode} {text}");
            }
        }
        return (tried, failures);
    }

    [Fact]
    public async Task Every_enum_parameter_and_field_refuses_a_value_it_does_not_name_with_a_400_naming_it()
    {
        // The framework binds a query enum from its name in its own case or from any number: a number that names no
        // value, a name in the wrong case and a list of names (bound as combined flags) must each be a 400 naming the
        // parameter. A JSON body names enum values by one name only: any number, a list, and a name that is none, is a 400
        // naming the field.
        using var anonymous = app.CreateClient();
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/swagger/v1/swagger.json"))!.AsObject();
        using var admin = await app.ClientForAsync("admin");
        var valid = await ValidValuesAsync(admin, admin);
        var failures = new List<string>();
        var tried = new List<string>();

        async Task ExpectAsync(string operation, string url, string? json, string field, string value, params string[] codes)
        {
            using var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(operation[..operation.IndexOf(' ')]), url)
            {
                Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"),
            });
            tried.Add($"{operation} {field}={value}");
            var text = await response.Content.ReadAsStringAsync();
            var code = response.StatusCode == HttpStatusCode.BadRequest ? (string?)JsonNode.Parse(text)?["errorCodes"]?[field]?[0]?["code"] : null;
            if (code is null || !codes.Contains(code)) failures.Add($"{operation} {field}={value}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
        }

        foreach (var (operation, path, node) in Operations(document))
        {
            if (NotFuzzed.ContainsKey(operation)) continue;
            var bodySchema = node["requestBody"]?["content"]?["application/json"]?["schema"] is { } schema ? Resolve(schema, document) : null;
            var baseBody = bodySchema is null ? null : ValidBody(operation, bodySchema, document, valid, "");
            foreach (var parameter in node["parameters"]?.AsArray().Select(p => p!.AsObject()) ?? [])
            {
                if ((string?)parameter["in"] != "query" || parameter["schema"] is not { } parameterSchema
                    || Resolve(parameterSchema, document)["enum"] is not JsonArray names || names.Count == 0) continue;
                var name = (string)parameter["name"]!;
                var first = (string)names[0]!;
                var otherCase = first == first.ToUpperInvariant() ? first.ToLowerInvariant() : first.ToUpperInvariant();
                var list = names.Count > 1 ? $"{first},{(string)names[1]!}" : $"{first},{first}";
                foreach (var value in new[] { "999", "1", otherCase, list })
                    await ExpectAsync(operation, Url(path, valid, name, value), baseBody?.ToJsonString(), name, value, ProblemCodeOneOf);
            }
            if (baseBody is null) continue;
            foreach (var (field, fieldSchema) in Fields(bodySchema!, document, baseBody, ""))
            {
                if (fieldSchema["enum"] is not JsonArray { Count: > 0 }) continue;
                await ExpectAsync(operation, Url(path, valid, null, null), Replace(baseBody, field, "999"), field, "999", JsonCodeOneOf);
                await ExpectAsync(operation, Url(path, valid, null, null), Replace(baseBody, field, "1"), field, "1", JsonCodeOneOf);
                var names = fieldSchema["enum"]!.AsArray().Select(n => (string)n!).ToList();
                var list = JsonSerializer.Serialize(string.Join(", ", names.Take(2)));
                if (names.Count > 1) await ExpectAsync(operation, Url(path, valid, null, null), Replace(baseBody, field, list), field, list, JsonCodeOneOf);
                await ExpectAsync(operation, Url(path, valid, null, null), Replace(baseBody, field, "\"NoSuchValue\""), field, "NoSuchValue", JsonCodeOneOf);
            }
        }
        Assert.True(tried.Count >= 8, $"only {tried.Count} enum values tried: {string.Join("; ", tried)}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private const string ProblemCodeOneOf = "format.one-of";
    private const string JsonCodeOneOf = "json.expect.one-of";

    [Fact]
    public async Task The_api_definition_documents_every_range_the_checks_use()
    {
        using var client = app.CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"))!.AsObject();
        var descriptions = Operations(document)
            .SelectMany(o => (o.Node["parameters"]?.AsArray() ?? []).Select(p => ((string)p!["name"]!, (string?)p["description"])))
            .Concat(document["components"]!["schemas"]!.AsObject()
                .SelectMany(s => (s.Value!["properties"]?.AsObject() ?? []).Select(p => (p.Key, (string?)p.Value!["description"]))))
            .ToList();
        foreach (var (key, range) in Ranges.ByName)
        {
            var name = key.Split('.')[^1];
            Assert.True(descriptions.Any(d => d.Item1 == name && d.Item2?.Contains(range.Describe(), StringComparison.Ordinal) == true),
                $"{key}: no parameter or field named {name} documents {range.Describe()}");
        }
        // Ranges declared on query records ([InRange] on an [AsParameters] member): every one, on every endpoint.
        var declared = 0;
        var endpoints = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>(app.Services).Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<System.Reflection.MethodInfo>() is not { } method
                || endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods is not [var verb]) continue;
            var path = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            foreach (var record in method.GetParameters().Where(p => p.IsDefined(typeof(Microsoft.AspNetCore.Http.AsParametersAttribute), false)))
            foreach (var member in record.ParameterType.GetConstructors().SelectMany(c => c.GetParameters()))
            {
                if (System.Reflection.CustomAttributeExtensions.GetCustomAttribute<RiskMap.Api.Contract.InRangeAttribute>(member) is not { } attribute) continue;
                declared++;
                var name = RiskMap.Api.Contract.RequestValidation.QueryName(record.ParameterType.GetProperty(member.Name!)!);
                var parameter = document["paths"]![path]![verb.ToLowerInvariant()]!["parameters"]!.AsArray()
                    .SingleOrDefault(p => (string)p!["name"]! == name);
                Assert.True(parameter?["description"]?.GetValue<string>().Contains(attribute.Range.Describe(), StringComparison.Ordinal) == true,
                    $"{verb} {path}: parameter {name} does not document {attribute.Range.Describe()}");
            }
        }
        Assert.True(declared >= 10, $"only {declared} ranges declared on query records");
        var limit = document["paths"]!["/ogc/collections/{collectionId}/items"]!["get"]!["parameters"]!.AsArray().Single(p => (string)p!["name"]! == "limit")!;
        Assert.Equal("integer", (string?)limit["schema"]!["type"]);
        Assert.Equal(1, (int)limit["schema"]!["minimum"]!);
        Assert.Equal(10_000, (int)limit["schema"]!["maximum"]!);
    }

    private static IEnumerable<(string Operation, string Path, JsonObject Node)> Operations(JsonObject document)
        => document["paths"]!.AsObject()
            .Where(p => p.Key.StartsWith("/api/v1/", StringComparison.Ordinal) || p.Key == "/ogc" || p.Key.StartsWith("/ogc/", StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Select(m => ($"{m.Key.ToUpperInvariant()} {p.Key}", p.Key, m.Value!.AsObject())));

    /// <summary>The requests for one operation: each route and query parameter, each body field, whole bodies, upload file names.</summary>
    private static IEnumerable<Probe> ProbesOf(string operation, string path, JsonObject node, JsonObject document,
        Dictionary<string, string> valid, Random random)
    {
        var method = new HttpMethod(operation[..operation.IndexOf(' ')]);
        var parameters = node["parameters"]?.AsArray().Select(p => p!.AsObject()).ToList() ?? [];
        var content = node["requestBody"]?["content"]?.AsObject();
        var bodySchema = content?["application/json"]?["schema"] is { } schema ? Resolve(schema, document) : null;
        var baseBody = bodySchema is null ? null : ValidBody(operation, bodySchema, document, valid, "");
        var baseJson = baseBody?.ToJsonString();
        var multipart = content?.ContainsKey("multipart/form-data") ?? false;

        HttpRequestMessage Request(string url, string? json) => new(method, url)
        {
            Content = json is not null ? new StringContent(json, Encoding.UTF8, "application/json") : multipart ? Upload("fuzz.csv") : null,
        };

        foreach (var parameter in parameters)
        {
            var name = (string)parameter["name"]!;
            var inPath = (string?)parameter["in"] == "path";
            var values = CoreTexts.Concat(Boundaries(parameter["schema"]?.AsObject(), json: false)).Concat(Sample(random, MoreTexts))
                // A NUL in the path is refused by Kestrel (400) before any endpoint runs; the in-memory host cannot even send it.
                .Where(v => !inPath || !v.Contains('\0'));
            foreach (var value in values)
                yield return new Probe(operation, name, value, () => Request(Url(path, valid, name, value), baseJson));
        }
        if (baseBody is not null)
        {
            foreach (var (field, fieldSchema) in Fields(bodySchema!, document, baseBody, ""))
            {
                foreach (var raw in CoreJson.Concat(Boundaries(fieldSchema, json: true)).Concat(Sample(random, MoreJson)))
                    yield return new Probe(operation, field, raw, () => Request(Url(path, valid, null, null), Replace(baseBody, field, raw)));
            }
            foreach (var raw in HostileBodies)
                yield return new Probe(operation, "(body)", raw, () => Request(Url(path, valid, null, null), raw));
        }
        if (multipart)
        {
            foreach (var name in CoreTexts.Concat(Sample(random, MoreTexts)).Append(new string('名', 300) + ".csv").Append(".").Append(".."))
                yield return new Probe(operation, "file (name)", name, () => new HttpRequestMessage(method, Url(path, valid, null, null)) { Content = Upload(name) });
        }
    }

    /// <summary>
    /// The boundary values the definition gives a parameter or field: one past each end of a documented minimum and
    /// maximum, and one character more than a documented maximum length.
    /// </summary>
    private static IEnumerable<string> Boundaries(JsonObject? schema, bool json)
    {
        if (schema is null) yield break;
        foreach (var (keyword, step) in new[] { ("minimum", -1m), ("maximum", 1m) })
        {
            if (schema[keyword] is { } bound && decimal.TryParse(bound.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                yield return (value + step).ToString(CultureInfo.InvariantCulture);
        }
        if (schema["maxLength"] is { } length)
        {
            var text = new string('长', (int)length + 1);
            yield return json ? JsonSerializer.Serialize(text) : text;
        }
    }

    private static IEnumerable<T> Sample<T>(Random random, IReadOnlyList<T> pool)
        => Enumerable.Range(0, SampledPerTarget).Select(_ => pool[random.Next(pool.Count)]);

    /// <summary>The URL of an operation with valid route values, one of which (or one query parameter) set to <paramref name="value"/>.</summary>
    private static string Url(string path, Dictionary<string, string> valid, string? target, string? value)
    {
        var url = path;
        var routeValues = System.Text.RegularExpressions.Regex.Matches(path, @"\{(\w+)\}").Select(m => m.Groups[1].Value).ToList();
        foreach (var name in routeValues)
            url = url.Replace("{" + name + "}", Escape(name == target ? value! : valid[RouteKey(path, name)]), StringComparison.Ordinal);
        return target is null || routeValues.Contains(target) ? url : $"{url}?{Escape(target)}={Escape(value!)}";
    }

    /// <summary>Values that get every operation past its own checks, so that the one hostile value is what is judged.</summary>
    private async Task<Dictionary<string, string>> ValidValuesAsync(HttpClient admin, HttpClient reader)
    {
        var enterprise = Convert.ToString(await app.ScalarAsync($"SELECT min(id) FROM enterprises WHERE township_code = '{ChiefTownship}'"),
            CultureInfo.InvariantCulture)!;
        var hazard = Convert.ToString(await app.ScalarAsync($"""
            SELECT min(h.id) FROM hazards h JOIN enterprises e ON e.id = h.enterprise_id
            WHERE e.township_code = '{ChiefTownship}' AND h.status = 'Open'
            """), CultureInfo.InvariantCulture)!;
        var attachment = Convert.ToString(await app.ScalarAsync("SELECT min(id) FROM attachments"), CultureInfo.InvariantCulture)!;
        var upload = await admin.PostAsync("/api/v1/imports/uploads", Upload("企业.csv"));
        upload.EnsureSuccessStatusCode();
        var uploadId = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        // A plan the reader may read (one stop in the chief's township), for the plan and export routes.
        var plan = await reader.PostAsJsonAsync("/api/v1/routes/plan", new
        {
            start = new { longitude = 111.6, latitude = 26.4 },
            stops = new[] { new { enterpriseId = long.Parse(enterprise, CultureInfo.InvariantCulture), team = 1 } },
            keepOrder = true, asOf = "2020-09-30",
        });
        plan.EnsureSuccessStatusCode();
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["enterprise"] = enterprise,
            ["/api/v1/auth/tokens/{id}"] = "999999",
            ["/api/v1/hazards/{id}"] = hazard,
            ["/api/v1/hazards/{id}/status"] = hazard,
            ["/api/v1/hazards/{id}/deadline"] = hazard,
            ["/api/v1/enterprises/{id}"] = enterprise,
            ["/api/v1/error-reports/{id}/decision"] = "999999",
            ["/api/v1/hazards/{id}/attachments"] = hazard,
            ["/api/v1/attachments/{id}"] = attachment,
            ["/api/v1/attachments/{id}/thumbnail"] = attachment,
            ["/api/v1/hazards/{id}/plan"] = hazard,
            ["/api/v1/hazards/{id}/supervision"] = hazard,
            ["/api/v1/hazards/{id}/extension-requests"] = hazard,
            ["/api/v1/hazards/{id}/extension-requests/{requestId}/decision"] = hazard,
            ["/api/v1/hazards/{id}/acceptance"] = hazard,
            ["requestId"] = "1",
            ["uploadId"] = uploadId,
            ["jobId"] = new string('0', 32),
            ["/api/v1/routes/plans/{id}"] = (await plan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!,
            ["userName"] = "inspector-2",
            ["collectionId"] = "hazards",
            ["featureId"] = hazard,
            ["code"] = ChiefTownship,
            ["z"] = "13", ["x"] = "6730", ["y"] = "3460",
            ["team"] = "1",
            ["kind"] = "enterprises",
        };
    }

    /// <summary>The key of a route value in the valid values: the parameter name, or for ids the route it belongs to.</summary>
    private static string RouteKey(string path, string name)
        => name != "id" ? name : path.StartsWith("/api/v1/routes/plans/{id}", StringComparison.Ordinal) ? "/api/v1/routes/plans/{id}" : path;

    /// <summary>
    /// A valid-looking body for <paramref name="schema"/> of <paramref name="operation"/>: known field names get values
    /// that pass the checks, others a value of their type.
    /// </summary>
    private static JsonNode? ValidBody(string operation, JsonObject schema, JsonObject document, Dictionary<string, string> valid, string name)
    {
        if (TryValidField(operation, name, valid, out var known)) return known;
        if (schema["properties"] is JsonObject properties)
        {
            var body = new JsonObject();
            foreach (var (property, propertySchema) in properties)
                body[property] = ValidBody(operation, Resolve(propertySchema!, document), document, valid, property);
            return body;
        }
        return (string?)schema["type"] switch
        {
            "array" => new JsonArray(ValidBody(operation, Resolve(schema["items"]!, document), document, valid, "")),
            "object" => new JsonObject(),
            "integer" => 1,
            "number" => 1.5,
            "boolean" => false,
            "string" => (string?)schema["format"] == "date" ? "2020-06-01" : "检查",
            _ => null,
        };
    }

    /// <summary>
    /// The value a field of that name takes in a request that passes (JSON null for <c>department</c> and <c>end</c>,
    /// which are optional and would otherwise fail the request or slow it); false for other names. Sign-in never succeeds
    /// (an unknown user), so that no probe replaces the session it runs in; a password change never matches the current one.
    /// </summary>
    private static bool TryValidField(string operation, string name, Dictionary<string, string> valid, out JsonNode? value)
    {
        var signIn = operation == "POST /api/v1/auth/login";
        value = name switch
        {
            "enterpriseId" => long.Parse(valid["enterprise"], CultureInfo.InvariantCulture),
            "date" or "asOf" => "2020-06-01",
            "from" => "2026-11-02",
            "to" => "2026-11-03",
            "deadline" => "2030-12-31",
            "level" => "General",
            "kind" => "Fine",
            "amountYuan" => 500,
            "status" => "Rectifying",
            "version" => 0,
            "inspectorVisits" => 2,
            "longitude" => 111.6,
            "latitude" => 26.4,
            "teams" or "team" or "priority" => 1,
            "keepOrder" => true,
            "timeLimitSeconds" => 0.2,
            "speedKmh" => 30,
            "workingTimeSeconds" => 28_800,
            "serviceTimeSeconds" => 600,
            "district" => "431103",
            "crs" => "wgs84",
            "encoding" => "auto",
            "duplicates" => "reject",
            "uploadId" => new string('0', 32),
            "dryRun" => true,
            "expiresInDays" => 1,
            "role" => "Inspector",
            "townships" => new JsonArray(ChiefTownship),
            "userName" => signIn ? "fuzz-nobody" : "fuzz-user",
            "password" => signIn ? "not-the-password" : "Fuzz-Passw0rd-2020",
            "newPassword" => "Fuzz-Passw0rd-2020",
            "currentPassword" => "not-the-password",
            _ => null,
        };
        return value is not null || name is "department" or "end";
    }

    /// <summary>
    /// Every field of <paramref name="body"/> with its schema: properties, nested objects' fields and the first array
    /// element's (paths such as <c>hazards[0].deadline</c>).
    /// </summary>
    private static IEnumerable<(string Path, JsonObject Schema)> Fields(JsonObject schema, JsonObject document, JsonNode? body, string prefix)
    {
        if (body is JsonObject obj && schema["properties"] is JsonObject properties)
        {
            foreach (var (name, child) in obj)
            {
                var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
                var childSchema = properties[name] is { } s ? Resolve(s, document) : new JsonObject();
                yield return (path, childSchema);
                foreach (var inner in Fields(childSchema, document, child, path)) yield return inner;
            }
        }
        else if (body is JsonArray { Count: > 0 } array && schema["items"] is { } items)
        {
            var itemSchema = Resolve(items, document);
            yield return ($"{prefix}[0]", itemSchema);
            foreach (var inner in Fields(itemSchema, document, array[0], $"{prefix}[0]")) yield return inner;
        }
    }

    /// <summary><paramref name="body"/> as JSON text with the field at <paramref name="path"/> replaced by raw JSON.</summary>
    private static string Replace(JsonNode body, string path, string raw)
    {
        const string marker = "\u0001fuzz\u0001";
        var copy = body.DeepClone();
        var segments = path.Replace("[0]", ".[0]", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries);
        var parent = segments[..^1].Aggregate(copy, (node, segment) => segment == "[0]" ? node[0]! : node[segment]!);
        if (segments[^1] == "[0]") parent[0] = marker;
        else parent[segments[^1]] = marker;
        return copy.ToJsonString().Replace(JsonSerializer.Serialize(marker), raw, StringComparison.Ordinal);
    }

    private static JsonObject Resolve(JsonNode schema, JsonObject document)
    {
        var reference = (string?)schema["$ref"] ?? (string?)schema["allOf"]?[0]?["$ref"];
        return reference is null ? schema.AsObject() : document["components"]!["schemas"]![reference.Split('/')[^1]]!.AsObject();
    }

    /// <summary>Percent-encodes any string as UTF-8 (a lone surrogate becomes U+FFFD, as a browser sends it).</summary>
    private static string Escape(string value)
        => string.Concat(Encoding.UTF8.GetBytes(value).Select(b =>
            char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~' ? ((char)b).ToString() : $"%{b:X2}"));

    /// <summary>A multipart upload of a two-line enterprise CSV under <paramref name="fileName"/> (sent as filename*, RFC 5987, which carries any name).</summary>
    private static MultipartFormDataContent Upload(string fileName)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("统一社会信用代码,企业名称\n91431103MA4L000000,测试\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = fileName };
        return new MultipartFormDataContent { file };
    }

    private static string Show(string value)
        => JsonSerializer.Serialize(value.Length > 40 ? $"{value[..20]}…({value.Length} chars)" : value);
}
