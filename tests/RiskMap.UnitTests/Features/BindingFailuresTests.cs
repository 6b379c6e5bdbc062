using System.Text.Json;
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
    public void A_query_value_that_parses_is_no_error(string raw, Type type) => Assert.Null(BindingFailures.ParseError("p", raw, type));
}
