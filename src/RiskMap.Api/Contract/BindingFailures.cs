using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace RiskMap.Api.Contract;

/// <summary>
/// Turns a request the framework could not bind into a 400 problem that names each bad parameter or field with a stable
/// code (<see cref="ProblemCodes.RequestUnreadable"/>). It reads no exception message: a JSON body's failure is placed by
/// <see cref="JsonException.Path"/> (a member the body's type does not have is an unknown field; one it has, a value of
/// the wrong form, described by the member's declared type) or by the reader's line and position when the body is not
/// JSON at all; a query or route value's failure is found by parsing each value the endpoint takes with its declared
/// type, as binding did. Needs <see cref="Microsoft.AspNetCore.Routing.RouteHandlerOptions.ThrowOnBadRequest"/>.
/// </summary>
public sealed class BindingFailures(IProblemDetailsService problems) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        // The exception handler middleware has cleared the endpoint and route values; its feature keeps them.
        var failed = context.Features.Get<IExceptionHandlerFeature>();
        var method = (failed?.Endpoint ?? context.GetEndpoint())?.Metadata.GetMetadata<MethodInfo>();
        var errors = bad.InnerException is JsonException json
            ? [JsonError(json, method is null ? null : RequestValidation.BodyType(method, context.RequestServices.GetService<Microsoft.Extensions.DependencyInjection.IServiceProviderIsService>()),
                await BufferedBodyAsync(context))]
            : ParameterErrors(context, method, failed?.RouteValues) is { Count: > 0 } found ? found : [BodyError(context, bad)];
        var status = bad.StatusCode == StatusCodes.Status415UnsupportedMediaType ? bad.StatusCode : StatusCodes.Status400BadRequest;
        var problem = Problems.InvalidDetails(errors, ProblemCodes.RequestUnreadable);
        problem.Status = status;
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// The error of a JSON body of <paramref name="bodyType"/> that could not be read. <paramref name="body"/>, the body's bytes when they were kept
    /// (<see cref="BufferJsonBodies"/>), tells a key given twice from a value of the wrong form: both stop the serializer
    /// at a member the body's type has.
    /// </summary>
    internal static FieldError JsonError(JsonException json, Type? bodyType, byte[]? body = null)
    {
        if (json is Hosting.NulCharacterException && json.Path is { } nulPath) return new FieldError(FieldName(nulPath), ProblemCodes.FormatTextNul);
        // The reader's own exception (a JsonException inside the serializer's) means the text is not JSON.
        if (json.InnerException is JsonException || json.Path is null)
            return new FieldError("body", ProblemCodes.BodySyntax, (json.LineNumber ?? 0) + 1, (json.BytePositionInLine ?? 0) + 1);
        // The body itself has the wrong form (an array, a number… where an object is expected): said of the body.
        if (json.Path == "$") return new FieldError("body", Expected(bodyType), "body");
        var field = FieldName(json.Path);
        var (parent, member) = Resolve(bodyType, field);
        if (parent is not null && member is null) return new FieldError(field, ProblemCodes.FieldUnknown, LastSegment(field));
        if (body is not null && RepeatedKey(body) is { } repeated && string.Equals(repeated, LastSegment(field), StringComparison.OrdinalIgnoreCase))
            return new FieldError(field, ProblemCodes.FieldDuplicate, repeated);
        return new FieldError(field, Expected(member?.PropertyType), LastSegment(field));
    }

    /// <summary>
    /// Keeps the bytes of JSON request bodies (small by nature; uploads are multipart) so that
    /// <see cref="BindingFailures"/> can look at a body the serializer refused. Goes before the endpoints.
    /// </summary>
    public static IApplicationBuilder BufferJsonBodies(IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.HasJsonContentType()) context.Request.EnableBuffering();
        return next(context);
    });

    private static async Task<byte[]?> BufferedBodyAsync(HttpContext context)
    {
        if (!context.Request.Body.CanSeek) return null;
        context.Request.Body.Position = 0;
        using var copy = new MemoryStream();
        await context.Request.Body.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>The first property name that an object of <paramref name="body"/> repeats, or null (also when the body is not JSON).</summary>
    internal static string? RepeatedKey(byte[] body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var objects = new Stack<HashSet<string>>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        objects.Push(new HashSet<string>(StringComparer.OrdinalIgnoreCase));
                        break;
                    case JsonTokenType.EndObject:
                        objects.Pop();
                        break;
                    case JsonTokenType.PropertyName when objects.Count > 0:
                        var name = reader.GetString()!;
                        if (!objects.Peek().Add(name)) return name;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return null;
    }

    /// <summary>"$.hazards[0].deadline" → "hazards[0].deadline"; "$" → "body".</summary>
    internal static string FieldName(string jsonPath)
    {
        var name = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        name = name.Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal).TrimStart('.');
        return name.Length == 0 ? "body" : name;
    }

    private static string LastSegment(string field)
    {
        var last = field.Split('.')[^1];
        var bracket = last.IndexOf('[');
        return bracket > 0 ? last[..bracket] : last;
    }

    /// <summary>
    /// Walks <paramref name="field"/> (a JSON path of camel-case names and [i] indexes) through <paramref name="type"/>'s
    /// properties: the type holding the last member and that member (null when the type has no such member).
    /// </summary>
    internal static (Type? Parent, PropertyInfo? Member) Resolve(Type? type, string field)
    {
        if (type is null) return (null, null);
        var current = type;
        PropertyInfo? member = null;
        Type? parent = null;
        foreach (var segment in field.Split('.'))
        {
            var name = segment.Split('[')[0];
            if (current is null) return (null, null);
            parent = current;
            member = current.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (member is null) return (parent, null);
            current = segment.Contains('[') ? ElementType(member.PropertyType) : member.PropertyType;
        }
        return (parent, member);
    }

    private static Type? ElementType(Type type) => type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    /// <summary>The code saying what a member of <paramref name="type"/> expects (<c>json.expect.*</c>).</summary>
    internal static string Expected(Type? type)
    {
        var t = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return t switch
        {
            null => ProblemCodes.JsonExpectValue,
            _ when t == typeof(DateOnly) => ProblemCodes.JsonExpectDate,
            _ when t == typeof(DateTime) || t == typeof(DateTimeOffset) => ProblemCodes.JsonExpectDateTime,
            _ when t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(uint) || t == typeof(ulong) || t == typeof(ushort) || t == typeof(byte) => ProblemCodes.JsonExpectInteger,
            _ when t == typeof(double) || t == typeof(decimal) || t == typeof(float) => ProblemCodes.JsonExpectNumber,
            _ when t == typeof(bool) => ProblemCodes.JsonExpectBoolean,
            _ when t == typeof(string) => ProblemCodes.JsonExpectString,
            _ when t.IsEnum => ProblemCodes.JsonExpectOneOf,
            _ when t != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(t) => ProblemCodes.JsonExpectArray,
            _ => ProblemCodes.JsonExpectObject,
        };
    }

    /// <summary>
    /// The query and route values of the request that do not parse as the endpoint's declared type (expanding
    /// <c>[AsParameters]</c> records), each as a coded error naming the parameter. When there are any, the values that
    /// did parse are checked against their validation attributes too (a range, a code's digits), so that the one answer
    /// names every wrong parameter as validation would have.
    /// </summary>
    internal static List<FieldError> ParameterErrors(HttpContext context, MethodInfo? method, RouteValueDictionary? routeValues)
    {
        var errors = new List<FieldError>();
        if (method is null) return errors;
        var invalid = new List<FieldError>();
        foreach (var (name, type, attributes) in BoundValues(method))
        {
            var raw = (routeValues ?? context.Request.RouteValues).TryGetValue(name, out var routeValue) && routeValue is string r ? r
                : context.Request.Query.TryGetValue(name, out var q) ? q.ToString() : null;
            // An empty value fails binding as any other text that does not parse (only text parameters take it).
            if (raw is null) continue;
            if (ParseError(name, raw, type) is { } error) errors.Add(error);
            else if (attributes.Length > 0 && Parsed(raw, type) is var value && attributes.FirstOrDefault(a => !a.IsValid(value)) is { } failed)
                invalid.Add(RequestValidation.Error(name, failed, value));
        }
        return errors.Count == 0 ? errors : [.. errors, .. invalid];
    }

    /// <summary>Name, type and validation attributes of every simple value an endpoint binds from the query or route.</summary>
    internal static IEnumerable<(string Name, Type Type, ValidationAttribute[] Attributes)> BoundValues(MethodInfo method)
    {
        foreach (var p in method.GetParameters())
        {
            if (p.IsDefined(typeof(AsParametersAttribute)))
            {
                var ctor = p.ParameterType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
                foreach (var member in ctor.GetParameters())
                {
                    var property = p.ParameterType.GetProperty(member.Name!);
                    if (property is not null && !IsSimple(member.ParameterType)) continue;
                    ValidationAttribute[] attributes = [.. member.GetCustomAttributes<ValidationAttribute>(), .. property?.GetCustomAttributes<ValidationAttribute>() ?? []];
                    yield return (member.GetCustomAttribute<FromQueryAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(member.Name!), member.ParameterType,
                        attributes);
                }
                continue;
            }
            if (IsSimple(p.ParameterType) && !p.GetCustomAttributes().Any(a => a is FromServicesAttribute or FromBodyAttribute or FromHeaderAttribute))
                yield return (p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.GetCustomAttribute<FromRouteAttribute>()?.Name ?? p.Name!, p.ParameterType,
                    [.. p.GetCustomAttributes<ValidationAttribute>()]);
        }
    }

    /// <summary><paramref name="raw"/> as a value of <paramref name="type"/>, for a value <see cref="ParseError"/> accepted; null for types it does not know.</summary>
    private static object? Parsed(string raw, Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        var invariant = CultureInfo.InvariantCulture;
        if (t == typeof(string)) return raw;
        if (t == typeof(int) || t == typeof(long) || t == typeof(short)) return Convert.ChangeType(long.Parse(raw, NumberStyles.Integer, invariant), t, invariant);
        if (t == typeof(double) || t == typeof(decimal) || t == typeof(float)) return Convert.ChangeType(double.Parse(raw, NumberStyles.Float, invariant), t, invariant);
        if (t == typeof(bool)) return bool.Parse(raw);
        if (t == typeof(DateOnly)) return DateOnly.Parse(raw, invariant);
        if (t.IsEnum) return Enum.Parse(t, raw, ignoreCase: true);
        if (TryParseMethod(t) is { } parse)
        {
            object?[] args = [raw, invariant, null];
            return (bool)parse.Invoke(null, args)! ? args[2] : null;
        }
        return null;
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateOnly) || t == typeof(DateTime)
               || t == typeof(DateTimeOffset) || t == typeof(Guid) || TryParseMethod(t) is not null;
    }

    private static MethodInfo? TryParseMethod(Type t) => t.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, null,
        [typeof(string), typeof(IFormatProvider), t.MakeByRefType()], null);

    /// <summary>The error of <paramref name="raw"/> for a value of <paramref name="type"/>, or null when it parses.</summary>
    internal static FieldError? ParseError(string name, string raw, Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        var invariant = CultureInfo.InvariantCulture;
        if (t == typeof(string)) return null;
        if (t == typeof(int) || t == typeof(long) || t == typeof(short))
            return long.TryParse(raw, NumberStyles.Integer, invariant, out var n) && FitsIn(t, n) ? null : new FieldError(name, ProblemCodes.FormatInteger, raw);
        if (t == typeof(double) || t == typeof(decimal) || t == typeof(float))
            return double.TryParse(raw, NumberStyles.Float, invariant, out _) ? null : new FieldError(name, ProblemCodes.FormatNumber, raw);
        if (t == typeof(bool)) return bool.TryParse(raw, out _) ? null : new FieldError(name, ProblemCodes.FormatBoolean, raw);
        if (t == typeof(DateOnly)) return DateOnly.TryParse(raw, invariant, out _) ? null : new FieldError(name, ProblemCodes.FormatDate, raw);
        if (t == typeof(DateTime) || t == typeof(DateTimeOffset))
            return DateTimeOffset.TryParse(raw, invariant, out _) ? null : new FieldError(name, ProblemCodes.FormatDateTime, raw);
        if (t.IsEnum)
            // As the framework binds: the name in its own case (Enum.TryParse without ignoreCase), or a number.
            return Enum.TryParse(t, raw, ignoreCase: false, out _) ? null
                : new FieldError(name, ProblemCodes.FormatOneOf, raw, Enum.GetNames(t));
        if (TryParseMethod(t) is { } parse)
        {
            object?[] args = [raw, invariant, null];
            if ((bool)parse.Invoke(null, args)!) return null;
            // A value type of the service says what it expects through its own code (IQueryValue).
            var code = t.GetProperty("ProblemCode", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string;
            var more = t.GetProperty("ProblemArgs", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as IReadOnlyList<string> ?? [];
            return code is null ? new FieldError(name, ProblemCodes.FormatText, raw) : new FieldError(name, code, (IReadOnlyList<string>)[raw, .. more]);
        }
        return null;
    }

    private static bool FitsIn(Type t, long n) => t == typeof(long) || (t == typeof(int) ? n is >= int.MinValue and <= int.MaxValue : n is >= short.MinValue and <= short.MaxValue);

    private static FieldError BodyError(HttpContext context, BadHttpRequestException bad)
        => bad.StatusCode == StatusCodes.Status415UnsupportedMediaType || !(context.Request.HasJsonContentType() || context.Request.ContentLength is null or 0)
            ? new FieldError("body", ProblemCodes.MediaTypeUnsupported)
            : new FieldError("body", ProblemCodes.BodyRequired);
}
