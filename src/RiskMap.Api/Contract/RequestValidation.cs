using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace RiskMap.Api.Contract;

/// <summary>
/// Validates an endpoint's typed inputs before its handler runs — the <c>[AsParameters]</c> query records and the JSON
/// body — with the <see cref="System.ComponentModel.DataAnnotations"/> attributes on their members
/// (<see cref="RequiredAttribute"/>, <see cref="RangeAttribute"/>, <see cref="StringLengthAttribute"/>, the service's
/// <see cref="ICodedValidationAttribute"/>s), every enum member for a value its type defines (a number that names none is
/// <see cref="ProblemCodes.FormatOneOf"/>), and then <see cref="IValidatableObject"/> for rules over several members,
/// nested records and lists of records included. Every failure becomes a <see cref="FieldError"/> with a stable code, so
/// the answer is one 400 problem (<see cref="Problems.Invalid(IEnumerable{FieldError})"/>) naming each parameter or
/// JSON path, written in the caller's language. A record's <see cref="IValidatableObject"/> runs only when its members
/// passed, as DataAnnotations does; a result's member name is a property of the record or a JSON path below it
/// (<c>stops[2].team</c>), for rules that name an element of a list.
/// </summary>
/// <remarks>
/// The service runs the attributes itself instead of .NET 10's <c>AddValidation()</c> pipeline because that pipeline
/// reduces each failure to a message string: it keeps neither which rule failed nor its arguments, and has no hook for
/// localised messages (added to Microsoft.Extensions.Validation after .NET 10). The attributes and
/// <see cref="IValidatableObject"/> are the same either way.
/// </remarks>
public static class RequestValidation
{
    /// <summary>
    /// An endpoint filter factory for a route group: validates the arguments of each endpoint that are
    /// <c>[AsParameters]</c> records (fields named by their query names) or the JSON body (fields named by JSON path).
    /// </summary>
    public static EndpointFilterDelegate Factory(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var services = context.ApplicationServices.GetService<Microsoft.Extensions.DependencyInjection.IServiceProviderIsService>();
        var json = context.ApplicationServices.GetService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>()?.Value.SerializerOptions;
        var inputs = context.MethodInfo.GetParameters()
            .Select((p, i) => (Parameter: p, Index: i, Kind: KindOf(p, services)))
            .Where(p => p.Kind != InputKind.None)
            .ToArray();
        if (inputs.Length == 0) return next;
        return async invocation =>
        {
            var errors = new List<FieldError>();
            foreach (var (_, index, kind) in inputs)
            {
                if (invocation.Arguments[index] is not { } value) continue;
                if (kind == InputKind.Query) EnumNames(value, invocation.HttpContext.Request.Query, errors);
                Validate(value, "", kind == InputKind.Query ? QueryName : (m => JsonName(m, json)), errors, depth: 0);
            }
            return errors.Count > 0 ? Problems.Invalid(errors) : await next(invocation);
        };
    }

    /// <summary>Validates <paramref name="value"/> outside an endpoint (a request read by hand), fields named by JSON path.</summary>
    public static IReadOnlyList<FieldError> ValidateBody(object value, JsonSerializerOptions? json = null)
    {
        var errors = new List<FieldError>();
        Validate(value, "", m => JsonName(m, json), errors, depth: 0);
        return errors;
    }

    private enum InputKind { None, Query, Body }

    /// <summary>The type of <paramref name="method"/>'s JSON body parameter, or null when it takes none.</summary>
    internal static Type? BodyType(MethodInfo method, Microsoft.Extensions.DependencyInjection.IServiceProviderIsService? services)
        => method.GetParameters().FirstOrDefault(p => KindOf(p, services) == InputKind.Body)?.ParameterType;

    /// <summary>A validated property and its attributes, Required first (found once per type).</summary>
    private sealed record Member(PropertyInfo Property, ValidationAttribute[] Attributes);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Member[]> Members = new();

    private static Member[] MembersOf(Type type) => Members.GetOrAdd(type, t => t
        .GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0)
        .Select(p => new Member(p, Attributes(t, p).ToArray())).ToArray());

    private static InputKind KindOf(ParameterInfo parameter, Microsoft.Extensions.DependencyInjection.IServiceProviderIsService? services)
    {
        if (parameter.IsDefined(typeof(AsParametersAttribute))) return InputKind.Query;
        if (parameter.IsDefined(typeof(FromBodyAttribute))) return InputKind.Body;
        var type = parameter.ParameterType;
        if (parameter.GetCustomAttributes().Any(a => a is FromServicesAttribute or FromQueryAttribute or FromRouteAttribute or FromHeaderAttribute or FromFormAttribute))
            return InputKind.None;
        if (!IsRecordOfOurs(type) || services?.IsService(type) == true) return InputKind.None;
        return InputKind.Body;
    }

    private static bool IsRecordOfOurs(Type type) => type.Assembly == typeof(RequestValidation).Assembly && type is { IsClass: true, IsAbstract: false };

    private static void Validate(object value, string prefix, Func<MemberInfo, string> name, List<FieldError> errors, int depth)
    {
        if (depth > 16) return;
        var type = value.GetType();
        var before = errors.Count;
        foreach (var (property, attributes) in MembersOf(type))
        {
            var field = prefix + name(property);
            var memberValue = property.GetValue(value);
            var failed = false;
            foreach (var attribute in attributes)
            {
                if (attribute.IsValid(memberValue)) continue;
                errors.Add(Error(field, attribute, memberValue));
                failed = true;
                break;
            }
            switch (memberValue)
            {
                case string:
                    break;
                case Enum named when !failed && !Enum.IsDefined(named.GetType(), named) && !errors.Any(e => e.Field == field):
                    // A number that names no value: the query binder and the JSON converter both take numbers.
                    errors.Add(new FieldError(field, ProblemCodes.FormatOneOf, named, Enum.GetNames(named.GetType())));
                    break;
                case IEnumerable items when IsListOfRecords(property.PropertyType):
                    var i = 0;
                    foreach (var item in items)
                    {
                        if (item is not null) Validate(item, $"{field}[{i}].", name, errors, depth + 1);
                        i++;
                    }
                    break;
                case { } nested when IsRecordOfOurs(nested.GetType()):
                    Validate(nested, field + ".", name, errors, depth + 1);
                    break;
            }
        }
        if (errors.Count == before && value is IValidatableObject rules)
        {
            foreach (var result in rules.Validate(new ValidationContext(value)))
            {
                var members = result.MemberNames.Any() ? result.MemberNames : [""];
                foreach (var member in members)
                {
                    var property = member.Length == 0 ? null : type.GetProperty(member);
                    // A member name that is a path below the record (stops[2].team, as the JSON names it) is kept as it is.
                    var field = property is not null ? prefix + name(property)
                        : member.IndexOfAny(['.', '[']) > 0 ? prefix + member
                        : prefix.TrimEnd('.') is { Length: > 0 } p ? p : "body";
                    errors.Add(result is CodedValidationResult coded
                        ? new FieldError(field, coded.Code, coded.Args)
                        : new FieldError(field, ProblemCodes.Invalid, result.ErrorMessage));
                }
            }
        }
    }

    /// <summary>
    /// An enum member of a query record given as anything but one of its names (exact case): the framework binds numbers
    /// (<c>openHazardLevel=1</c>) and comma-separated lists (<c>Major,General</c>, combined as flags) as values, so the raw
    /// text is checked here (<see cref="ProblemCodes.FormatOneOf"/> naming the parameter).
    /// </summary>
    private static void EnumNames(object record, IQueryCollection query, List<FieldError> errors)
    {
        foreach (var (property, _) in MembersOf(record.GetType()))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (!type.IsEnum) continue;
            var name = QueryName(property);
            var raw = query.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value.ToString();
            if (raw.Length > 0 && !Enum.GetNames(type).Contains(raw, StringComparer.Ordinal))
                errors.Add(new FieldError(name, ProblemCodes.FormatOneOf, raw, Enum.GetNames(type)));
        }
    }

    /// <summary>Validation attributes of a property, including those written on a positional record's constructor parameter.</summary>
    private static IEnumerable<ValidationAttribute> Attributes(Type type, PropertyInfo property)
    {
        var own = property.GetCustomAttributes<ValidationAttribute>(true);
        var parameter = type.GetConstructors().SelectMany(c => c.GetParameters())
            .FirstOrDefault(p => p.Name == property.Name && p.ParameterType == property.PropertyType);
        var onParameter = parameter?.GetCustomAttributes<ValidationAttribute>(true) ?? [];
        // Required first: a missing value reports only that it is missing.
        return own.Concat(onParameter).Distinct().OrderBy(a => a is RequiredAttribute ? 0 : 1);
    }

    private static bool IsListOfRecords(Type type)
    {
        var element = type.IsArray ? type.GetElementType()
            : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        return element is not null && IsRecordOfOurs(element);
    }

    /// <summary>The coded error of a failed attribute: its own code for the service's attributes, a standard one otherwise.</summary>
    internal static FieldError Error(string field, ValidationAttribute attribute, object? value) => attribute switch
    {
        ICodedValidationAttribute coded => new FieldError(field, coded.Code, coded.Arguments(value)),
        RequiredAttribute => new FieldError(field, ProblemCodes.Required),
        RangeAttribute range => new FieldError(field, ProblemCodes.Range, range.Minimum, range.Maximum, value),
        StringLengthAttribute length when value is string s && s.Length < length.MinimumLength
            => new FieldError(field, ProblemCodes.LengthMin, length.MinimumLength, s.Length),
        StringLengthAttribute length => new FieldError(field, ProblemCodes.LengthMax, length.MaximumLength, (value as string)?.Length ?? 0),
        MaxLengthAttribute length => new FieldError(field, ProblemCodes.LengthMax, length.Length, Count(value)),
        MinLengthAttribute length => new FieldError(field, ProblemCodes.LengthMin, length.Length, Count(value)),
        _ => new FieldError(field, ProblemCodes.Invalid, attribute.FormatErrorMessage(field)),
    };

    private static int Count(object? value) => value switch
    {
        string s => s.Length,
        ICollection c => c.Count,
        _ => 0,
    };

    /// <summary>The query name of a member of an <c>[AsParameters]</c> record: <c>[FromQuery(Name)]</c>, else the name in camel case.</summary>
    internal static string QueryName(MemberInfo member)
        => member.GetCustomAttribute<FromQueryAttribute>()?.Name
           ?? (member.DeclaringType?.GetConstructors().SelectMany(c => c.GetParameters()).FirstOrDefault(p => p.Name == member.Name)
               ?.GetCustomAttribute<FromQueryAttribute>()?.Name)
           ?? JsonNamingPolicy.CamelCase.ConvertName(member.Name);

    private static string JsonName(MemberInfo member, JsonSerializerOptions? json)
        => member.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name
           ?? (json?.PropertyNamingPolicy ?? JsonNamingPolicy.CamelCase).ConvertName(member.Name);
}

/// <summary>
/// A validation attribute of the service with a stable problem code; <see cref="Arguments"/> gives the values its
/// message is formatted with (see <see cref="ProblemCodes"/>).
/// </summary>
public interface ICodedValidationAttribute
{
    /// <summary>The code of the failure.</summary>
    string Code { get; }

    /// <summary>The message arguments for the failing <paramref name="value"/>.</summary>
    object?[] Arguments(object? value);
}

/// <summary>
/// A failure of an <see cref="IValidatableObject"/> rule with a stable code and arguments; its
/// <see cref="ValidationResult.ErrorMessage"/> is the code (the text is written from the resources).
/// </summary>
public sealed class CodedValidationResult : ValidationResult
{
    /// <summary>A failure of <paramref name="members"/> (property names) with <paramref name="code"/>.</summary>
    public CodedValidationResult(string code, IEnumerable<string> members, params object?[] args) : base(code, members)
    {
        Code = code;
        Args = args.Select(FieldError.Text).ToArray();
    }

    /// <summary>The code.</summary>
    public string Code { get; }

    /// <summary>The message arguments as text.</summary>
    public IReadOnlyList<string> Args { get; }
}
