namespace RiskMap.Api.Contract;

/// <summary>
/// The stable, machine-readable codes of the problems and field errors the service answers with. Each code is a key of
/// the message resources (<c>Resources/Messages.resx</c>, Chinese, and <c>Messages.en.resx</c>, English) whose text is
/// formatted with the problem's <c>args</c>; a problem-level code also has a <c>{code}.title</c>. A test checks that
/// every constant here has its texts in both languages with the same placeholders. Scripts match on these codes,
/// never on the text. Features keep their own codes in classes of their own marked <see cref="ProblemCodeListAttribute"/>
/// (e.g. <c>HazardProblemCodes</c>); these are the codes shared by every endpoint.
/// </summary>
[ProblemCodeList]
public static class ProblemCodes
{
    // Problem-level codes (title + detail).

    /// <summary>400: one or more parameters or fields are wrong; see <c>errors</c> / <c>errorCodes</c>.</summary>
    [ProblemTitle]
    public const string RequestInvalid = "request.invalid";
    /// <summary>400: the request could not be read (body or parameter values of the wrong form); see <c>errors</c>.</summary>
    [ProblemTitle]
    public const string RequestUnreadable = "request.unreadable";
    /// <summary>403: args: township, parameter.</summary>
    [ProblemTitle]
    public const string OutsideScope = "scope.outside";
    /// <summary>404: args: district code, parameter.</summary>
    [ProblemTitle]
    public const string DistrictUnknown = "district.unknown";
    /// <summary>404: args: township code, parameter.</summary>
    [ProblemTitle]
    public const string TownshipUnknown = "township.unknown";
    /// <summary>404: args: township code, district code, parameter.</summary>
    [ProblemTitle]
    public const string TownshipUnknownInDistrict = "township.unknown-in-district";
    /// <summary>404: nothing at the path; args: path.</summary>
    [ProblemTitle]
    public const string PathUnknown = "path.unknown";
    /// <summary>405: args: method, path.</summary>
    [ProblemTitle]
    public const string MethodNotAllowed = "method.not-allowed";
    /// <summary>415: the body must be JSON.</summary>
    [ProblemTitle]
    public const string MediaTypeUnsupported = "media-type.unsupported";

    // Field-level codes (message only).

    /// <summary>A value is required here.</summary>
    public const string Required = "required";
    /// <summary>args: minimum, maximum, value.</summary>
    public const string Range = "range";
    /// <summary>args: first allowed day, last allowed day, value.</summary>
    public const string DateRange = "date.range";
    /// <summary>args: maximum length, actual length.</summary>
    public const string LengthMax = "length.max";
    /// <summary>args: minimum length, actual length.</summary>
    public const string LengthMin = "length.min";
    /// <summary>args: value.</summary>
    public const string FormatInteger = "format.integer";
    /// <summary>args: value.</summary>
    public const string FormatNumber = "format.number";
    /// <summary>args: value.</summary>
    public const string FormatBoolean = "format.boolean";
    /// <summary>args: value.</summary>
    public const string FormatDate = "format.date";
    /// <summary>args: value.</summary>
    public const string FormatDateTime = "format.date-time";
    /// <summary>args: value, allowed values.</summary>
    public const string FormatOneOf = "format.one-of";
    /// <summary>args: value, number of digits.</summary>
    public const string FormatCode = "format.code";
    /// <summary>args: value, number of digits of each code.</summary>
    public const string FormatCodeList = "format.code-list";
    /// <summary>The database holds several districts and the request names none.</summary>
    public const string DistrictRequired = "district.required";
    /// <summary>The database holds no district yet.</summary>
    public const string DistrictNone = "district.none";
    /// <summary>args: value, known sector codes.</summary>
    public const string FormatSector = "format.sector";
    /// <summary>args: value.</summary>
    public const string FormatBoundingBox = "format.bbox";
    /// <summary>args: value, known coordinate systems.</summary>
    public const string FormatCrs = "format.crs";
    /// <summary>args: value.</summary>
    public const string FormatText = "format.text";
    /// <summary>A text holds U+0000, which no text field can hold.</summary>
    public const string FormatTextNul = "format.text-nul";
    /// <summary>A JSON value of the wrong form; the field expects a value. args: field name.</summary>
    public const string JsonExpectValue = "json.expect.value";
    /// <summary>A JSON value of the wrong form; the field expects a date yyyy-MM-dd. args: field name.</summary>
    public const string JsonExpectDate = "json.expect.date";
    /// <summary>A JSON value of the wrong form; the field expects an ISO 8601 date and time. args: field name.</summary>
    public const string JsonExpectDateTime = "json.expect.date-time";
    /// <summary>A JSON value of the wrong form; the field expects a whole number in range. args: field name.</summary>
    public const string JsonExpectInteger = "json.expect.integer";
    /// <summary>A JSON value of the wrong form; the field expects a number in range. args: field name.</summary>
    public const string JsonExpectNumber = "json.expect.number";
    /// <summary>A JSON value of the wrong form; the field expects true or false. args: field name.</summary>
    public const string JsonExpectBoolean = "json.expect.boolean";
    /// <summary>A JSON value of the wrong form; the field expects a string. args: field name.</summary>
    public const string JsonExpectString = "json.expect.string";
    /// <summary>A JSON value of the wrong form; the field expects one of its documented values. args: field name.</summary>
    public const string JsonExpectOneOf = "json.expect.one-of";
    /// <summary>A JSON value of the wrong form; the field expects a JSON array. args: field name.</summary>
    public const string JsonExpectArray = "json.expect.array";
    /// <summary>A JSON value of the wrong form; the field expects a JSON object with the documented fields. args: field name.</summary>
    public const string JsonExpectObject = "json.expect.object";
    /// <summary>args: parameter, the operation's parameters.</summary>
    public const string ParameterUnknown = "parameter.unknown";
    /// <summary>args: field.</summary>
    public const string FieldUnknown = "field.unknown";
    /// <summary>args: field.</summary>
    public const string FieldDuplicate = "field.duplicate";
    /// <summary>args: line, byte position in the line.</summary>
    public const string BodySyntax = "body.syntax";
    /// <summary>A JSON body is required.</summary>
    public const string BodyRequired = "body.required";
    /// <summary>args: first parameter, its value, second parameter, its value.</summary>
    public const string PeriodReversed = "period.reversed";
    /// <summary>args: the message of a rule without a code of its own (kept for rules not yet coded).</summary>
    public const string Invalid = "invalid";

    /// <summary>
    /// Every code declared in a <see cref="ProblemCodeListAttribute"/> class of the service, with whether it names a
    /// whole problem (<see cref="ProblemTitleAttribute"/>: it also has a <c>.title</c>).
    /// </summary>
    public static IReadOnlyList<(string Code, bool HasTitle)> All { get; } = typeof(ProblemCodes).Assembly.GetTypes()
        .Where(t => t.IsDefined(typeof(ProblemCodeListAttribute), false))
        .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
        .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
        .Select(f => ((string)f.GetRawConstantValue()!, f.IsDefined(typeof(ProblemTitleAttribute), false)))
        .ToArray();
}

/// <summary>Marks a static class whose string constants are problem codes (see <see cref="ProblemCodes"/>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ProblemCodeListAttribute : Attribute;

/// <summary>Marks a problem code that names a whole problem: its resources have a <c>{code}.title</c> besides the detail.</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class ProblemTitleAttribute : Attribute;
