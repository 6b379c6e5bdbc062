using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RiskMap.Api.Contract;
using RiskMap.Api.Features.Records;

namespace RiskMap.UnitTests.Features;

/// <summary>
/// What a request the framework could not bind is answered with: the field found by its JSON path or by parsing the
/// value with its declared type — never by reading the framework's message.
/// </summary>
public class BindingFailuresTests
{
    [Theory]
    [InlineData("deadline", ProblemCodes.JsonExpectDate)]
    [InlineData("version", ProblemCodes.JsonExpectInteger)]
    [InlineData("reason", ProblemCodes.JsonExpectString)]
    public void A_value_of_the_wrong_form_is_described_by_the_field_s_declared_type(string field, string code)
    {
        var (parent, member) = BindingFailures.Resolve(typeof(DeadlineExtensionRequest), field);
        Assert.Equal(typeof(DeadlineExtensionRequest), parent);
        Assert.Equal(code, BindingFailures.Expected(member!.PropertyType));
    }

    [Fact]
    public void A_path_into_a_list_of_records_reaches_the_element_s_field()
    {
        var (parent, member) = BindingFailures.Resolve(typeof(RecordInspectionRequest), "hazards[0].deadline");
        Assert.Equal(typeof(NewHazard), parent);
        Assert.Equal(ProblemCodes.JsonExpectDate, BindingFailures.Expected(member!.PropertyType));
    }

    [Fact]
    public void A_member_the_body_does_not_have_is_an_unknown_field()
    {
        var (parent, member) = BindingFailures.Resolve(typeof(DeadlineExtensionRequest), "dueDate");
        Assert.Equal(typeof(DeadlineExtensionRequest), parent);
        Assert.Null(member);
    }

    [Fact]
    public void Text_that_is_not_json_is_placed_by_line_and_position()
    {
        var syntax = new JsonException("outer", "$", 0, 9, new JsonException("reader"));
        var error = BindingFailures.JsonError(syntax, null);
        Assert.Equal(("body", ProblemCodes.BodySyntax), (error.Field, error.Code));
        Assert.Equal(["1", "10"], error.Args);
    }

    [Theory]
    [InlineData("$", "body")]
    [InlineData("$.stops[1].enterpriseId", "stops[1].enterpriseId")]
    [InlineData("$['hazards'][0]", "hazards[0]")]
    public void Json_paths_become_field_names(string path, string field) => Assert.Equal(field, BindingFailures.FieldName(path));

    [Theory]
    [InlineData("page", "abc", typeof(int), ProblemCodes.FormatInteger)]
    [InlineData("page", "99999999999", typeof(int), ProblemCodes.FormatInteger)]
    [InlineData("open", "yes", typeof(bool?), ProblemCodes.FormatBoolean)]
    [InlineData("asOf", "2020-02-30", typeof(DateOnly?), ProblemCodes.FormatDate)]
    [InlineData("sector", "gaz", typeof(SectorList), ProblemCodes.FormatSector)]
    [InlineData("bbox", "1,2,3", typeof(BoundingBox?), ProblemCodes.FormatBoundingBox)]
    [InlineData("crs", "utm", typeof(OutputCrs), ProblemCodes.FormatCrs)]
    [InlineData("township", "12,431103105", typeof(TownshipList), ProblemCodes.FormatCodeList)]
    [InlineData("township", ",", typeof(TownshipList), ProblemCodes.FormatCodeList)]
    [InlineData("sector", " , ", typeof(SectorList), ProblemCodes.FormatSector)]
    public void A_query_value_that_does_not_parse_is_named_with_the_code_of_its_type(string name, string raw, Type type, string code)
    {
        var error = BindingFailures.ParseError(name, raw, type);
        Assert.NotNull(error);
        Assert.Equal(name, error.Field);
        Assert.Equal(code, error.Code);
        Assert.Equal(raw, error.Args[0]);
    }

    [Theory]
    [InlineData("12", typeof(int))]
    [InlineData("true", typeof(bool))]
    [InlineData("2020-02-29", typeof(DateOnly))]
    [InlineData("gas,fireworks", typeof(SectorList))]
    [InlineData("111.5,26.3,111.7,26.5", typeof(BoundingBox))]
    [InlineData("GCJ02", typeof(OutputCrs))]
    [InlineData("431103105, 431103101,431103105", typeof(TownshipList))]
    [InlineData("", typeof(TownshipList))]
    [InlineData(" ", typeof(SectorList))]
    public void A_query_value_that_parses_is_no_error(string raw, Type type) => Assert.Null(BindingFailures.ParseError("p", raw, type));

    /// <summary>The handlers of /api/v1 that bind an <c>[AsParameters]</c> query record with validation attributes.</summary>
    public static TheoryData<string> HandlersWithCheckedQueries()
    {
        var data = new TheoryData<string>();
        foreach (var method in typeof(ProblemCodes).Assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)))
        {
            if (method.GetParameters().Any(p => p.IsDefined(typeof(AsParametersAttribute)))
                && BindingFailures.BoundValues(method).Any(v => v.Attributes.Length > 0 && v.Type != typeof(string)))
                data.Add($"{method.DeclaringType!.FullName}.{method.Name}");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(HandlersWithCheckedQueries))]
    public void A_value_that_does_not_parse_is_answered_with_every_other_parameter_outside_its_range(string handler)
    {
        var method = Handler(handler);
        var values = BindingFailures.BoundValues(method).ToList();
        // One value of a typed parameter that cannot parse, every checked number out of range (text lengths are validation's).
        var (unparsable, _, _) = values.First(v => Nullable.GetUnderlyingType(v.Type) is { } t ? t != typeof(string) : v.Type != typeof(string));
        var outOfRange = values.Where(v => v.Name != unparsable && v.Attributes.OfType<InRangeAttribute>().Any(a => a.Range is Api.Features.ValueRange<int> { Unit: not Api.Features.Ranges.Characters })).ToList();
        var query = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { [unparsable] = "not-a-value" };
        foreach (var (name, _, _) in outOfRange) query[name] = "-1";
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Query = new Microsoft.AspNetCore.Http.QueryCollection(query);

        var errors = BindingFailures.ParameterErrors(context, method, new Microsoft.AspNetCore.Routing.RouteValueDictionary());

        Assert.Equal([unparsable, .. outOfRange.Select(v => v.Name)], errors.Select(e => e.Field));
        Assert.All(errors.Skip(1), e => Assert.Equal(ProblemCodes.Range, e.Code));

        // Without a value that does not parse the exception came from elsewhere (the body): the ranges are validation's, not named here.
        query.Remove(unparsable);
        context.Request.Query = new Microsoft.AspNetCore.Http.QueryCollection(query);
        Assert.Empty(BindingFailures.ParameterErrors(context, method, new Microsoft.AspNetCore.Routing.RouteValueDictionary()));
    }

    private static MethodInfo Handler(string name)
    {
        var dot = name.LastIndexOf('.');
        return typeof(ProblemCodes).Assembly.GetType(name[..dot])!.GetMethod(name[(dot + 1)..], BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!;
    }
}
