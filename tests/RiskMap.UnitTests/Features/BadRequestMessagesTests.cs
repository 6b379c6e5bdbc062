using RiskMap.Api.Hosting;

namespace RiskMap.UnitTests.Features;

public class BadRequestMessagesTests
{
    [Theory]
    [InlineData("The JSON value could not be converted to System.Nullable`1[System.DateOnly]. Path: $.date | LineNumber: 0 | BytePositionInLine: 21.",
        "The value is not a date, yyyy-MM-dd, that exists.")]
    [InlineData("The JSON value could not be converted to System.Nullable`1[System.Decimal]. Path: $.amountYuan | LineNumber: 0",
        "The value is not a number in range.")]
    [InlineData("The JSON value could not be converted to System.Nullable`1[System.Int32]. Path: $.expiresInDays",
        "The value is not a whole number in range.")]
    [InlineData("The JSON value could not be converted to RiskMap.Api.Features.Accounts.LoginRequest. Path: $ | LineNumber: 0",
        "The value is not a JSON object with the documented fields.")]
    [InlineData("The JSON property 'deadLine' could not be mapped to any .NET member contained in type 'RiskMap.Api.Features.Records.DeadlineExtensionRequest'.",
        "'deadLine' is not a field of this request (see the OpenAPI schema).")]
    [InlineData("'}' is invalid after a value. Expected either ',', '}', or ']'. Path: $ | LineNumber: 0 | BytePositionInLine: 9.",
        "'}' is invalid after a value. Expected either ',', '}', or ']'.")]
    [InlineData("Duplicate property 'kind' encountered during deserialization of type 'RiskMap.Api.Features.Records.RecordEnforcementRequest'.",
        "'kind' is given more than once; send each field once.")]
    public void Json_messages_name_what_the_field_expects_not_the_code(string message, string expected)
    {
        var text = BadRequestExceptionHandler.Trim(message);
        Assert.Equal(expected, text);
        Assert.DoesNotContain("RiskMap.", text);
        Assert.DoesNotContain("System.", text);
    }

    [Theory]
    [InlineData("RiskMap.Api.Features.Records.DeadlineExtensionRequest", "deadline", "The value is not a date, yyyy-MM-dd, that exists.")]
    [InlineData("RiskMap.Api.Features.Records.DeadlineExtensionRequest", "version", "The value is not a whole number in range.")]
    [InlineData("RiskMap.Api.Features.Records.NewHazard", "hazards[0].deadline", "The value is not a date, yyyy-MM-dd, that exists.")]
    public void A_record_named_by_the_reader_gives_way_to_the_type_of_the_field(string record, string field, string expected)
        => Assert.Equal(expected, BadRequestExceptionHandler.Trim($"The JSON value could not be converted to {record}. Path: $.{field} | LineNumber: 0", field));

    [Theory]
    [InlineData("$", "body")]
    [InlineData("$.stops[1].enterpriseId", "stops[1].enterpriseId")]
    public void Json_paths_become_field_names(string path, string field) => Assert.Equal(field, BadRequestExceptionHandler.FieldName(path));

    [Theory]
    [InlineData("Implicit body inferred for parameter \"request\" but no body was provided. Did you mean to use a Service instead?",
        "A JSON request body is required.")]
    [InlineData("Expected a supported JSON media type but got \"text/plain\".", "Send the body as JSON with Content-Type: application/json.")]
    [InlineData("Request body too large.", "Request body too large.")]
    public void Binding_messages_are_plain(string message, string expected)
        => Assert.Equal(expected, BadRequestExceptionHandler.Plain(message));
}
