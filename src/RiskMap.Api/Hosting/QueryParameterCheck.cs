using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using RiskMap.Api.Features;

namespace RiskMap.Api.Hosting;

/// <summary>
/// An endpoint filter for <c>/api/v1</c>: a query parameter the handler does not take is a 400 naming it, so that a typo
/// (<c>?sectr=gas</c>) is not silently answered with unfiltered data. The names a handler takes are its simple-typed
/// parameters (strings, numbers, booleans, dates, enums; <c>[FromQuery(Name = …)]</c> where given) that are not route
/// values, compared case-insensitively as ASP.NET Core binds them. Handlers without method metadata are not checked.
/// </summary>
public static class QueryParameterCheck
{
    private static readonly ConcurrentDictionary<MethodInfo, HashSet<string>> Names = new();

    /// <summary>The filter: 400 ProblemDetails listing every unknown parameter, else the handler.</summary>
    public static async ValueTask<object?> CheckAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<MethodInfo>() is { } method && http.Request.Query.Count > 0)
        {
            var routeValues = endpoint is RouteEndpoint route ? route.RoutePattern.Parameters.Select(p => p.Name) : [];
            var allowed = Names.GetOrAdd(method, m => QueryNames(m, routeValues));
            var unknown = http.Request.Query.Keys.Where(k => !allowed.Contains(k)).Order(StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                var q = new RequestValidator();
                var takes = allowed.Count == 0 ? "no query parameters" : string.Join(", ", allowed.Order(StringComparer.Ordinal));
                foreach (var name in unknown) q.AddError(name, $"Unknown parameter '{name}'. This operation takes: {takes}.");
                return q.ToProblem("Unknown query parameters");
            }
        }
        return await next(context);
    }

    /// <summary>The query parameter names <paramref name="method"/> binds (see the class summary).</summary>
    internal static HashSet<string> QueryNames(MethodInfo method, IEnumerable<string> routeValues)
    {
        var route = routeValues.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in method.GetParameters())
        {
            if (p.GetCustomAttribute<FromQueryAttribute>() is { } fromQuery)
            {
                names.Add(fromQuery.Name ?? p.Name!);
                continue;
            }
            if (p.GetCustomAttributes().Any(a => a is FromBodyAttribute or FromServicesAttribute or FromRouteAttribute or FromHeaderAttribute or FromFormAttribute))
                continue;
            var type = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
            var simple = type == typeof(string) || type.IsPrimitive || type.IsEnum || type == typeof(decimal) || type == typeof(DateOnly)
                         || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid);
            if (simple && !route.Contains(p.Name!)) names.Add(p.Name!);
        }
        return names;
    }
}
