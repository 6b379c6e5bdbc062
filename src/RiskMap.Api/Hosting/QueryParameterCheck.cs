using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using RiskMap.Api.Features;

namespace RiskMap.Api.Hosting;

/// <summary>
/// An endpoint filter for <c>/api/v1</c>: a query parameter the handler does not take is a 400 naming it, so that a typo
/// (<c>?sectr=gas</c>) is not silently answered with unfiltered data. The names a handler takes are its simple-typed
/// parameters (strings, numbers, booleans, dates, enums; <c>[FromQuery(Name = …)]</c> where given) that are not route
/// values. <c>/api/v1</c> compares them case-insensitively, as ASP.NET Core binds them; <c>/ogc</c> exactly, as its API
/// definition spells them. Handlers without method metadata are not checked.
/// </summary>
public static class QueryParameterCheck
{
    private static readonly ConcurrentDictionary<MethodInfo, HashSet<string>> Names = new();

    /// <summary>The filter for <c>/api/v1</c>: names compared case-insensitively, as ASP.NET Core binds them.</summary>
    public static ValueTask<object?> CheckAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        => CheckAsync(context, next, caseSensitive: false, rule: null);

    /// <summary>
    /// A filter with the given name comparison: <paramref name="caseSensitive"/> for APIs whose definition fixes the case
    /// (OGC API – Features); <paramref name="rule"/>, when given, is cited in each message (e.g. the requirement id).
    /// </summary>
    public static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> Filter(bool caseSensitive, string? rule)
        => (context, next) => CheckAsync(context, next, caseSensitive, rule);

    /// <summary>400 ProblemDetails listing every query parameter the handler does not take, else the handler's answer.</summary>
    private static async ValueTask<object?> CheckAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, bool caseSensitive, string? rule)
    {
        var http = context.HttpContext;
        if (http.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<MethodInfo>() is { } method && http.Request.Query.Count > 0)
        {
            var routeValues = endpoint is RouteEndpoint route ? route.RoutePattern.Parameters.Select(p => p.Name) : [];
            var allowed = Names.GetOrAdd(method, m => QueryNames(m, routeValues));
            var unknown = http.Request.Query.Keys
                .Where(k => !allowed.TryGetValue(k, out var declared) || (caseSensitive && declared != k))
                .Order(StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                var takes = allowed.Count == 0 ? "-" : string.Join(", ", allowed.Order(StringComparer.Ordinal));
                if (rule is not null) takes += $" ({rule})";
                return Contract.Problems.Invalid(unknown.Select(name => new Contract.FieldError(name, Contract.ProblemCodes.ParameterUnknown, name, takes)));
            }
        }
        return await next(context);
    }

    /// <summary>
    /// Middleware before the endpoints: a query parameter given empty (<c>township=</c>, <c>sector=</c>, <c>asOf=</c>, as forms
    /// and the page send an unset filter) is removed from the request, so that every endpoint answers it as not given —
    /// a default, no filter, or a 400 naming it when the parameter is required — never as a value to look up or parse.
    /// </summary>
    public static IApplicationBuilder DropEmptyQueryValues(IApplicationBuilder app) => app.Use((context, next) =>
    {
        var query = context.Request.Query;
        if (query.Count > 0 && query.Any(p => p.Value.All(string.IsNullOrEmpty)))
        {
            var kept = query.Where(p => !p.Value.All(string.IsNullOrEmpty))
                .SelectMany(p => p.Value.Where(v => !string.IsNullOrEmpty(v)).Select(v => KeyValuePair.Create(p.Key, v)));
            context.Request.QueryString = QueryString.Create(kept);
        }
        return next(context);
    });

    /// <summary>The query parameter names <paramref name="method"/> binds (see the class summary).</summary>
    internal static HashSet<string> QueryNames(MethodInfo method, IEnumerable<string> routeValues)
    {
        var route = routeValues.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in method.GetParameters())
        {
            if (p.IsDefined(typeof(AsParametersAttribute)))
            {
                // A query record: its constructor's parameters, by [FromQuery(Name)] or their name in camel case (as the
                // API definition spells them); route values are not query parameters.
                var ctor = p.ParameterType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
                foreach (var member in ctor.GetParameters().Where(m => !route.Contains(m.Name!) && !m.IsDefined(typeof(FromRouteAttribute))))
                    names.Add(member.GetCustomAttribute<FromQueryAttribute>()?.Name ?? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(member.Name!));
                continue;
            }
            if (p.GetCustomAttribute<FromQueryAttribute>() is { } fromQuery)
            {
                names.Add(fromQuery.Name ?? p.Name!);
                continue;
            }
            if (p.GetCustomAttributes().Any(a => a is FromBodyAttribute or FromServicesAttribute or FromRouteAttribute or FromHeaderAttribute or FromFormAttribute))
                continue;
            var type = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
            var simple = type == typeof(string) || type.IsPrimitive || type.IsEnum || type == typeof(decimal) || type == typeof(DateOnly)
                         || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid)
                         || type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IParsable<>));
            if (simple && !route.Contains(p.Name!)) names.Add(p.Name!);
        }
        return names;
    }
}
